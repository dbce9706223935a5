import type { NextFunction, Request, Response } from 'express';
import type { Bus } from '../ports';

export const STARTING = 'Veille démarre…';

/**
 * Until the table is loaded and the scheduler listens, a command would act on an empty projection
 * that nothing watches (a run started then never runs): it is refused, and the page says why.
 */
export function commandsOnceReady(bus: Bus) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method === 'GET' || request.method === 'HEAD' || bus.current().startup === 'ready') return next();
    startingAnswer(response);
  };
}

export function startingAnswer(response: Response): void {
  response.status(503).set('Retry-After', '2').json({ error: STARTING });
}
