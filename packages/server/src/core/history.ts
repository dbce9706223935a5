import { evolveRunDraft, usageByDay, type ApiUsage, type RecordedRun, type RunDraft, type RunRecord } from '@veille/domain';
import type { Deps, RunHistory } from '../ports';
import { dayOf } from './day';
import { haltOnWriteError } from './halt';

/** Records that could not be written wait in memory for the next run; beyond this, the oldest go. */
const PENDING_MAX = 50;

const HISTORY_WRITE = {
  failed: "l'historique du traitement n'a pas pu être enregistré (runs.sqlite)",
  kept: 'il reste en mémoire et sera écrit à la fin du prochain traitement',
};

/** Where the records are written (adapters/sqlite/runLog.ts). */
export type RunLog = {
  append(runs: readonly RunRecord[], keep: number): void;
  last(limit: number): RecordedRun[];
  close(): void;
};

export type HistoryOptions = {
  readonly runs: RunLog;
  /** Runs kept, the oldest pruned first. */
  readonly limit: number;
  /** The usage log's days, per API. */
  readonly days: () => Readonly<Record<string, Record<string, ApiUsage>>>;
};

/**
 * The history of runs, fed by the bus: each run's record is folded from its events by the domain
 * and written when it ends. A write that fails never touches the run (it has ended): it is said in
 * the log, as any refused write is, and the record is tried again with the next one.
 */
export function recordRuns(deps: Pick<Deps, 'bus' | 'now' | 'log'>, { runs, limit, days }: HistoryOptions): RunHistory & { close(): void } {
  const onWriteError = haltOnWriteError(deps, HISTORY_WRITE);
  let pending: RunRecord[] = [];
  let draft: RunDraft | undefined;

  const record = (run: RunRecord): void => {
    pending = [...pending, run].slice(-PENDING_MAX);
    try {
      runs.append(pending, limit);
      pending = [];
    } catch (error) {
      onWriteError(error);
    }
  };

  const subscription = deps.bus.changes$.subscribe(({ event, state }) => {
    draft = evolveRunDraft(draft, event, state);
    if (draft?.ended) {
      record(draft.run);
      draft = undefined;
    }
  });

  return {
    record,
    list: (count) => new Promise((resolve) => resolve(runs.last(count))),
    usageByDay: (count) => usageByDay(days(), dayOf(deps.now()), count),
    close: () => {
      subscription.unsubscribe();
      runs.close();
    },
  };
}
