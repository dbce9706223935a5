import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { isLoopbackHost } from './addresses';
import { LOGIN_PAGE_POLICY, loginPage } from './loginPage';
import { sameOriginOnly } from './origin';

export const SESSION_COOKIE = 'veille_session';
const SESSION_MAX_AGE_S = 30 * 86_400;
const WRONG_TOKEN = 'Jeton d’accès incorrect.';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compares in constant time: hashing first gives both sides one length, so not even the length leaks. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The cookie's value: derived from the token, so the token itself never sits in the browser, and a new token ends every session. */
export function sessionOf(token: string): string {
  return createHmac('sha256', token).update('veille-session-v1').digest('base64url');
}

const cookieOf = (request: Request, name: string): string | undefined => {
  for (const pair of (request.header('cookie') ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
};

const bearerOf = (request: Request): string | undefined => /^Bearer +(\S+)\s*$/i.exec(request.header('authorization') ?? '')?.[1];

/** The page fetcher reaches Veille's demo pages from this very machine, and carries no token. */
const fromThisMachine = (request: Request): boolean => {
  const { remoteAddress, localAddress } = request.socket;
  return !!remoteAddress && (isLoopbackHost(remoteAddress) || remoteAddress === localAddress);
};

/** A reverse proxy that ends TLS says so in X-Forwarded-Proto; a lie there only hardens the cookie. */
const overHttps = (request: Request): boolean => request.secure || request.header('x-forwarded-proto')?.split(',')[0].trim().toLowerCase() === 'https';

const sendLoginPage = (response: Response, status: number, error?: string): void => {
  response.status(status).set({ 'Content-Security-Policy': LOGIN_PAGE_POLICY, 'Cache-Control': 'no-store' }).type('html').send(loginPage(error));
};

/** GET /login shows the form; POST /login checks the token and sets the session cookie. */
export function loginRouter(token: string): Router {
  const router = Router();
  const session = sessionOf(token);
  router.get('/login', (_request, response) => sendLoginPage(response, 200));
  router.post('/login', sameOriginOnly, express.urlencoded({ extended: false, limit: '4kb' }), (request: Request, response: Response) => {
    const given: unknown = (request.body as Record<string, unknown> | undefined)?.token;
    if (typeof given !== 'string' || !sameSecret(given, token)) return sendLoginPage(response, 401, WRONG_TOKEN);
    const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${SESSION_MAX_AGE_S}`, ...(overHttps(request) ? ['Secure'] : [])];
    response.set('Set-Cookie', `${SESSION_COOKIE}=${session}; ${attributes.join('; ')}`).redirect(303, '/');
  });
  router.use('/login', (error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    const { status } = (error ?? {}) as { status?: unknown };
    sendLoginPage(response, status === 413 ? 413 : 400, 'Formulaire invalide : saisissez le jeton et réessayez.');
  });
  return router;
}

/**
 * Every request needs the token: `Authorization: Bearer` (curl, scripts, the event stream) or the
 * session cookie the login form set. A page asked by a browser goes to the form instead.
 */
export function tokenRequired(token: string) {
  const session = sessionOf(token);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.path.startsWith('/demo/') && fromThisMachine(request)) return next();
    const bearer = bearerOf(request);
    if (bearer !== undefined) {
      if (sameSecret(bearer, token)) return next();
      response.status(401).set('WWW-Authenticate', 'Bearer realm="Veille", error="invalid_token"').json({ error: WRONG_TOKEN });
      return;
    }
    const cookie = cookieOf(request, SESSION_COOKIE);
    if (cookie !== undefined && sameSecret(cookie, session)) return next();
    const page = (request.method === 'GET' || request.method === 'HEAD') && !/^\/api(?:\/|$)/.test(request.path) && request.accepts('html') === 'html';
    if (page) return response.redirect(303, '/login');
    response
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="Veille"')
      .json({ error: 'Accès refusé : connectez-vous sur la page de Veille, ou envoyez Authorization: Bearer <jeton>.' });
  };
}
