import { PHASES, RUN_OUTCOMES, RUN_TRIGGERS, type RecordedRun, type RunRecord } from '@veille/domain';
import { z } from 'zod';
import { openDatabase, transaction, type Database } from './connection';

const SCHEMA = `CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  record TEXT NOT NULL
)`;

const count = z.number().int().nonnegative();
const phaseSchema = z.object({
  done: count,
  failed: count,
  failures: z.array(z.object({ item: z.string(), reason: z.string() })),
  moreFailures: count,
  error: z.string().optional(),
});
const recordSchema = z.object({
  startedAt: z.string(),
  endedAt: z.string(),
  trigger: z.enum(RUN_TRIGGERS),
  outcome: z.enum(RUN_OUTCOMES),
  reason: z.string().optional(),
  phases: z.object(Object.fromEntries(PHASES.map((phase) => [phase, phaseSchema])) as Record<(typeof PHASES)[number], typeof phaseSchema>),
  usage: z.object({
    calls: z.record(z.string(), z.object({ total: count, byKind: z.record(z.string(), count) })),
    tokens: z.object({ input: count, output: count, cached: count }),
    cost: z.number().nonnegative(),
  }),
});
const rowSchema = z.object({ id: z.number().int(), record: z.string() });

/** Past runs in their own SQLite file, whatever the store: the history is this machine's, not the user's base. */
export type SqliteRunLog = {
  /** Appends the runs in one transaction, then keeps only the last `keep`. */
  append(runs: readonly RunRecord[], keep: number): void;
  /** The last runs, newest first; a row this version cannot read is left out. */
  last(limit: number): RecordedRun[];
  close(): void;
};

/** Opens the file on first use, so that a data dir Veille cannot write stops the history only, never Veille's start. */
export function openSqliteRunLog(file: string): SqliteRunLog {
  let db: Database | undefined;
  const open = (): Database => {
    if (!db) {
      const opened = openDatabase(file);
      try {
        opened.exec('PRAGMA journal_mode = WAL');
        opened.exec(SCHEMA);
      } catch (error) {
        opened.close();
        throw error;
      }
      db = opened;
    }
    return db;
  };

  return {
    append: (runs, keep) => {
      const connection = open();
      transaction(connection, () => {
        const insert = connection.prepare('INSERT INTO runs (started_at, record) VALUES (?, ?)');
        for (const run of runs) insert.run(run.startedAt, JSON.stringify(run));
        connection.prepare('DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?)').run(keep);
      });
    },
    last: (limit) =>
      open()
        .prepare('SELECT id, record FROM runs ORDER BY id DESC LIMIT ?')
        .all(limit)
        .flatMap((raw) => {
          const row = rowSchema.parse(raw);
          const parsed = recordSchema.safeParse(JSON.parse(row.record));
          return parsed.success ? [{ id: row.id, ...parsed.data }] : [];
        }),
    close: () => {
      db?.close();
      db = undefined;
    },
  };
}
