import { randomBytes } from 'node:crypto';
import {
  NEW_OFFER_STATUS,
  newOfferSummary,
  type Activation,
  type AnalysisDigest,
  type Board,
  type OfferRecord,
  type OfferStore,
  type OfferSummary,
  type PhaseId,
  type StoreChanges,
} from '@veille/domain';
import { z } from 'zod';
import { openDatabase, transaction } from './connection';
import { readDigest, summaryRow, SUMMARY_COLUMNS, toRecord, toSource, toSummary, type DigestReader } from './rows';
import { stringPool } from './stringPool';
import { migrate } from './schema';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const READ_CHUNK = 500;

/** The port is asynchronous, SQLite is not: runs `work` now and hands its result, or its throw as a rejection. */
const settled = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

/** Ids shaped like Airtable's record ids, so both stores hand out the same kind. */
const newId = (): string => `rec${[...randomBytes(14)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('')}`;

const FLAG_COLUMN: Record<PhaseId, string> = { import: 'import_on', enrich: 'enrich_on', analyse: 'analyse_on' };
/** An offer whole, its text beside it (in a table of its own: the projection's load never walks the texts). */
const WITH_TEXT = "SELECT offers.*, COALESCE(offer_texts.text, '') AS text FROM offers LEFT JOIN offer_texts ON offer_texts.id = offers.id";
const FILLABLE = { title: 'title', company: 'company', city: 'city', department: 'department', salary: 'salary', offerDate: 'offer_date' } as const;

export type SqliteOfferStore = OfferStore & {
  changes(): Promise<StoreChanges | undefined>;
  listOffers(filter?: { source?: string; status?: string; limit?: number }): OfferRecord[];
};

