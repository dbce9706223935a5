import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Deps } from '../ports';
import { listeningOn, type Listening } from './addresses';
import { createSite } from './site';
import { createEventStream, type EventStream } from './sse';

const UI_DIST = path.resolve(__dirname, '../../../ui/dist');

/** Veille's HTTP face: the API, the event stream, the demo pages and the page, on a core's deps. */
export type HttpFace = {
  /** A URL the server itself can always reach (loopback when it listens everywhere): Veille's own origin. */
  readonly url: string;
  readonly listening: Listening;
  /** Serves the routes on these deps; until then every request that passes the checks answers "Veille démarre…". */
  mount(deps: Deps): void;
  close(): Promise<void>;
};

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Binds HOST:PORT at once, before any core is there, so the page can say Veille is starting. */
export async function startServer(config: Config, log: Logger): Promise<HttpFace> {
  const site = createSite({
    bound: config.host,
    allowedHosts: config.allowedHosts,
    accessToken: config.accessToken,
    uiDist: UI_DIST,
    log,
  });
  const http = createServer(site.handler);
  const listening = listeningOn(config.host, await listen(http, config.host, config.port));
  let stream: EventStream | undefined;

  return {
    url: listening.url,
    listening,
    mount: (deps) => {
      stream = createEventStream(deps.bus);
      site.mount(deps, stream);
    },
    close: async () => {
      stream?.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}
