import { InvalidCommandError, RUN_TRIGGERS } from '@veille/domain';
import { Router } from 'express';
import { z } from 'zod';
import { startRun, stopRun } from '../core/runs';
import type { Deps } from '../ports';

/** The history answers at most this many runs at once. */
export const MAX_RUNS = 1_000;
const DEFAULT_RUNS = 20;
/** The histogram's span: the usage log keeps 90 days. */
const MAX_DAYS = 90;
const DEFAULT_DAYS = 30;

// The page sends no body: a run it starts is the button's. `pnpm process` says it is the CLI.
const startBody = z.strictObject({ trigger: z.enum(RUN_TRIGGERS).default('button') });
const blank = (value: unknown): unknown => (value === '' ? undefined : value);
const countOf = (max: number, fallback: number) => z.preprocess(blank, z.coerce.number().int().min(1).max(max).default(fallback));
const runsQuery = z.object({ limit: countOf(MAX_RUNS, DEFAULT_RUNS) });
const daysQuery = z.object({ days: countOf(MAX_DAYS, DEFAULT_DAYS) });

/** Starting and stopping runs, the history of past runs and the API consumption per day. */
export function runsRouter(deps: Deps): Router {
  const router = Router();

  router.post('/runs', async (request, response) => {
    const body = startBody.safeParse(request.body ?? {});
    if (!body.success) throw new InvalidCommandError(`Corps attendu : rien, ou { "trigger": ${RUN_TRIGGERS.map((one) => `"${one}"`).join(' | ')} }.`);
    const outcome = await startRun(deps, body.data.trigger);
    response.status(outcome.started ? 202 : 200).json(outcome);
  });

  router.post('/runs/stop', (_request, response) => {
    stopRun(deps);
    response.status(202).json({ stopping: true });
  });

  router.get('/runs', async (request, response) => {
    const query = runsQuery.safeParse(request.query);
    if (!query.success) throw new InvalidCommandError(`Paramètre « limit » invalide : un entier de 1 à ${MAX_RUNS} est attendu.`);
    response.json({ runs: await deps.history.list(query.data.limit) });
  });

  router.get('/usage/days', (request, response) => {
    const query = daysQuery.safeParse(request.query);
    if (!query.success) throw new InvalidCommandError(`Paramètre « days » invalide : un entier de 1 à ${MAX_DAYS} est attendu.`);
    response.json({ days: deps.history.usageByDay(query.data.days) });
  });

  return router;
}
