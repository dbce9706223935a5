import express, { type NextFunction, type Request, type Response } from 'express';

const LIMIT_KB = 100;

/** body-parser's and the router's error types, said in French, without their text (which may name files). */
const MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Corps de requête invalide : ce n’est pas du JSON bien formé.',
  'entity.too.large': `Corps de requête trop volumineux : ${LIMIT_KB} ko au plus.`,
  'encoding.unsupported': 'Encodage du corps de requête non pris en charge.',
  'charset.unsupported': 'Jeu de caractères non pris en charge : envoyez de l’UTF-8.',
  'request.aborted': 'Requête interrompue avant la fin de son corps.',
  'request.size.invalid': 'Corps de requête incomplet : sa taille ne correspond pas à Content-Length.',
};

const NOT_JSON = 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).';

type FrameworkError = { status?: unknown; type?: unknown };

/**
 * The French message for a refusal Express or body-parser raised (they carry a 4xx `status`), or
 * undefined for Veille's own errors, whose messages are already meant for the user.
 */
export function frameworkMessage(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type } = error as FrameworkError;
  if (typeof type === 'string' && MESSAGES[type]) return MESSAGES[type];
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return status === 413 ? MESSAGES['entity.too.large'] : status === 415 ? NOT_JSON : 'Requête invalide.';
}

const statusOf = (error: unknown): number => {
  const { status } = error as FrameworkError;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
};

const parseJson = express.json({ limit: `${LIMIT_KB}kb` });

/**
 * Parses a JSON body and answers every failure itself as `{ error }` in French: a body in another
 * type is refused rather than ignored, so a form post never reaches a handler as an empty body.
 */
export function jsonBody(request: Request, response: Response, next: NextFunction): void {
  const hasContent = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (hasContent && !request.is(['application/json', '+json'])) {
    response.status(415).json({ error: NOT_JSON });
    return;
  }
  void parseJson(request, response, (error?: unknown) => {
    if (!error) return next();
    response.status(statusOf(error)).json({ error: frameworkMessage(error) ?? 'Requête invalide.' });
  });
}
