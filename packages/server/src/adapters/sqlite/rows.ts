import {
  BOARDS,
  digestOf,
  UNKNOWN_BOARD,
  type Activation,
  type AnalysisDigest,
  type Board,
  type OfferRecord,
  type OfferSummary,
  type Source,
} from '@veille/domain';
import { z } from 'zod';
import { readAnalysis } from './analysisJson';

// Rows are validated, not cast: z.object also drops what libsql adds to a row (`_metadata`).
const flagColumn = z
  .number()
  .int()
  .transform((value) => value !== 0);

const sourceRow = z.object({
  sender: z.string(),
  board: z.enum(BOARDS).catch(UNKNOWN_BOARD),
  import_on: flagColumn,
  enrich_on: flagColumn,
  analyse_on: flagColumn,
});

const offerRow = z.object({
  id: z.string(),
  key: z.string(),
  source: z.string(),
  url: z.string(),
  status: z.string(),
  text: z.string(),
  title: z.string(),
  company: z.string(),
  city: z.string(),
  department: z.string(),
  reason: z.string(),
  salary: z.string(),
  offer_date: z.string(),
  added_at: z.string(),
  analysis: z.string().nullable(),
});

/** The columns the projection's load reads, in this order (rows come as arrays): never the text. */
export const SUMMARY_COLUMNS =
  'id, source, url, status, title, company, city, reason, salary, offer_date, added_at, has_text, analysis, canonical, duplicate_of';
const SUMMARY_WIDTH = SUMMARY_COLUMNS.split(', ').length;

/** A column that does not hold what the schema says (the file was changed by hand): the load stops, as zod would. */
const unreadable = (column: string, value: unknown): Error =>
  new Error(`Ligne illisible dans la base SQLite : la colonne ${column} contient ${value === null ? 'NULL' : typeof value}`);

const text = (value: unknown, column: string): string => {
  if (typeof value !== 'string') throw unreadable(column, value);
  return value;
};

const flag = (value: unknown, column: string): boolean => {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw unreadable(column, value);
  return value !== 0;
};

/** A row of SUMMARY_COLUMNS read in raw mode: an array of its columns. */
export function summaryRow(row: unknown): readonly unknown[] {
  if (!Array.isArray(row) || row.length !== SUMMARY_WIDTH) throw new Error('Ligne illisible dans la base SQLite : les colonnes attendues manquent');
  return row;
}

export function toSource(row: unknown, availability: (board: Board) => Activation): Source {
  const { sender, board, import_on, enrich_on, analyse_on } = sourceRow.parse(row);
  return { sender, board, activation: { import: import_on, enrich: enrich_on, analyse: analyse_on }, available: availability(board) };
}

/** What the projection keeps of an offer's stored analysis (its JSON, or NULL): undefined when there is none to read. */
export type DigestReader = (offerId: string, json: string | null) => AnalysisDigest | undefined;

export const readDigest: DigestReader = (_offerId, json) => {
  const analysis = readAnalysis(json);
  return analysis && digestOf(analysis);
};

/**
 * One row of SUMMARY_COLUMNS read in raw mode (an array), each column checked by hand rather than
 * through a zod object: at 100,000 rows, zod's copy of every row costs a quarter of a second of the
 * start-up; the analysis is checked the same way (readAnalysis), through `digestOf`. Strings that
 * repeat across offers (source, status, company, city, dates) are held once through `same`.
 */
export function toSummary(row: readonly unknown[], same: (value: string) => string = (value) => value, digest: DigestReader = readDigest): OfferSummary {
  const [idColumn, source, url, status, title, company, city, reason, salary, offerDate, addedAt, hasText, json, canonicalColumn, duplicateOfColumn] = row;
  const id = text(idColumn, 'id');
  const analysis = digest(id, json === null ? null : text(json, 'analysis'));
  const canonical = text(canonicalColumn, 'canonical');
  const duplicateOf = text(duplicateOfColumn, 'duplicate_of');
  return {
    id,
    source: same(text(source, 'source')),
    url: text(url, 'url'),
    status: same(text(status, 'status')),
    title: text(title, 'title'),
    company: same(text(company, 'company')),
    city: same(text(city, 'city')),
    reason: same(text(reason, 'reason')),
    salary: same(text(salary, 'salary')),
    offerDate: same(text(offerDate, 'offer_date')),
    addedAt: same(text(addedAt, 'added_at').slice(0, 10)),
    hasText: flag(hasText, 'has_text'),
    analysed: analysis !== undefined,
    ...(analysis ? { analysis } : {}),
    ...(canonical ? { canonical } : {}),
    ...(duplicateOf ? { duplicateOf } : {}),
  };
}

export function toRecord(row: unknown): OfferRecord {
  const parsed = offerRow.parse(row);
  return {
    id: parsed.id,
    key: parsed.key,
    source: parsed.source,
    url: parsed.url,
    status: parsed.status,
    text: parsed.text,
    reason: parsed.reason,
    addedAt: parsed.added_at,
    title: parsed.title,
    company: parsed.company,
    city: parsed.city,
    department: parsed.department,
    salary: parsed.salary,
    offerDate: parsed.offer_date,
    analysis: readAnalysis(parsed.analysis),
  };
}