/** The embedded store: one SQLite file holding what the user's Airtable base would hold. */
export function openSqliteStore(file: string, availability: (board: Board) => Activation, now: () => Date = () => new Date()): SqliteOfferStore {
  const db = openDatabase(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db);

  /** The change counter at the last look (load or changes): what is above it changed since. */
  let seen: number | undefined;
  const counter = (): number => z.object({ seq: z.number() }).parse(db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM changes').get()).seq;
  /** What the last look covered is never asked again. */
  const prune = (): void => void db.prepare('DELETE FROM changes WHERE seq <= ?').run(seen ?? 0);
  const offersChangedSince = (since: number): Set<string> =>
    new Set(
      z
        .array(z.object({ row_key: z.string() }))
        .parse(db.prepare("SELECT row_key FROM changes WHERE tbl = 'offers' AND seq > ?").all(since))
        .map((row) => row.row_key),
    );

  /**
   * The analyses as of the last look, by offer id. Digests are never mutated (the projection shares
   * them), so a full load takes back those of offers unchanged since instead of parsing them again:
   * at 100,000 offers, a second copy of every analysis, built while the projection still held the
   * first, took a full load over 400 MB.
   */
  let digests = new Map<string, AnalysisDigest>();

  // Row by row: 100,000 rows and their analyses never sit in memory beside the summaries made of them.
  const summaries = (changed: Set<string> | undefined): OfferSummary[] => {
    const offers: OfferSummary[] = [];
    const same = stringPool();
    const held = new Map<string, AnalysisDigest>();
    const digest: DigestReader = (offerId, json) => {
      const analysis = (changed && !changed.has(offerId) && digests.get(offerId)) || readDigest(offerId, json);
      if (analysis) held.set(offerId, analysis);
      return analysis;
    };
    for (const row of db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM offers ORDER BY rowid`).raw().iterate()) offers.push(toSummary(summaryRow(row), same, digest));
    digests = held;
    return offers;
  };

  // Statements are prepared per call: a kept one would hold the file open after close().
  const load = () => {
    const snapshot = transaction(
      db,
      () => {
        const changed = seen === undefined ? undefined : offersChangedSince(seen);
        seen = counter();
        return {
          sources: db
            .prepare('SELECT * FROM sources ORDER BY sender')
            .all()
            .map((row) => toSource(row, availability)),
          offers: summaries(changed),
        };
      },
      'DEFERRED',
    );
    prune();
    return snapshot;
  };

  const inChunks = <T>(keys: string[], read: (chunk: string[], marks: string) => T[]): T[] => {
    const found: T[] = [];
    for (let start = 0; start < keys.length; start += READ_CHUNK) {
      const chunk = keys.slice(start, start + READ_CHUNK);
      found.push(...read(chunk, chunk.map(() => '?').join(',')));
    }
    return found;
  };

  /** The rows above the counter, read by their keys: the cost of what changed, never a scan of the tables. */
  const changes = (): StoreChanges | undefined => {
    if (seen === undefined) return undefined;
    const since = seen;
    const result = transaction(
      db,
      () => {
        const rows = z
          .array(z.object({ seq: z.number(), tbl: z.string(), row_key: z.string() }))
          .parse(db.prepare('SELECT seq, tbl, row_key FROM changes WHERE seq > ? ORDER BY seq').all(since));
        const keys = (table: string) => [...new Set(rows.filter((row) => row.tbl === table).map((row) => row.row_key))];
        const senders = keys('sources');
        const sources = inChunks(senders, (chunk, marks) => db.prepare(`SELECT * FROM sources WHERE sender IN (${marks}) ORDER BY sender`).all(...chunk));
        // A source deleted by hand takes its offers' counts with it: only a full load can tell.
        if (sources.length < senders.length) return undefined;
        const ids = keys('offers');
        const offers = inChunks(ids, (chunk, marks) =>
          db
            .prepare(`SELECT ${SUMMARY_COLUMNS} FROM offers WHERE id IN (${marks}) ORDER BY rowid`)
            .raw()
            .all(...chunk),
        ).map((row) => toSummary(summaryRow(row)));
        const found = new Set(offers.map((offer) => offer.id));
        return {
          seq: rows.at(-1)?.seq ?? since,
          changes: { sources: sources.map((row) => toSource(row, availability)), offers, removed: ids.filter((id) => !found.has(id)) },
        };
      },
      'DEFERRED',
    );
    if (!result) return undefined;
    seen = result.seq;
    prune();
    for (const offer of result.changes.offers) {
      if (offer.analysis) digests.set(offer.id, offer.analysis);
      else digests.delete(offer.id);
    }
    for (const id of result.changes.removed) digests.delete(id);
    return result.changes;
  };

  const saveOffers = (offers: Parameters<OfferStore['saveOffers']>[0]): OfferSummary[] =>
    transaction(db, () => {
      const sourceExists = db.prepare('SELECT 1 FROM sources WHERE sender = ?');
      const insertOffer = db.prepare(
        `INSERT INTO offers (id, key, source, url, title, company, city, department, salary, offer_date, added_at, status)
         VALUES (@id, @key, @source, @url, @title, @company, @city, @department, @salary, @offerDate, @addedAt, @status)
         ON CONFLICT(key) DO NOTHING`,
      );
      const created: OfferSummary[] = [];
      const addedAt = now().toISOString();
      for (const offer of offers) {
        if (!sourceExists.get(offer.source)) throw new Error(`Source inconnue pour l'offre ${offer.key} : ${offer.source}`);
        const id = newId();
        const { key, source, url, title, company, city, department, salary, offerDate } = offer;
        if (insertOffer.run({ id, key, source, url, title, company, city, department, salary, offerDate, addedAt, status: NEW_OFFER_STATUS }).changes === 0)
          continue;
        created.push(newOfferSummary(offer, id, addedAt.slice(0, 10)));
      }
      return created;
    });

  const updateOffers = (updates: Parameters<OfferStore['updateOffers']>[0]): void =>
    transaction(db, () => {
      const offerExists = db.prepare('SELECT 1 FROM offers WHERE id = ?');
      const writeText = db.prepare('INSERT INTO offer_texts (id, text) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET text = excluded.text');
      const dropText = db.prepare('DELETE FROM offer_texts WHERE id = ?');
      const keepText = (id: string, text: string) => (text === '' ? dropText.run(id) : writeText.run(id, text));
      for (const { id, patch } of updates) {
        if (!offerExists.get(id)) throw new Error(`Offre inconnue : ${id}`);
        const sets = ['status = @status'];
        const values: Record<string, string | number> = { id, status: patch.status };
        if (patch.reason !== undefined) {
          sets.push('reason = @reason');
          values.reason = patch.reason;
        }
        if (patch.text !== undefined) {
          sets.push('has_text = @hasText');
          values.hasText = patch.text === '' ? 0 : 1;
          keepText(id, patch.text);
        }
        if (patch.canonical !== undefined) {
          sets.push('canonical = @canonical');
          values.canonical = patch.canonical;
        }
        if (patch.duplicateOf !== undefined) {
          sets.push('duplicate_of = @duplicateOf');
          values.duplicateOf = patch.duplicateOf;
        }
        if (patch.analysis) {
          sets.push('analysis = @analysis');
          values.analysis = JSON.stringify(patch.analysis);
        }
        for (const [field, column] of Object.entries(FILLABLE)) {
          const value = patch.fill?.[field as keyof typeof FILLABLE];
          if (!value) continue;
          // Only where empty: what the user typed stays.
          sets.push(`${column} = CASE WHEN ${column} = '' THEN @${column} ELSE ${column} END`);
          values[column] = value;
        }
        db.prepare(`UPDATE offers SET ${sets.join(', ')} WHERE id = @id`).run(values);
      }
    });

  const readOffers = (ids: string[]): OfferRecord[] => {
    const records: OfferRecord[] = [];
    for (let start = 0; start < ids.length; start += READ_CHUNK) {
      const chunk = ids.slice(start, start + READ_CHUNK);
      const rows = db.prepare(`${WITH_TEXT} WHERE offers.id IN (${chunk.map(() => '?').join(',')})`).all(...chunk);
      records.push(...rows.map(toRecord));
    }
    return records;
  };

  return {
    load: () => settled(load),
    changes: () => settled(changes),
    addSources: (sources) =>
      settled(() =>
        transaction(db, () => {
          const insertSource = db.prepare(
            'INSERT INTO sources (sender, board, import_on, enrich_on, analyse_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT(sender) DO NOTHING',
          );
          for (const source of sources) {
            const { import: imports, enrich, analyse } = source.activation;
            insertSource.run(source.sender, source.board, +imports, +enrich, +analyse);
          }
        }),
      ),
    setActivation: (sender, phase, enabled) =>
      settled(() => {
        const { changes } = db.prepare(`UPDATE sources SET ${FLAG_COLUMN[phase]} = ? WHERE sender = ?`).run(+enabled, sender);
        if (changes === 0) throw new Error(`Source inconnue : ${sender}`);
      }),
    saveOffers: (offers) => settled(() => saveOffers(offers)),
    updateOffers: (updates) => settled(() => updateOffers(updates)),
    readOffers: (ids) => settled(() => readOffers(ids)),
    offerIdOf: (key) =>
      settled(() => {
        const row = z.object({ id: z.string() }).safeParse(db.prepare('SELECT id FROM offers WHERE key = ?').get(key));
        return row.success ? row.data.id : undefined;
      }),
    listOffers: ({ source, status, limit = 1_000 } = {}) =>
      db
        .prepare(`${WITH_TEXT} WHERE (@source = '' OR source = @source) AND (@status = '' OR status = @status) ORDER BY offers.rowid LIMIT @limit`)
        .all({ source: source ?? '', status: status ?? '', limit })
        .map(toRecord),
    // Every write is already its own transaction.
    flush: () => undefined,
    close: () =>
      settled(() => {
        db.close();
      }),
  };
}
