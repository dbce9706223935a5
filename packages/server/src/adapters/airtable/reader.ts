import { AirtableRequestError, type AirtableClient, type AirtableRequest } from './client';
import { listPageSchema, type AirtableRecord } from './records';

export const PAGE_SIZE = 100;

/** Airtable refuses GET URLs past 16 kB; airtable.js switches to POST …/listRecords at this length. */
const URL_LIMIT = 15_000;
/** An offset lives a few minutes: a listing that outlives it starts over, a bounded number of times. */
const RESTARTS = 2;

type Query = { fields: readonly string[]; filterByFormula?: string };

const encodedLength = (table: string, query: Query): number =>
  table.length +
  query.fields.reduce((length, field) => length + 12 + encodeURIComponent(field).length, 0) +
  (query.filterByFormula ? 17 + encodeURIComponent(query.filterByFormula).length : 0) +
  64;

const pageRequest = (table: string, query: Query, offset?: string): AirtableRequest => {
  const params = {
    pageSize: PAGE_SIZE,
    fields: [...query.fields],
    ...(query.filterByFormula ? { filterByFormula: query.filterByFormula } : {}),
    ...(offset ? { offset } : {}),
  };
  return encodedLength(table, query) > URL_LIMIT
    ? { method: 'POST', path: `/${encodeURIComponent(table)}/listRecords`, body: params }
    : { method: 'GET', path: `/${encodeURIComponent(table)}`, qs: params };
};

const isExpiredOffset = (error: unknown): boolean => error instanceof AirtableRequestError && error.type === 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE';

/**
 * Every record a query matches, page after page of 100 (one request each), each turned into what
 * the caller keeps as its page arrives: a large field read for a flag never piles up.
 */
export async function listMapped<T>(client: AirtableClient, table: string, query: Query, map: (record: AirtableRecord) => T): Promise<T[]> {
  for (let restart = 0; ; restart += 1) {
    const kept: T[] = [];
    let offset: string | undefined;
    try {
      do {
        const { body } = await client.send('list', pageRequest(table, query, offset));
        const page = listPageSchema.parse(body);
        for (const record of page.records) kept.push(map(record));
        offset = page.offset;
      } while (offset);
      return kept;
    } catch (error) {
      if (!isExpiredOffset(error) || restart >= RESTARTS) throw error;
    }
  }
}

/** Every record a query matches, page after page of 100 (one request each). */
export function listAll(client: AirtableClient, table: string, query: Query): Promise<AirtableRecord[]> {
  return listMapped(client, table, query, (record) => record);
}

const RECORD_ID = /^rec[A-Za-z0-9]{14}$/;

/**
 * The records with these ids, 100 per request (a page holds no more, so a longer formula would
 * save nothing). Ids that are not record ids cannot exist and are never put in a formula.
 */
export async function listByIds(client: AirtableClient, table: string, ids: readonly string[], fields: readonly string[]): Promise<AirtableRecord[]> {
  const valid = [...new Set(ids)].filter((id) => RECORD_ID.test(id));
  const chunks: string[][] = [];
  for (let start = 0; start < valid.length; start += PAGE_SIZE) chunks.push(valid.slice(start, start + PAGE_SIZE));
  const pages = await Promise.all(
    chunks.map((chunk) => listAll(client, table, { fields, filterByFormula: `OR(${chunk.map((id) => `RECORD_ID()='${id}'`).join(',')})` })),
  );
  return pages.flat();
}
