import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody, sleep } from '../http';
import type { AddressInfo } from 'node:net';
import { ApiError, createBase, newId, type StoredRecord } from './base';
import { createRecords } from './records';
import { createWebhooks } from './webhooks';

export type RequestKind = 'list' | 'create' | 'update' | 'upsert' | 'delete' | 'meta' | 'webhook' | 'other';

export type LoggedRequest = { method: string; path: string; kind: RequestKind; status: number; at: number };

/** A fault for the next requests: an HTTP status, or the connection dropped. `afterWrite` applies a write, then loses the answer. */
export type Fault = { status: 500 | 502 | 503 | 504 | 'network'; afterWrite?: boolean };

export type FakeAirtableOptions = {
  baseId?: string;
  apiKey?: string;
  /** Airtable's limit per base (5). */
  requestsPerSecond?: number;
  /** How long every request is refused after the limit is passed (30 s). */
  penaltyMs?: number;
  /** How long a list offset stays valid. */
  offsetTtlMs?: number;
  latencyMs?: number;
  /** A token without the webhook:manage scope: every webhook request is refused (403). */
  withoutWebhookScope?: boolean;
};

/** Airtable refuses GET URLs past 16 kB (airtable.js moves to POST …/listRecords before that). */
const MAX_URL = 16_384;

const kindOf = (method: string, segments: string[], body: Record<string, unknown>): RequestKind => {
  if (segments[0] === 'meta') return 'meta';
  if (segments[0] === 'bases') return 'webhook';
  if (method === 'DELETE') return 'delete';
  if (method === 'GET' || segments[2] === 'listRecords') return 'list';
  if (method === 'POST') return 'create';
  if (method === 'PATCH' || method === 'PUT') return body.performUpsert ? 'upsert' : 'update';
  return 'other';
};

/**
 * A local stand-in for one Airtable base, faithful to the documented Web and Meta APIs in what
 * Veille uses: records listed by pages of 100 with expiring offsets, `fields[]`,
 * `filterByFormula`, POST listRecords, writes of at most 10 records, `performUpsert`, single
 * select choices refused without typecast, unknown fields refused, 5 requests per second then
 * 429 with a 30 s penalty, tables and fields through the Meta API. Faults can be injected and
 * every request is logged by kind for call-count assertions.
 */
