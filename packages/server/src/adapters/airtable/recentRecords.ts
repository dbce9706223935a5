import type { AirtableRecord, Fields } from './records';

/** About 8 MB of text: an analysis read-ahead of 100 offers' pages, many times over. */
const DEFAULT_LIMIT_CHARS = 4_000_000;

const charsOf = (fields: Fields): number => {
  let chars = 0;
  for (const value of Object.values(fields)) chars += typeof value === 'string' ? value.length : 16;
  return chars;
};

export type RecentRecords = {
  /** Keeps a whole record as Airtable just answered it (a write's answer, a read of every field). */
  remember(record: AirtableRecord): void;
  get(id: string): Fields | undefined;
  forget(id: string): void;
  clear(): void;
};

/**
 * Offers as Airtable last answered them, so what Veille just wrote is never read back: phase 2
 * finds the cells an import wrote, phase 3 the text phase 2 wrote. The oldest go first past the
 * limit; a record forgotten is only read again.
 */
export function recentRecords(limitChars = DEFAULT_LIMIT_CHARS): RecentRecords {
  const records = new Map<string, { fields: Fields; chars: number }>();
  let total = 0;

  const forget = (id: string): void => {
    const kept = records.get(id);
    if (!kept) return;
    records.delete(id);
    total -= kept.chars;
  };

  return {
    remember: ({ id, fields }) => {
      forget(id);
      const chars = charsOf(fields);
      records.set(id, { fields, chars });
      total += chars;
      for (const [oldest] of records) {
        if (total <= limitChars) break;
        forget(oldest);
      }
    },
    get: (id) => records.get(id)?.fields,
    forget,
    clear: () => {
      records.clear();
      total = 0;
    },
  };
}
