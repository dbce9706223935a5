import { Router } from 'express';
import type { Deps } from '../ports';

/**
 * The settings page: GET the settings (secrets as `{ set, hint }`), PUT any part of them (400
 * with a French message per field, 409 during a run), POST a test of one part.
 */
export function settingsRouter({ settings }: Pick<Deps, 'settings'>): Router {
  const router = Router();

  router.get('/settings', (_request, response) => {
    response.json(settings.view());
  });

  router.put('/settings', async (request, response) => {
    response.json(await settings.update(request.body));
  });

  router.post('/settings/test', async (request, response) => {
    response.json(await settings.test(request.body));
  });

  return router;
}
