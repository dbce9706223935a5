import pino from 'pino';
import type { Config } from '../config';
import type { Scheduler } from '../core/scheduler';
import type { Listening } from '../http/addresses';
import { startServer } from '../http/server';
import type { Deps } from '../ports';
import { openCore, type CoreOptions } from './startCore';

export type Veille = {
  readonly url: string;
  readonly deps: Deps;
  readonly scheduler: Scheduler;
  close(): Promise<void>;
};

export type VeilleOptions = Omit<CoreOptions, 'origin' | 'demoPagesInProcess'> & {
  /** Called once the port listens, before the table is loaded: where the page can be opened. */
  readonly onListening?: (listening: Listening) => void;
};

/**
 * Veille as `pnpm start` runs it: the core behind its HTTP face. The face binds first, so that the
 * page says "Veille démarre…" while the core opens and loads the table (a large Airtable base takes
 * a while); commands answer 503 until the scheduler listens. The core's origin is the bound one:
 * the demo alerts link to the demo pages this server serves.
 */
export async function startVeille(config: Config, options: VeilleOptions = {}): Promise<Veille> {
  const log = options.log ?? pino({ level: config.logLevel });
  const server = await startServer(config, log);
  options.onListening?.(server.listening);
  const core = await openCore(config, { ...options, log, origin: server.url, unattended: options.unattended ?? true }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  try {
    server.mount(core.deps);
    const scheduler = await core.start();
    log.info({ urls: server.listening.urls, dataDir: config.dataDir }, 'Veille is ready');
    return {
      url: server.url,
      deps: core.deps,
      scheduler,
      close: async () => {
        await core.stop();
        await server.close();
        await core.close();
      },
    };
  } catch (error) {
    await core.close().catch(() => undefined);
    await server.close();
    throw error;
  }
}
