import { createAirtableClient } from './client';
import type { AirtableConfig } from './config';
import { OFFERS, SOURCES, tablesSchema } from './schema';

/** "Tester" the store answers within about this, even when Airtable does not. */
const CHECK_DEADLINE_MS = 15_000;

export type StoreCheck = { tables: string[]; prepared: boolean };

/**
 * The token and the base checked with one request (the base's tables, through the Meta API):
 * a refused token or an unknown base comes out as an UnavailableError that says which. The
 * request waits its turn behind a run's in the base's limiter (up to a 429's 30 s penalty).
 */
export async function checkAirtable(config: AirtableConfig): Promise<StoreCheck> {
  const client = createAirtableClient(config, { retryDeadlineMs: CHECK_DEADLINE_MS, requestTimeoutMs: CHECK_DEADLINE_MS });
  const { body } = await client.send('meta', { method: 'GET', path: '/tables' }, 'meta');
  const tables = tablesSchema.parse(body).tables.map((table) => table.name);
  return { tables, prepared: tables.includes(SOURCES) && tables.includes(OFFERS) };
}
