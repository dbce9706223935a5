import { BOARDS, COLUMNS, OFFER_SORTS, type OfferQuery } from '@veille/domain';
import { z } from 'zod';

/** A page holds at most this many offers (the page asks for more as the list scrolls). */
export const MAX_LIMIT = 1_000;
export const DEFAULT_LIMIT = 100;

/** An empty field of a form means "not set", not an invalid value. */
const blank = (value: unknown): unknown => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
/** A parameter that may be repeated (`status=…&status=…`), or given once, or not at all. */
const listOf = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]).filter((one) => one !== '');
const many = <T extends z.ZodType>(item: T) => z.preprocess(listOf, z.array(item));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const querySchema = z.object({
  status: many(z.enum(COLUMNS)),
  source: many(z.string().max(320)),
  board: many(z.enum(BOARDS)),
  q: optional(z.string().max(200)),
  minScore: optional(z.coerce.number().min(0).max(20)),
  from: optional(isoDate),
  to: optional(isoDate),
  sort: z.preprocess(blank, z.enum(OFFER_SORTS).default('score')),
  order: optional(z.enum(['asc', 'desc'])),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT)),
  offset: z.preprocess(blank, z.coerce.number().int().min(0).default(0)),
});

type Parameter = keyof z.infer<typeof querySchema>;

const EXPECTED: Record<Parameter, string> = {
  status: `une colonne du tableau (${COLUMNS.join(', ')})`,
  source: "l'adresse d'une source",
  board: `un job board (${BOARDS.join(', ')})`,
  q: 'un texte de 200 caractères au plus',
  minScore: 'un nombre de 0 à 20',
  from: 'une date AAAA-MM-JJ',
  to: 'une date AAAA-MM-JJ',
  sort: 'score, date ou company',
  order: 'asc ou desc',
  limit: `un entier de 1 à ${MAX_LIMIT}`,
  offset: 'un entier positif ou nul',
};

export type OffersRequest = { readonly query: OfferQuery; readonly page: { readonly offset: number; readonly limit: number } };

/** The query string of `GET /api/offers` (and its CSV), or the French sentence that says what is wrong. */
export function parseOffersQuery(raw: unknown): OffersRequest | { readonly error: string } {
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    const wrong = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0]) as Parameter))];
    return { error: wrong.map((name) => `Paramètre « ${name} » invalide : ${EXPECTED[name]} est attendu.`).join(' ') };
  }
  const { status, source, board, q, minScore, from, to, sort, order, limit, offset } = parsed.data;
  return { query: { statuses: status, sources: source, boards: board, q, minScore, from, to, sort, order }, page: { offset, limit } };
}
