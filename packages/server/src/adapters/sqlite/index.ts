import { randomBytes } from 'node:crypto';
import type { Activation, Analysis, Board, OfferRecord, OfferStore, OfferSummary, PhaseId, Source } from '@veille/domain';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { migrate } from './schema';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const READ_CHUNK = 500;

/** Ids shaped like Airtable's record ids, so both stores hand out the same kind. */
const newId = (): string => `rec${[...randomBytes(14)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('')}`;

const FLAG_COLUMN: Record<PhaseId, string> = { import: 'import_on', enrich: 'enrich_on', analyse: 'analyse_on' };
const FILLABLE = { title: 'title', company: 'company', city: 'city', department: 'department', salary: 'salary', offerDate: 'offer_date' } as const;

const analysisSchema = z.object({
  summary: z.string(),
  scores: z.record(z.string(), z.number()),
  total: z.number(),
  dealBreakers: z.array(z.object({ title: z.string(), hit: z.boolean(), justification: z.string() })),
  analyser: z.string(),
  corrections: z.object({ title: z.string(), company: z.string(), city: z.string(), salary: z.string() }).partial().optional(),
});

type SourceRow = { sender: string; board: Board; import_on: number; enrich_on: number; analyse_on: number };
type OfferRow = {
  id: string; key: string; source: string; url: string; text: string; title: string; company: string; city: string;
  department: string; salary: string; offer_date: string; added_at: string; status: string; reason: string; analysis: string | null;
};

const parseAnalysis = (json: string | null): Analysis | undefined => {
  if (!json) return undefined;
  const parsed = analysisSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : undefined;
};

const toRecord = (row: OfferRow): OfferRecord => ({
  id: row.id,
  key: row.key,
  source: row.source,
  url: row.url,
  status: row.status,
  text: row.text,
  reason: row.reason,
  addedAt: row.added_at,
  title: row.title,
  company: row.company,
  city: row.city,
  department: row.department,
  salary: row.salary,
  offerDate: row.offer_date,
  analysis: parseAnalysis(row.analysis),
});

export type SqliteOfferStore = OfferStore & {
  listOffers(filter?: { source?: string; status?: string; limit?: number }): OfferRecord[];
};

/** The embedded store: one SQLite file holding what the user's Airtable base would hold. */
export const openSqliteStore = (
  file: string,
  availability: (board: Board) => Activation,
  now: () => Date = () => new Date(),
): SqliteOfferStore => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);

  const toSource = (row: SourceRow): Source => ({
    sender: row.sender,
    board: row.board,
    activation: { import: !!row.import_on, enrich: !!row.enrich_on, analyse: !!row.analyse_on },
    available: availability(row.board),
  });

  const selectSources = db.prepare<[], SourceRow>('SELECT * FROM sources ORDER BY sender');
  const selectSummaries = db.prepare<[], OfferSummary>('SELECT id, source, url, status, title, company, city, reason FROM offers ORDER BY rowid');
  const insertSource = db.prepare(
    'INSERT INTO sources (sender, board, import_on, enrich_on, analyse_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT(sender) DO NOTHING',
  );
  const insertOffer = db.prepare(
    `INSERT INTO offers (id, key, source, url, title, company, city, department, salary, offer_date, added_at, status)
     VALUES (@id, @key, @source, @url, @title, @company, @city, @department, @salary, @offerDate, @addedAt, 'A compléter')
     ON CONFLICT(key) DO NOTHING`,
  );
  const sourceExists = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM sources WHERE sender = ?');
  const offerExists = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM offers WHERE id = ?');

  const load = db.transaction(() => ({ sources: selectSources.all().map(toSource), offers: selectSummaries.all() }));

  const saveOffers = db.transaction((offers: Parameters<OfferStore['saveOffers']>[0]): OfferSummary[] => {
    const created: OfferSummary[] = [];
    const addedAt = now().toISOString();
    for (const offer of offers) {
      if (!sourceExists.get(offer.source)) throw new Error(`Source inconnue pour l'offre ${offer.key} : ${offer.source}`);
      const id = newId();
      if (insertOffer.run({ ...offer, id, addedAt }).changes === 0) continue;
      created.push({ id, source: offer.source, url: offer.url, status: 'A compléter', title: offer.title, company: offer.company, city: offer.city });
    }
    return created;
  });

  const updateOffers = db.transaction((updates: Parameters<OfferStore['updateOffers']>[0]): void => {
    for (const { id, patch } of updates) {
      if (!offerExists.get(id)) throw new Error(`Offre inconnue : ${id}`);
      const sets = ['status = @status'];
      const values: Record<string, string> = { id, status: patch.status };
      if (patch.reason !== undefined) (sets.push('reason = @reason'), (values.reason = patch.reason));
      if (patch.text !== undefined) (sets.push('text = @text'), (values.text = patch.text));
      if (patch.analysis) (sets.push('analysis = @analysis'), (values.analysis = JSON.stringify(patch.analysis)));
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
      const rows = db.prepare<string[], OfferRow>(`SELECT * FROM offers WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk);
      records.push(...rows.map(toRecord));
    }
    return records;
  };

  return {
    load: async () => load(),
    addSources: async (sources) => {
      db.transaction(() => {
        for (const source of sources) {
          const { import: imports, enrich, analyse } = source.activation;
          insertSource.run(source.sender, source.board, +imports, +enrich, +analyse);
        }
      })();
    },
    setActivation: async (sender, phase, enabled) => {
      const { changes } = db.prepare(`UPDATE sources SET ${FLAG_COLUMN[phase]} = ? WHERE sender = ?`).run(+enabled, sender);
      if (changes === 0) throw new Error(`Source inconnue : ${sender}`);
    },
    saveOffers: async (offers) => saveOffers(offers),
    updateOffers: async (updates) => updateOffers(updates),
    readOffers: async (ids) => readOffers(ids),
    listOffers: ({ source, status, limit = 1_000 } = {}) =>
      db
        .prepare<Record<string, string | number>, OfferRow>(
          `SELECT * FROM offers WHERE (@source = '' OR source = @source) AND (@status = '' OR status = @status) ORDER BY rowid LIMIT @limit`,
        )
        .all({ source: source ?? '', status: status ?? '', limit })
        .map(toRecord),
    // Every write is already its own transaction.
    flush: () => undefined,
    close: async () => {
      db.close();
    },
  };
};
