import {
  BOARDS,
  digestOf,
  NEW_OFFER_STATUS,
  normalizeSender,
  UNKNOWN_BOARD,
  type Activation,
  type Analysis,
  type Board,
  type NewOffer,
  type OfferFields,
  type OfferPatch,
  type OfferRecord,
  type OfferSummary,
  type Source,
} from '@veille/domain';
import { z } from 'zod';
import { OFFER_FIELDS as F, SOURCE_FIELDS as S } from './schema';

export type Fields = Record<string, unknown>;

/** A record as every list, create and update answer carries it; empty cells are absent. */
const recordSchema = z.object({ id: z.string(), fields: z.record(z.string(), z.unknown()) });
export type AirtableRecord = z.infer<typeof recordSchema>;

export const listPageSchema = z.object({ records: z.array(recordSchema), offset: z.string().optional() });
export const writeAnswerSchema = z.object({
  records: z.array(recordSchema),
  createdRecords: z.array(z.string()).optional(),
  updatedRecords: z.array(z.string()).optional(),
});

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const linkedIds = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
const boardOf = (value: unknown): Board => BOARDS.find((board) => board === value) ?? UNKNOWN_BOARD;

/** What the load lists of each offer: what the projection keeps, and the text only to know there is one. */
export const SUMMARY_FIELDS = [
  F.key,
  F.url,
  F.status,
  F.title,
  F.company,
  F.city,
  F.reason,
  F.source,
  F.salary,
  F.offerDate,
  F.addedAt,
  F.text,
  F.summary,
  F.total,
  F.scores,
  F.justifications,
  F.dealBreakers,
  F.analyser,
  F.cost,
  F.canonical,
  F.duplicateOf,
];
export const FILLABLE: Record<keyof OfferFields, string> = {
  title: F.title,
  company: F.company,
  city: F.city,
  department: F.department,
  salary: F.salary,
  offerDate: F.offerDate,
};

export function toSource(record: AirtableRecord, availability: (board: Board) => Activation): Source {
  const board = boardOf(record.fields[S.board]);
  return {
    sender: normalizeSender(text(record.fields[S.sender])),
    board,
    activation: { import: record.fields[S.import] === true, enrich: record.fields[S.enrich] === true, analyse: record.fields[S.analyse] === true },
    available: availability(board),
  };
}

export function sourceFields(source: Source): Fields {
  return {
    [S.sender]: source.sender,
    [S.board]: source.board,
    [S.import]: source.activation.import,
    [S.enrich]: source.activation.enrich,
    [S.analyse]: source.activation.analyse,
  };
}

export function keyOf(record: AirtableRecord): string {
  return text(record.fields[F.key]);
}

/** The sender of the first linked source; '' for an offer typed by hand without one. */
export function senderOf(record: AirtableRecord, senders: ReadonlyMap<string, string>): string {
  return (
    linkedIds(record.fields[F.source])
      .map((id) => senders.get(id))
      .find((sender) => sender !== undefined) ?? ''
  );
}

/** A listed offer without its text, which the load reads only to know there is one: no text stays in memory. */
export function withoutText(record: AirtableRecord): { record: AirtableRecord; hasText: boolean } {
  const { [F.text]: body, ...fields } = record.fields;
  return { record: { id: record.id, fields }, hasText: text(body) !== '' };
}

const day = (value: unknown): string => text(value).slice(0, 10);

export function toSummary(record: AirtableRecord, senders: ReadonlyMap<string, string>, hasText: boolean): OfferSummary {
  const { fields } = record;
  const analysis = analysisOf(fields);
  return {
    id: record.id,
    source: senderOf(record, senders),
    url: text(fields[F.url]),
    status: text(fields[F.status]),
    title: text(fields[F.title]),
    company: text(fields[F.company]),
    city: text(fields[F.city]),
    reason: text(fields[F.reason]),
    salary: text(fields[F.salary]),
    offerDate: day(fields[F.offerDate]),
    addedAt: day(fields[F.addedAt]),
    hasText,
    analysed: analysis !== undefined,
    ...(analysis ? { analysis: digestOf(analysis) } : {}),
    ...(text(fields[F.canonical]) ? { canonical: text(fields[F.canonical]) } : {}),
    ...(text(fields[F.duplicateOf]) ? { duplicateOf: text(fields[F.duplicateOf]) } : {}),
  };
}

