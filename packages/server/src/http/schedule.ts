import { AUTO_RUN_EXPECTED, InvalidCommandError, isAutoRunMode } from '@veille/domain';
import { Router } from 'express';
import { z } from 'zod';
import { InvalidSettingsError } from '../settings/errors';
import type { Deps } from '../ports';

const scheduleBody = z.strictObject({ mode: z.string().trim().refine(isAutoRunMode) });

/** When Veille runs by itself: GET the mode and the next run, PUT a new mode (kept in settings.json, applied at once). */
export function scheduleRouter({ schedule }: Pick<Deps, 'schedule'>): Router {
  const router = Router();

  router.get('/schedule', (_request, response) => {
    response.json(schedule.view());
  });

  router.put('/schedule', async (request, response) => {
    const body = scheduleBody.safeParse(request.body ?? {});
    if (!body.success) throw new InvalidCommandError(`Corps attendu : { "mode": … }, le mode ${AUTO_RUN_EXPECTED}.`);
    try {
      response.json(await schedule.update(body.data.mode));
    } catch (error) {
      // The environment's AUTO_RUN wins over the page: said in one sentence rather than per field.
      const field = error instanceof InvalidSettingsError ? error.fields['schedule.autoRun'] : undefined;
      throw field ? new InvalidCommandError(`Mode non enregistré : ${field}.`) : error;
    }
  });

  return router;
}
