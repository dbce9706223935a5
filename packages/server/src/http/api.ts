import { ConflictError, InvalidCommandError, NotFoundError, PHASES, toView, UnprocessableError } from '@veille/domain';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { setActivation } from '../core/activation';
import { reload } from '../core/reload';
import { InvalidCriteriaError } from '../criteria/criteria';
import { WriteFailedError, writeFailureOf } from '../disk/writeFailures';
import { messageOf, redact, UnavailableError } from '../errors';
import type { Deps } from '../ports';
import { InvalidSettingsError } from '../settings/errors';
import { frameworkMessage } from './body';
import { offersRouter } from './offers';
import { runsRouter } from './runs';
import { scheduleRouter } from './schedule';
import { settingsRouter } from './settings';
import type { EventStream } from './sse';

const activationBody = z.object({ phase: z.enum(PHASES), enabled: z.boolean() });

class BadRequestError extends Error {}

const WRITE_FROM_PAGE = { failed: "la modification demandée n'a pas pu être enregistrée", kept: "rien n'a changé" };

const statusOf = (error: unknown): number => {
  if (
    error instanceof BadRequestError ||
    error instanceof InvalidCommandError ||
    error instanceof InvalidCriteriaError ||
    error instanceof InvalidSettingsError
  ) {
    return 400;
  }
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof UnprocessableError) return 422;
  if (error instanceof UnavailableError) return 503;
  if (error instanceof WriteFailedError) return 507;
  // Express marks its own refusals (a path that cannot be decoded) with their HTTP status.
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
};

export function apiRouter(deps: Deps, stream: EventStream): Router {
  const router = Router();
  const { bus } = deps;

  router.get('/health', (_request, response) => {
    response.json({ status: 'ok', version: bus.current().version, clients: stream.clients() });
  });

  router.get('/state', (_request, response) => {
    response.json(toView(bus.current()));
  });

  router.get('/events', (request, response) => stream.handle(request, response));

  // The offers workspace: lists from the projection, an offer's text from the store, changes by hand.
  router.use(offersRouter(deps));

  // Paramètres: settings.json over the environment, saved whole and applied to the next run; "Tester" each part.
  router.use(settingsRouter(deps));

  // Runs: start (with how they were asked for), stop, their history and the consumption per day.
  router.use(runsRouter(deps));

  // Automatic runs: off, after new mail, or every day at a time.
  router.use(scheduleRouter(deps));

  router.post('/refresh', async (_request, response) => {
    if (bus.current().run.active) {
      throw new ConflictError('Mise à jour impossible pendant un traitement : arrêtez-le ou attendez sa fin.');
    }
    await reload(deps);
    response.json(toView(bus.current()));
  });

  // A file broken by hand comes back as 422 with what is wrong and its text, for the page to fix.
  router.get('/criteria', (_request, response) => {
    const file = deps.criteria.current();
    if (file.valid) response.json(file.criteria);
    else response.status(422).json({ error: file.error, text: file.text });
  });

  router.put('/criteria', async (request, response) => {
    response.json(await deps.criteria.update(request.body));
  });

  router.get('/storage', (_request, response) => {
    const { label, prepare, loadError, links, refreshNote } = deps.storage;
    const note = refreshNote?.();
    response.json({
      label,
      preparable: !!prepare,
      ...(loadError ? { loadError } : {}),
      ...(links ? { baseUrl: links.baseUrl } : {}),
      ...(note ? { refreshNote: note } : {}),
    });
  });

  // The UI's twin of `pnpm setup:airtable`; the table is reloaded once the base is right.
  router.post('/storage/setup', async (_request, response) => {
    const { prepare } = deps.storage;
    if (!prepare) throw new NotFoundError('La base SQLite intégrée se prépare seule : il n’y a rien à préparer.');
    if (bus.current().run.active) throw new ConflictError('Préparation impossible pendant un traitement : arrêtez-le ou attendez sa fin.');
    const { created, problems } = await prepare();
    if (problems.length === 0) {
      // The base's fields may have changed: everything is read again, and the webhook follows the new fields.
      await reload(deps, { full: true });
      deps.storage.loadError = undefined;
    }
    const message =
      problems.length > 0
        ? `${problems.length} point${problems.length > 1 ? 's' : ''} à corriger dans Airtable, puis relancez la préparation.`
        : created.length > 0
          ? `Base prête : ${created.length} élément${created.length > 1 ? 's' : ''} créé${created.length > 1 ? 's' : ''}.`
          : 'Base vérifiée : tout est en place.';
    response.json({ created, problems, message });
  });

  router.post('/sources/:sender/activation', async (request, response) => {
    const body = activationBody.safeParse(request.body);
    if (!body.success) {
      throw new BadRequestError('Corps attendu : { "phase": "import" | "enrich" | "analyse", "enabled": true | false }');
    }
    await setActivation(deps, String(request.params.sender).toLowerCase(), body.data.phase, body.data.enabled);
    response.json({ ok: true });
  });

  router.use((_request: Request, response: Response) => {
    response.status(404).json({ error: 'Route inconnue.' });
  });

  router.use((caught: unknown, _request: Request, response: Response, _next: NextFunction) => {
    // A write the disk refused, from any route (an activation, a setup…), says so like the phases do.
    const error = writeFailureOf(caught, WRITE_FROM_PAGE) ?? caught;
    const status = statusOf(error);
    const message = redact(frameworkMessage(error) ?? messageOf(error), deps.secrets);
    if (status >= 500) deps.log.error({ error: message }, 'request failed');
    // An unexpected error's message may name files of this machine: it goes to the log, not to the page.
    // Refused criteria name each field to fix, for the page to show next to it.
    response.status(status).json({
      error: status === 500 ? 'Erreur interne : le détail est dans le journal de Veille.' : message,
      ...(error instanceof InvalidCriteriaError ? { issues: error.issues } : {}),
      ...(error instanceof InvalidSettingsError ? { fields: error.fields } : {}),
    });
  });

  return router;
}