const json = <T>(value: unknown, schema: z.ZodType<T>, fallback: T): T => {
  try {
    const parsed = schema.safeParse(JSON.parse(text(value)));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
};

const scoresSchema = z.record(z.string(), z.number());
const justificationsSchema = z.record(z.string(), z.string());
const dealBreakersSchema = z.array(z.object({ title: z.string(), hit: z.boolean(), justification: z.string() }));

function analysisOf(fields: Fields): Analysis | undefined {
  const analyser = text(fields[F.analyser]);
  if (!analyser) return undefined;
  const total = fields[F.total];
  const cost = fields[F.cost];
  return {
    summary: text(fields[F.summary]),
    scores: json(fields[F.scores], scoresSchema, {}),
    justifications: json(fields[F.justifications], justificationsSchema, {}),
    total: typeof total === 'number' ? total : 0,
    dealBreakers: json(fields[F.dealBreakers], dealBreakersSchema, []),
    analyser,
    ...(typeof cost === 'number' ? { costUsd: cost } : {}),
  };
}

export function toOfferRecord(record: AirtableRecord, senders: ReadonlyMap<string, string>): OfferRecord {
  const { fields } = record;
  const analysis = analysisOf(fields);
  return {
    id: record.id,
    key: keyOf(record),
    source: senderOf(record, senders),
    url: text(fields[F.url]),
    status: text(fields[F.status]),
    title: text(fields[F.title]),
    company: text(fields[F.company]),
    city: text(fields[F.city]),
    text: text(fields[F.text]),
    reason: text(fields[F.reason]),
    addedAt: text(fields[F.addedAt]),
    department: text(fields[F.department]),
    salary: text(fields[F.salary]),
    offerDate: text(fields[F.offerDate]),
    ...(analysis ? { analysis } : {}),
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date cell takes an ISO date or nothing: anything else would be refused for the whole batch. */
export function dateCell(value: string): string | undefined {
  return ISO_DATE.test(value) ? value : undefined;
}

export function newOfferFields(offer: NewOffer, sourceId: string, addedAt: string): Fields {
  const fields: Fields = {
    [F.key]: offer.key,
    [F.url]: offer.url,
    [F.status]: NEW_OFFER_STATUS,
    [F.source]: [sourceId],
    [F.addedAt]: addedAt,
  };
  for (const [field, name] of Object.entries(FILLABLE) as [keyof OfferFields, string][]) {
    const value = field === 'offerDate' ? dateCell(offer.offerDate) : offer[field];
    if (value) fields[name] = value;
  }
  return fields;
}

/**
 * The cells one patch writes. `stored` holds the fillable cells as Airtable has them now, so a
 * fill lands only where the cell is empty; `fields` may already hold an earlier patch of the same
 * flush, which this one completes.
 */
export function patchFields(patch: OfferPatch, stored: Fields, fields: Fields = {}): Fields {
  fields[F.status] = patch.status;
  if (patch.reason !== undefined) fields[F.reason] = patch.reason;
  if (patch.text !== undefined) fields[F.text] = patch.text;
  if (patch.canonical !== undefined) fields[F.canonical] = patch.canonical;
  if (patch.duplicateOf !== undefined) fields[F.duplicateOf] = patch.duplicateOf;
  if (patch.analysis) {
    fields[F.summary] = patch.analysis.summary;
    fields[F.total] = patch.analysis.total;
    fields[F.scores] = JSON.stringify(patch.analysis.scores);
    fields[F.dealBreakers] = JSON.stringify(patch.analysis.dealBreakers);
    fields[F.justifications] = JSON.stringify(patch.analysis.justifications);
    fields[F.analyser] = patch.analysis.analyser;
    if (patch.analysis.costUsd !== undefined) fields[F.cost] = patch.analysis.costUsd;
  }
  for (const [field, name] of Object.entries(FILLABLE) as [keyof OfferFields, string][]) {
    const raw = patch.fill?.[field];
    const value = raw && field === 'offerDate' ? dateCell(raw) : raw;
    if (value && !text(stored[name]) && fields[name] === undefined) fields[name] = value;
  }
  return fields;
}

export function needsStoredValues(patch: OfferPatch): boolean {
  return Object.values(patch.fill ?? {}).some((value) => !!value);
}
