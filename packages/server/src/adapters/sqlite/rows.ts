import { BOARDS, digestOf, UNKNOWN_BOARD, type Activation, type Analysis, type Board, type OfferRecord, type OfferSummary, type Source } from '@veille/domain';
import { z } from 'zod';

// Rows are validated, not cast: z.object also drops what libsql adds to a row (`_metadata`).
const flag = z
  .number()
  .int()
  .transform((value) => value !== 0);

const sourceRow = z.object({
  sender: z.string(),
  board: z.enum(BOARDS).catch(UNKNOWN_BOARD),
  import_on: flag,
  enrich_on: flag,
  analyse_on: flag,
});

const summaryRow = z.object({
  id: z.string(),
  source: z.string(),
  url: z.string(),
  status: z.string(),
  title: z.string(),
  company: z.string(),
  city: z.string(),
  reason: z.string(),
  salary: z.string(),
  offer_date: z.string(),
  added_at: z.string(),
  has_text: flag,
  analysis: z.string().nullable(),
  canonical: z.string(),
  duplicate_of: z.string(),
});

const offerRow = summaryRow.extend({
  key: z.string(),
  text: z.string(),
  department: z.string(),
});

const analysisSchema = z.object({
  summary: z.string(),
  scores: z.record(z.string(), z.number()),
  justifications: z.record(z.string(), z.string()).catch({}),
  total: z.number(),
  dealBreakers: z.array(z.object({ title: z.string(), hit: z.boolean(), justification: z.string() })),
  analyser: z.string(),
  costUsd: z.number().optional(),
  corrections: z.object({ title: z.string(), company: z.string(), city: z.string(), salary: z.string() }).partial().optional(),
});

const parseAnalysis = (json: string | null): Analysis | undefined => {
  if (!json) return undefined;
  const parsed = analysisSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : undefined;
};

/** The columns the projection's load reads: never the text. */
export const SUMMARY_COLUMNS =
  'id, source, url, status, title, company, city, reason, salary, offer_date, added_at, has_text, analysis, canonical, duplicate_of';

export function toSource(row: unknown, availability: (board: Board) => Activation): Source {
  const { sender, board, import_on, enrich_on, analyse_on } = sourceRow.parse(row);
  return { sender, board, activation: { import: import_on, enrich: enrich_on, analyse: analyse_on }, available: availability(board) };
}

export function toSummary(row: unknown): OfferSummary {
  const parsed = summaryRow.parse(row);
  const analysis = parseAnalysis(parsed.analysis);
  return {
    id: parsed.id,
    source: parsed.source,
    url: parsed.url,
    status: parsed.status,
    title: parsed.title,
    company: parsed.company,
    city: parsed.city,
    reason: parsed.reason,
    salary: parsed.salary,
    offerDate: parsed.offer_date,
    addedAt: parsed.added_at.slice(0, 10),
    hasText: parsed.has_text,
    analysed: analysis !== undefined,
    ...(analysis ? { analysis: digestOf(analysis) } : {}),
    ...(parsed.canonical ? { canonical: parsed.canonical } : {}),
    ...(parsed.duplicate_of ? { duplicateOf: parsed.duplicate_of } : {}),
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
    analysis: parseAnalysis(parsed.analysis),
  };
}
