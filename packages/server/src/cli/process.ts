import { filter, firstValueFrom, map } from 'rxjs';
import { startCore } from '../compose/startCore';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config';
import { startRun } from '../core/runs';
import { BesideError, findRunningVeille, runBeside } from './beside';
import { describe, EXIT, exitCodeOf, summary } from './progress';

const line = (text: string): boolean => process.stdout.write(`${text}\n`);

/** No Veille answers: the core alone runs here, binding no port, so one may start meanwhile on the same address. */
const runHere = async (config: Config): Promise<number> => {
  const core = await startCore(config);
  const { bus } = core.deps;
  const progress = bus.changes$.subscribe((change) => {
    const text = describe(change);
    if (text) line(text);
  });
  const ended = firstValueFrom(
    bus.changes$.pipe(
      filter(({ event }) => event.type === 'RunEnded'),
      map(({ state }) => state),
    ),
  );
  try {
    const outcome = await startRun(core.deps, 'cli');
    if (!outcome.started) {
      line(outcome.message);
      return EXIT.done;
    }
    const state = await ended;
    for (const text of summary(state)) line(text);
    return exitCodeOf(state);
  } finally {
    progress.unsubscribe();
    await core.close();
  }
};

/**
 * `pnpm process`: one full headless run, a progress line per step. When a Veille answers on the
 * configured address, it runs there and is followed from here (exit 2 if it is already running one).
 */
const main = async (): Promise<number> => {
  loadDotEnv();
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const running = await findRunningVeille(config);
  return running ? runBeside(running, line) : runHere(config);
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof BesideError;
    process.stderr.write(`${known ? error.message : `Traitement impossible : ${String(error)}`}\n`);
    process.exit(error instanceof BesideError ? error.code : EXIT.failed);
  },
);
