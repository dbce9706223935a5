import { perPhase } from './phases';
import type { Projection } from './projection';
import type { Activation } from './source';
import { COLUMNS, emptyCounts, type Column, type Counts } from './statuses';
import { UNKNOWN_BOARD, type Board } from './boards';

export type TableRow = {
  readonly source: string;
  readonly board: Board;
  readonly activation: Activation;
  readonly available: Activation;
  readonly toImport: number;
  readonly counts: Counts;
  /** Offers of the source, every status included ("A importer" counts emails, not offers). */
  readonly total: number;
};

export type Table = {
  readonly statuses: readonly Column[];
  readonly rows: TableRow[];
  readonly totals: { readonly toImport: number; readonly counts: Counts; readonly total: number };
};

const NONE: Activation = perPhase(() => false);

const sumCounts = (counts: Counts): number => COLUMNS.reduce((sum, column) => sum + counts[column], 0);

/** The dashboard, derived from counters only: its cost grows with sources, not with offers. */
export function deriveTable(state: Projection): Table {
  const senders = new Set<string>([...state.sources.keys()]);
  for (const [sender, waiting] of state.toImport) if (waiting > 0) senders.add(sender);
  const rows = [...senders].sort().map((sender): TableRow => {
    const source = state.sources.get(sender);
    const counts = { ...(state.counts.get(sender) ?? emptyCounts()) };
    return {
      source: sender,
      board: source?.board ?? UNKNOWN_BOARD,
      activation: source?.activation ?? NONE,
      available: source?.available ?? NONE,
      toImport: state.toImport.get(sender) ?? 0,
      counts,
      total: sumCounts(counts),
    };
  });
  const totals = { toImport: 0, counts: emptyCounts(), total: 0 };
  for (const row of rows) {
    totals.toImport += row.toImport;
    totals.total += row.total;
    for (const column of COLUMNS) totals.counts[column] += row.counts[column];
  }
  return { statuses: COLUMNS, rows, totals };
}
