import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { messageOf } from '../errors';
import { frameworkMessage } from './body';

export function notFound(_request: Request, response: Response): void {
  response.status(404).json({ error: 'Page introuvable.' });
}

const clientStatusOf = (error: unknown): number | undefined => {
  const { status } = (error ?? {}) as { status?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

/** Replaces Express's own error page, which shows a stack trace and this machine's paths. */
export function lastResort(log: Logger) {
  return (error: unknown, _request: Request, response: Response, _next: NextFunction): void => {
    const status = clientStatusOf(error);
    if (status === undefined) log.error({ error: messageOf(error) }, 'request failed');
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (status === undefined) response.status(500).json({ error: 'Erreur interne.' });
    else response.status(status).json({ error: frameworkMessage(error) ?? 'Requête invalide.' });
  };
}
