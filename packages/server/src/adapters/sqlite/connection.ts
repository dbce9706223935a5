import Libsql from 'libsql';

export type Database = Libsql.Database;

/** better-sqlite3's default: a writer waits this long for another connection's lock before SQLITE_BUSY (libsql's is 0). */
const BUSY_TIMEOUT_MS = 5_000;

/** libsql ignores its `readonly` option: only SQLite's own URI parameter makes the connection read-only. */
const readOnlyUri = (file: string): string => `file:${file.split('/').map(encodeURIComponent).join('/')}?mode=ro`;

/**
 * One connection to an SQLite file. libsql's close() only takes effect once no prepared
 * statement is alive, so callers prepare statements where they use them and never keep one.
 */
export function openDatabase(file: string, options: { readOnly?: boolean } = {}): Database {
  return new Libsql(options.readOnly ? readOnlyUri(file) : file, { timeout: BUSY_TIMEOUT_MS });
}

/**
 * Runs `work` in one transaction. libsql's own transaction() answers a failed ROLLBACK instead of
 * the error that caused it, and SQLite has already rolled back after SQLITE_FULL: the cause must
 * reach the caller with its code.
 */
export function transaction<T>(db: Database, work: () => T, mode: 'DEFERRED' | 'IMMEDIATE' = 'IMMEDIATE'): T {
  db.exec(`BEGIN ${mode}`);
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
