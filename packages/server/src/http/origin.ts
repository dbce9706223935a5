import type { NextFunction, Request, Response } from 'express';

/**
 * Refuses a state-changing request sent by another site's page: the browser says where it comes
 * from in Origin (and Sec-Fetch-Site); a request with neither, like curl's, is not a browser's.
 */
const hostOf = (origin: string): string | undefined => {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
};

export function sameOriginOnly(request: Request, response: Response, next: NextFunction): void {
  if (request.method === 'GET' || request.method === 'HEAD') return next();
  const origin = request.header('origin');
  const site = request.header('sec-fetch-site');
  const host = request.header('host');
  const sameOrigin = origin === undefined || (host !== undefined && hostOf(origin) === host);
  if (sameOrigin && (site === undefined || site === 'same-origin' || site === 'none')) return next();
  response.status(403).json({ error: 'Requête refusée : elle ne vient pas de la page de Veille.' });
}
