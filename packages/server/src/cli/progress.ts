import { COLUMNS, deriveTable, PHASE_LABELS, PHASES, runOutcomeOf, type Projection } from '@veille/domain';
import type { Change } from '../ports';

/** The exit codes of `pnpm process`, for cron and scripts. */
export const EXIT = { done: 0, failed: 1, busy: 2 } as const;

/** One line per step; a phase that restarts as new work flows in is not announced again. Run here or followed on a Veille that runs it. */
export function describe({ event, state }: Change): string | undefined {
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
}

/** The lines printed once the run has ended: each phase, then the table's totals. */
export function summary(state: Projection): string[] {
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
}

/** A run that a phase could not finish, or that Veille stopped itself (a write refused), did not end well; one a person stopped did. */
export function exitCodeOf(state: Projection): number {
  const outcome = runOutcomeOf(state.run);
  return outcome === 'failed' || outcome === 'halted' ? EXIT.failed : EXIT.done;
}
