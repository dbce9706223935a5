import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { demoPagesRouter } from '../demo/pages';
import type { Deps } from '../ports';
import { loginRouter, tokenRequired } from './access';
import { apiRouter } from './api';
import { jsonBody } from './body';
import { lastResort, notFound } from './fallback';
import { veilleHostOnly } from './hosts';
import { sameOriginOnly } from './origin';
import type { EventStream } from './sse';
import { commandsOnceReady, startingAnswer } from './startup';

export type SiteOptions = {
  /** HOST, as configured. */
  readonly bound: string;
  readonly allowedHosts: readonly string[];
  readonly accessToken?: string;
  readonly uiDist: string;
  readonly log: Logger;
};

export type Site = {
  readonly handler: express.Express;
  /** Serves the API, the demo pages and the page; until then every request that passed the checks answers "Veille démarre…". */
  mount(deps: Deps, stream: EventStream): void;
};

/**
 * Veille's HTTP face. The checks come first, in this order, for every route: the Host (DNS
 * rebinding), the access token when one is set, then for the API the Origin, startup, and only
 * then the body is read.
 */
export function createSite({ bound, allowedHosts, accessToken, uiDist, log }: SiteOptions): Site {
  const web = express();
  web.disable('x-powered-by');
  web.use(veilleHostOnly({ bound, allowedHosts }));
  if (accessToken) web.use(loginRouter(accessToken), tokenRequired(accessToken));
  let routes: RequestHandler | undefined;
  web.use((request, response, next) => (routes ? routes(request, response, next) : startingAnswer(response)));
  web.use(notFound);
  web.use(lastResort(log));

  return {
    handler: web,
    mount: (deps, stream) => {
      const router = Router();
      router.use('/api', sameOriginOnly, commandsOnceReady(deps.bus), jsonBody, apiRouter(deps, stream));
      router.use(demoPagesRouter());
      router.use(express.static(uiDist));
      routes = router;
    },
  };
}
