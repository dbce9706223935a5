import { COLUMNS, deriveTable, PHASE_LABELS, PHASES, type Projection } from '@veille/domain';
import { filter, firstValueFrom, map } from 'rxjs';
import { startCore } from '../compose/startCore';
import { ConfigError, loadConfig, loadDotEnv } from '../config';
import { startRun } from '../core/runs';
import type { Change } from '../ports';

const line = (text: string): boolean => process.stdout.write(`${text}\n`);

/** One line per step; a phase that restarts as new work flows in is not announced again. */
const describe = ({ event, state }: Change): string | undefined => {
  switch (event.type) {
    case 'PhaseStarted': {
      const phase = state.run.phases[event.data.phase];
      return phase.done === 0 ? `${PHASE_LABELS[event.data.phase]} : démarrage (${phase.total} à traiter)` : undefined;
    }
    case 'PhaseProgressed':
      return event.data.current ? `${PHASE_LABELS[event.data.phase]} : ${event.data.done}/${event.data.total} — ${event.data.current}` : undefined;
    case 'ItemFailed':
      return `${PHASE_LABELS[event.data.phase]} : échec — ${event.data.error}`;
    case 'PhaseFailed':
      return `${PHASE_LABELS[event.data.phase]} : arrêté — ${event.data.error}`;
    case 'RunHalted':
      return `Traitements arrêtés — ${event.data.reason}`;
    default:
      return undefined;
  }
};

const summary = (state: Projection): string[] => {
  const { totals } = deriveTable(state);
  return [
    '',
    ...PHASES.map((id) => {
      const phase = state.run.phases[id];
      return `${PHASE_LABELS[id]} : ${phase.done} traité(s)${phase.failed ? `, ${phase.failed} échec(s)` : ''}${phase.error ? ` — ${phase.error}` : ''}`;
    }),
    `A importer : ${totals.toImport}`,
    COLUMNS.filter((column) => totals.counts[column] > 0)
      .map((column) => `${column} : ${totals.counts[column]}`)
      .join(' | '),
  ];
};

/** `pnpm process`: one full headless run (audit, load, every phase), a progress line per step. */
const main = async (): Promise<number> => {
  loadDotEnv();
  // The core alone: no port is bound, so a dashboard may run meanwhile on the same address.
  const core = await startCore(loadConfig({ LOG_LEVEL: 'warn', ...process.env }));
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
  const outcome = await startRun(core.deps);
  let failedPhases = 0;
  if (!outcome.started) line(outcome.message);
  else {
    const state = await ended;
    // A run Veille stopped itself (a write refused) did not finish either.
    failedPhases = PHASES.filter((id) => state.run.phases[id].state === 'failed').length + (state.run.stopReason ? 1 : 0);
    for (const text of summary(state)) line(text);
  }
  progress.unsubscribe();
  await core.close();
  return failedPhases > 0 ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `Traitement impossible : ${String(error)}`}\n`);
    process.exit(1);
  },
);
