import type { DomainEvent } from './events';
import { perPhase, type PhaseId } from './phases';
import type { Projection, RunState } from './projection';

/** How a run was asked for: the page's button, `pnpm process`, new mail, the daily schedule. */
export const RUN_TRIGGERS = ['button', 'cli', 'mail', 'schedule'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** How a run ended: every phase ran dry, a person stopped it, Veille stopped it (a write refused), or a phase could not run. */
export const RUN_OUTCOMES = ['finished', 'stopped', 'halted', 'failed'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** Failures kept per phase in a record: a run failing on a whole mailbox would otherwise fill the history. */
export const FAILURES_KEPT = 20;

export type RunFailure = { readonly item: string; readonly reason: string };

export type PhaseRecord = {
  readonly done: number;
  readonly failed: number;
  /** The first FAILURES_KEPT failures, each with its reason; `moreFailures` counts the others. */
  readonly failures: readonly RunFailure[];
  readonly moreFailures: number;
  /** Why the phase as a whole could not go on. */
  readonly error?: string;
};

export type RunUsage = {
  /** Per API ("Pages web", "Claude"…): its calls, and how many of each kind. */
  readonly calls: Readonly<Record<string, { readonly total: number; readonly byKind: Readonly<Record<string, number>> }>>;
  readonly tokens: { readonly input: number; readonly output: number; readonly cached: number };
  /** Estimated, in US dollars. */
  readonly cost: number;
};

export type RunRecord = {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly trigger: RunTrigger;
  readonly outcome: RunOutcome;
  /** Why Veille stopped the run itself. */
  readonly reason?: string;
  readonly phases: Readonly<Record<PhaseId, PhaseRecord>>;
  readonly usage: RunUsage;
};

/** A record as the history keeps it, under the id it was given. */
export type RecordedRun = RunRecord & { readonly id: number };

/** A run being recorded, from its RunStarted; `ended` once its RunEnded is folded in. */
export type RunDraft = { readonly run: RunRecord; readonly ended: boolean };

/** The first failure is the one to fix: a halt says more than the phase it stopped, and a phase that could not run more than a stop. */
export function runOutcomeOf(run: RunState): RunOutcome {
  if (run.stopReason) return 'halted';
  if (Object.values(run.phases).some((phase) => phase.state === 'failed')) return 'failed';
  return run.outcome === 'stopped' ? 'stopped' : 'finished';
}

const emptyPhase = (): PhaseRecord => ({ done: 0, failed: 0, failures: [], moreFailures: 0 });

const emptyUsage = (): RunUsage => ({ calls: {}, tokens: { input: 0, output: 0, cached: 0 }, cost: 0 });

/** An offer is named as the list shows it; an email (or an offer gone since) by its id and sender. */
const itemName = (state: Projection, itemId: string, source: string): string => {
  const offer = state.offers.get(itemId);
  const name = offer ? [offer.title, offer.company].filter(Boolean).join(' — ') : '';
  return name || `${itemId} (${source})`;
};

const withPhase = (run: RunRecord, phase: PhaseId, patch: Partial<PhaseRecord>): RunRecord => ({
  ...run,
  phases: { ...run.phases, [phase]: { ...run.phases[phase], ...patch } },
});

const ongoing = (run: RunRecord): RunDraft => ({ run, ended: false });

/**
 * Folds one event, with the projection after it, into the record of the run under way: the
 * history's record is built from the very events the page sees. Outside a run, nothing is drafted.
 */
export function evolveRunDraft(draft: RunDraft | undefined, event: DomainEvent, state: Projection): RunDraft | undefined {
  if (event.type === 'RunStarted') {
    const { at, trigger } = event.data;
    return ongoing({ startedAt: at, endedAt: '', trigger, outcome: 'finished', phases: perPhase(emptyPhase), usage: emptyUsage() });
  }
  if (!draft || draft.ended) return draft;
  const { run } = draft;
  switch (event.type) {
    case 'ItemFailed': {
      const { phase, itemId, source, error } = event.data;
      const { failures, moreFailures } = run.phases[phase];
      return ongoing(
        failures.length < FAILURES_KEPT
          ? withPhase(run, phase, { failures: [...failures, { item: itemName(state, itemId, source), reason: error }] })
          : withPhase(run, phase, { moreFailures: moreFailures + 1 }),
      );
    }
    case 'PhaseFailed':
      return ongoing(withPhase(run, event.data.phase, { error: event.data.error }));
    case 'ApiCallsCounted': {
      const call = event.data;
      const api = run.usage.calls[call.api] ?? { total: 0, byKind: {} };
      const { tokens } = run.usage;
      return ongoing({
        ...run,
        usage: {
          calls: {
            ...run.usage.calls,
            [call.api]: { total: api.total + call.calls, byKind: { ...api.byKind, [call.kind]: (api.byKind[call.kind] ?? 0) + call.calls } },
          },
          tokens: {
            input: tokens.input + (call.inputTokens ?? 0),
            output: tokens.output + (call.outputTokens ?? 0),
            cached: tokens.cached + (call.cachedTokens ?? 0),
          },
          cost: run.usage.cost + (call.costUsd ?? 0),
        },
      });
    }
    case 'RunEnded': {
      // The counts are the phase lines' own, as the page showed them at the end.
      const phases = perPhase((phase) => ({ ...run.phases[phase], done: state.run.phases[phase].done, failed: state.run.phases[phase].failed }));
      const reason = state.run.stopReason;
      return { run: { ...run, endedAt: event.data.at, outcome: runOutcomeOf(state.run), phases, ...(reason ? { reason } : {}) }, ended: true };
    }
    default:
      return draft;
  }
}
