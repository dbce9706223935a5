import { COLUMNS, type Column } from '@veille/domain';
import { z } from 'zod';
import { openDatabase } from '../../src/adapters/sqlite/connection';

export type StoreContents = {
  readonly sources: string[];
  /** Offers per "source\tcolumn", as the table would count them. */
  readonly counts: Record<string, number>;
  readonly statuses: string[];
  /** Keys held by more than one offer, and (source, url) pairs held under more than one key. */
  readonly duplicateKeys: string[];
  readonly duplicateUrls: string[];
};

const countRow = z.object({ source: z.string(), status: z.string(), n: z.number() });
const nameRow = z.object({ name: z.string() });

const columnOf = (status: string): Column => ((COLUMNS as readonly string[]).includes(status) ? (status as Column) : 'Autre');

/** What the SQLite file holds, read through a read-only connection once the server is gone. */
export function readStore(file: string): StoreContents {
  const db = openDatabase(file, { readOnly: true });
  try {
    const names = (sql: string): string[] =>
      db
        .prepare(sql)
        .all()
        .map((row) => nameRow.parse(row).name);
    const counts: Record<string, number> = {};
    for (const row of db.prepare('SELECT source, status, count(*) AS n FROM offers GROUP BY source, status').all()) {
      const { source, status, n } = countRow.parse(row);
      const cell = `${source}\t${columnOf(status)}`;
      counts[cell] = (counts[cell] ?? 0) + n;
    }
    return {
      sources: names('SELECT sender AS name FROM sources ORDER BY sender'),
      counts,
      statuses: names('SELECT DISTINCT status AS name FROM offers ORDER BY status'),
      duplicateKeys: names('SELECT key AS name FROM offers GROUP BY key HAVING count(*) > 1'),
      duplicateUrls: names("SELECT source || ' ' || url AS name FROM offers GROUP BY source, url HAVING count(*) > 1"),
    };
  } finally {
    db.close();
  }
}
