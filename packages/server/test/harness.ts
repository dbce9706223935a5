import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Projection } from '@veille/domain';
import pino from 'pino';
import { filter, firstValueFrom, map } from 'rxjs';
import { startVeille, type Veille, type VeilleOptions } from '../src/compose/startVeille';
import { loadConfig } from '../src/config';
import type { Bus } from '../src/ports';

/** A data dir that does not exist yet, as on a user's first start (so the demo is seeded). */
export function freshDataDir(): { dir: string; cleanup: () => void } {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'veille-'));
  return { dir: path.join(parent, 'data'), cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/** One app for a whole describe block: started before its tests, then closed and its data dir removed. */
export function appForSuite(env: NodeJS.ProcessEnv = {}, options: VeilleOptions = {}): { readonly app: Veille; readonly dataDir: string } {
  const suite = {} as { app: Veille; dataDir: string };
  let cleanup = (): void => undefined;
  beforeAll(async () => {
    const data = freshDataDir();
    cleanup = data.cleanup;
    suite.dataDir = data.dir;
    suite.app = await startTestApp(data.dir, env, options);
  });
  afterAll(async () => {
    await suite.app?.close();
    cleanup();
  });
  return suite;
}

export function startTestApp(dataDir: string, env: NodeJS.ProcessEnv = {}, options: VeilleOptions = {}): Promise<Veille> {
  return startVeille(loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, ...env }), { log: pino({ level: 'silent' }), ...options });
}

/** Resolves with the first projection, from now on, that satisfies the predicate. */
export function until(bus: Bus, predicate: (state: Projection) => boolean): Promise<Projection> {
  return predicate(bus.current())
    ? Promise.resolve(bus.current())
    : firstValueFrom(
        bus.changes$.pipe(
          map(({ state }) => state),
          filter(predicate),
        ),
      );
}

export function runEnded(bus: Bus): Promise<Projection> {
  return until(bus, (state) => !state.run.active && !!state.run.endedAt);
}
