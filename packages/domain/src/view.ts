import type { AutoRunPlan } from './autoRun';
import { actionable } from './decisions';
import { phaseLineState, phaseStateOf, type PhaseLineState } from './phaseLine';
import { PHASES, type PhaseId } from './phases';
import { initialProjection, type PhaseRun, type Projection, type RunDigest } from './projection';
import type { MailboxWatchState, RefusedMail } from './ports';
import { deriveTable, type Table } from './table';
import { noAnalysisBatch } from './workflow/analysisBatch';
import type { Usage } from './usage';

/** What `GET /api/state` answers and the first SSE message carries. */
export type StateView = {
  readonly version: number;
  readonly table: Table;
  readonly run: {
    readonly active: boolean;
    readonly stopping: boolean;
    readonly startedAt?: string;
    readonly endedAt?: string;
    readonly outcome?: 'done' | 'stopped';
    readonly stopReason?: string;
    /** The last run's digest: how many new offers crossed the threshold, and its email. */
    readonly digest?: RunDigest;
    /** Each phase line: `state` is what the line shows (`waiting` while earlier phases may still feed it). */
    readonly phases: (Omit<PhaseRun, 'state'> & { readonly id: PhaseId; readonly state: PhaseLineState; readonly actionable: number })[];
  };
  readonly usage: Usage;
  readonly startup: 'starting' | 'ready';
  readonly tableLoading: boolean;
  readonly mailboxError: string;
  readonly mailboxRefused: readonly RefusedMail[];
  readonly mailboxWatch: MailboxWatchState;
  readonly autoRun: AutoRunPlan;
  /** The batch of analyses pending at half price: "lot en cours (N/M)". */
  readonly analysisBatch: { readonly id: string; readonly done: number; readonly total: number } | null;
};

export function toView(state: Projection): StateView {
  return {
    version: state.version,
    table: deriveTable(state),
    run: {
      active: state.run.active,
      stopping: state.run.stopping,
      startedAt: state.run.startedAt,
      endedAt: state.run.endedAt,
      outcome: state.run.outcome,
      stopReason: state.run.stopReason,
      digest: state.run.digest,
      phases: PHASES.map((id) => ({ id, ...state.run.phases[id], state: phaseLineState(state, id), actionable: actionable(state, id) })),
    },
    usage: state.usage,
    startup: state.startup,
    tableLoading: state.tableLoading,
    mailboxError: state.mailboxError,
    mailboxRefused: state.mailboxRefused,
    mailboxWatch: state.mailboxWatch,
    autoRun: state.autoRun,
    analysisBatch: state.analysisBatch.id ? { id: state.analysisBatch.id, done: state.analysisBatch.done, total: state.analysisBatch.total } : null,
  };
}

/**
 * A projection rebuilt from a view, for a client that then folds the same events. It holds the
 * counters, not the offers: enough for the table, the phase lines and the usage.
 */
export function fromView(view: StateView): Projection {
  const state = initialProjection();
  for (const row of view.table.rows) {
    state.sources.set(row.source, {
      sender: row.source,
      board: row.board,
      activation: row.activation,
      available: row.available,
    });
    state.counts.set(row.source, { ...row.counts });
    if (row.toImport > 0) state.toImport.set(row.source, row.toImport);
  }
  const phases = Object.fromEntries(
    view.run.phases.map(({ id, actionable: _actionable, ...phase }) => [id, { ...phase, state: phaseStateOf(phase.state, phase.total) }]),
  ) as Record<PhaseId, PhaseRun>;
  return {
    ...state,
    version: view.version,
    run: { ...view.run, phases },
    usage: view.usage,
    startup: view.startup,
    tableLoading: view.tableLoading,
    mailboxError: view.mailboxError,
    mailboxRefused: view.mailboxRefused,
    mailboxWatch: view.mailboxWatch,
    autoRun: view.autoRun,
    analysisBatch: { ...noAnalysisBatch(), ...view.analysisBatch },
  };
}