export async function startFakeAirtable(options: FakeAirtableOptions = {}) {
  const baseId = options.baseId ?? newId('app');
  const apiKey = options.apiKey ?? 'patFakeAirtableKey';
  const limit = options.requestsPerSecond ?? 5;
  let penaltyMs = options.penaltyMs ?? 30_000;
  let offsetTtlMs = options.offsetTtlMs ?? 300_000;
  const base = createBase();
  let clock = () => Date.now();
  const webhooks = createWebhooks(() => clock());
  const records = createRecords(
    base,
    () => offsetTtlMs,
    (table, change) => webhooks.record(table, change, 'publicApi'),
  );
  const log: LoggedRequest[] = [];
  const arrivals: number[] = [];
  const faults: Fault[] = [];
  let penaltyUntil = 0;

  const send = (response: ServerResponse, status: number, body: unknown): void => {
    if (response.destroyed) return;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const sendError = (response: ServerResponse, status: number, type: string, message: string) => send(response, status, { error: { type, message } });

  /** Arrivals in the last second, refused ones included: Airtable counts every request. */
  const rateLimited = (now: number): boolean => {
    if (now < penaltyUntil) return true;
    arrivals.push(now);
    while (arrivals.length > 0 && arrivals[0] <= now - 1_000) arrivals.shift();
    if (arrivals.length <= limit) return false;
    penaltyUntil = now + penaltyMs;
    return true;
  };

  const route = (method: string, segments: string[], query: URLSearchParams, body: Record<string, unknown>): unknown => {
    if (segments[0] === 'meta') {
      if (segments[1] !== 'bases' || segments[2] !== baseId) throw new ApiError(404, 'NOT_FOUND', 'Could not find what you are looking for');
      if (segments.length === 4 && segments[3] === 'tables') {
        if (method === 'GET')
          return { tables: base.tables.map(({ records: _records, ...table }) => ({ ...table, views: [{ id: 'viwGrid', name: 'Grid view', type: 'grid' }] })) };
        if (method === 'POST') {
          const { records: _records, ...table } = base.createTable(body);
          return table;
        }
      }
      if (segments.length === 6 && segments[3] === 'tables' && segments[5] === 'fields' && method === 'POST')
        return base.createField(decodeURIComponent(segments[4]), body);
      throw new ApiError(404, 'NOT_FOUND', 'Could not find what you are looking for');
    }
    if (segments[0] === 'bases') {
      if (segments[1] !== baseId || segments[2] !== 'webhooks') throw new ApiError(404, 'NOT_FOUND', 'Could not find what you are looking for');
      if (options.withoutWebhookScope)
        throw new ApiError(403, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', 'Invalid permissions, or the requested model was not found');
      return webhooks.route(method, segments.slice(3), query, body);
    }
    if (segments[0] !== baseId) throw new ApiError(404, 'NOT_FOUND', 'Could not find what you are looking for');
    const table = decodeURIComponent(segments[1] ?? '');
    if (segments.length === 2 && method === 'GET') {
      return records.list(table, {
        pageSize: query.get('pageSize') ?? undefined,
        maxRecords: query.get('maxRecords') ?? undefined,
        offset: query.get('offset') ?? undefined,
        fields: query.has('fields[]') ? query.getAll('fields[]') : undefined,
        filterByFormula: query.get('filterByFormula') ?? undefined,
      });
    }
    if (segments.length === 3 && segments[2] === 'listRecords' && method === 'POST') return records.list(table, body);
    if (segments.length === 2 && method === 'POST') return records.create(table, body);
    if (segments.length === 2 && (method === 'PATCH' || method === 'PUT')) return records.update(table, body, method === 'PUT');
    if (segments.length === 2 && method === 'DELETE') return records.destroy(table, query.getAll('records[]'));
    if (segments.length === 3 && method === 'DELETE') return records.destroy(table, [segments[2]])?.records[0];
    throw new ApiError(404, 'NOT_FOUND', 'Could not find what you are looking for');
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://fake');
    const segments = url.pathname.split('/').filter(Boolean).slice(1);
    const text = await readBody(request);
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return sendError(response, 422, 'INVALID_REQUEST_BODY', 'Could not parse the request body as JSON');
    }
    const entry: LoggedRequest = { method, path: url.pathname, kind: kindOf(method, segments, body), status: 0, at: Date.now() };
    log.push(entry);
    const answer = (status: number, payload: unknown) => {
      entry.status = status;
      send(response, status, payload);
    };
    if (request.headers.authorization !== `Bearer ${apiKey}`)
      return answer(401, { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } });
    if (rateLimited(entry.at)) {
      return answer(429, { error: { type: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' } });
    }
    if (options.latencyMs) await sleep(options.latencyMs);
    if ((request.url ?? '').length > MAX_URL) return answer(414, { error: { type: 'URI_TOO_LONG', message: 'Request URI too long' } });
    const fault = faults.shift();
    if (fault && !fault.afterWrite) {
      if (fault.status === 'network') {
        entry.status = -1;
        request.socket.destroy();
        return;
      }
      return answer(fault.status, { error: { type: 'SERVER_ERROR', message: 'Server error' } });
    }
    let status = 200;
    let payload: unknown;
    try {
      payload = route(method, segments, url.searchParams, body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      payload = { error: { type: error.type, message: error.message } };
    }
    if (fault?.afterWrite) {
      if (fault.status === 'network') {
        entry.status = -1;
        request.socket.destroy();
        return;
      }
      return answer(fault.status, { error: { type: 'SERVER_ERROR', message: 'Server error' } });
    }
    answer(status, payload);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendError(response, 500, 'SERVER_ERROR', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const tableRecords = (table: string): StoredRecord[] => [...base.table(table).records.values()];

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    baseId,
    apiKey,
    log,
    /** Requests received, of one kind or all, whatever their answer. */
    count: (kind?: RequestKind): number => log.filter((entry) => !kind || entry.kind === kind).length,
    resetLog: () => log.splice(0),
    /** The next requests meet these faults, one each, in order. */
    inject: (...next: Fault[]) => faults.push(...next),
    clearFaults: () => faults.splice(0),
    setPenaltyMs: (ms: number) => (penaltyMs = ms),
    setOffsetTtlMs: (ms: number) => (offsetTtlMs = ms),
    expireOffsets: () => records.expireOffsets(),
    /** Records as the API answers them, every field included. */
    records: (table: string) => tableRecords(table).map((record) => base.toJson(base.table(table), record)),
    /** A change made by hand in Airtable's UI: cells by field name, null empties one. */
    edit: (table: string, id: string, fields: Record<string, unknown>) => {
      const target = base.table(table);
      const record = target.records.get(id);
      if (!record) throw new Error(`No record ${id} in ${table}`);
      const cells = base.cellsOf(target, fields, true);
      for (const [name, value] of cells) {
        if (value === null) record.cells.delete(name);
        else record.cells.set(name, value);
      }
      webhooks.record(target, { created: [], changed: [{ record, fieldIds: [...cells.keys()] }], destroyed: [] }, 'client');
    },
    remove: (table: string, id: string) => {
      const target = base.table(table);
      const removed = target.records.delete(id);
      if (removed) webhooks.record(target, { created: [], changed: [], destroyed: [id] }, 'client');
      return removed;
    },
    /** Records put straight into a table, without requests (a base that already holds data); answers their ids. */
    insert: (table: string, rows: Record<string, unknown>[]): string[] => {
      const target = base.table(table);
      const created = rows.map((fields) => {
        const record: StoredRecord = { id: newId('rec'), createdTime: new Date().toISOString(), cells: new Map() };
        for (const [fieldId, value] of base.cellsOf(target, fields, false)) if (value !== null) record.cells.set(fieldId, value);
        target.records.set(record.id, record);
        return record;
      });
      webhooks.record(target, { created, changed: [], destroyed: [] }, 'client');
      return created.map((record) => record.id);
    },
    /** Webhooks alive, as GET …/webhooks lists them. */
    webhooks: () => webhooks.list(),
    /** Every webhook expires now, as after 7 days without a refresh. */
    expireWebhooks: () => webhooks.expireAll(),
    /** The fake's clock for webhook expiry, moved by tests that let days pass. */
    setClock: (now: () => number) => (clock = now),
    /** The schema as the Meta API holds it, to break on purpose (delete a field, rename a choice). */
    schema: () => base.tables,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type FakeAirtable = Awaited<ReturnType<typeof startFakeAirtable>>;
