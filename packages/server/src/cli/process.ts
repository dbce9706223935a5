import { COLUMNS, deriveTable, PHASE_LABELS, type DomainEvent } from '@veille/domain';
import { filter, firstValueFrom, map } from 'rxjs';
import { startApp } from '../app';
import { startRun } from '../app/runs';
import { ConfigError, loadConfig, loadDotEnv } from '../config';

const line = (text: string): boolean => process.stdout.write(`${text}\n`);

const describe = (event: DomainEvent): string | undefined => {
  switch (event.type) {
    case 'PhaseStarted':
      return `${PHASE_LABELS[event.data.phase]} : démarrage (${event.data.total} à traiter)`;
    case 'PhaseProgressed':
      return event.data.current
        ? `${PHASE_LABELS[event.data.phase]} : ${event.data.done}/${event.data.total} — ${event.data.current}`
        : undefined;
    case 'ItemFailed':
      return `${PHASE_LABELS[event.data.phase]} : échec — ${event.data.error}`;
    case 'PhaseFinished':
      return `${PHASE_LABELS[event.data.phase]} : terminé`;
    case 'PhaseFailed':
      return `${PHASE_LABELS[event.data.phase]} : arrêté — ${event.data.error}`;
    default:
      return undefined;
  }
};

/** `pnpm process`: one full headless run (audit, load, every phase), a progress line per step. */
const main = async (): Promise<number> => {
  loadDotEnv();
  const app = await startApp(loadConfig({ LOG_LEVEL: 'warn', ...process.env }));
  const { bus } = app.deps;
  const progress = bus.changes$.subscribe(({ event }) => {
    const text = describe(event);
    if (text) line(text);
  });
  const ended = firstValueFrom(
    bus.changes$.pipe(
      filter(({ event }) => event.type === 'RunEnded'),
      map(({ state }) => state),
    ),
  );
  const outcome = await startRun(app.deps);
  let failedPhases = 0;
  if (!outcome.started) line(outcome.message);
  else {
    const state = await ended;
    failedPhases = Object.values(state.run.phases).filter((phase) => phase.state === 'failed').length;
    const { totals } = deriveTable(state);
    line(`\nA importer : ${totals.toImport}`);
    line(COLUMNS.filter((column) => totals.counts[column] > 0).map((column) => `${column} : ${totals.counts[column]}`).join(' | '));
  }
  progress.unsubscribe();
  await app.close();
  return failedPhases > 0 ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `Traitement impossible : ${String(error)}`}\n`);
    process.exit(1);
  },
);
