import { randomBytes } from 'node:crypto';
import { ApiError, newId, type StoredRecord, type Table } from './base';

/** What one transaction did to one table: the fake's writes and its by-hand helpers report it. */
export type RecordChange = {
  created: StoredRecord[];
  changed: { record: StoredRecord; fieldIds: string[] }[];
  destroyed: string[];
};

type Specification = {
  options: { filters: { dataTypes: string[]; recordChangeScope?: string; watchDataInFieldIds?: string[] } };
};

type Payload = {
  timestamp: string;
  baseTransactionNumber: number;
  payloadFormat: 'v0';
  actionMetadata: { source: string; sourceMetadata: Record<string, unknown> };
  changedTablesById: Record<string, Record<string, unknown>>;
};

type Hook = {
  id: string;
  specification: Specification;
  createdTime: string;
  expirationTime: string;
  /** Every payload since creation: payload n has cursor n (1-based). */
  payloads: Payload[];
};

/** Airtable's lifetime of a webhook without notification URL, from creation or the last refresh. */
const LIFETIME_MS = 7 * 24 * 3_600_000;
/** Airtable answers at most 50 payloads per request. */
const MAX_PAYLOADS = 50;

const notFound = (): never => {
  throw new ApiError(404, 'NOT_FOUND', 'Could not find what you are looking for');
};
const invalid = (message: string): never => {
  throw new ApiError(422, 'INVALID_REQUEST_UNKNOWN', message);
};

const specificationOf = (value: unknown): Specification => {
  const filters = (value as { options?: { filters?: Record<string, unknown> } } | undefined)?.options?.filters;
  const dataTypes = filters?.dataTypes;
  if (!Array.isArray(dataTypes) || dataTypes.length === 0 || dataTypes.some((type) => !['tableData', 'tableFields', 'tableMetadata'].includes(type as string)))
    return invalid('specification.options.filters.dataTypes must list tableData, tableFields or tableMetadata');
  const watch = filters?.watchDataInFieldIds;
  if (watch !== undefined && (!Array.isArray(watch) || watch.some((id) => typeof id !== 'string'))) return invalid('watchDataInFieldIds must be field ids');
  const scope = filters?.recordChangeScope;
  if (scope !== undefined && typeof scope !== 'string') return invalid('recordChangeScope must be a table or view id');
  return structuredClone(value) as Specification;
};

/**
 * Webhooks as the Web API documents them, for clients that list payloads instead of receiving
 * notifications: create, list, payloads from a cursor by pages of 50 with `mightHaveMore` (which
 * also gives the webhook 7 more days), refresh (7 more days), delete; an expired webhook is gone. Tables changed within a base are
 * reported as one payload per transaction, keyed by table and field ids.
 */
export function createWebhooks(now: () => number) {
  const hooks = new Map<string, Hook>();
  let transaction = 0;

  const live = (id: string): Hook => {
    const hook = hooks.get(id);
    if (!hook) return notFound();
    if (Date.parse(hook.expirationTime) <= now()) {
      hooks.delete(id);
      return notFound();
    }
    return hook;
  };

  const watches = (hook: Hook, table: Table, fieldIds: readonly string[] | undefined): boolean => {
    const { dataTypes, recordChangeScope, watchDataInFieldIds } = hook.specification.options.filters;
    if (!dataTypes.includes('tableData')) return false;
    if (recordChangeScope && recordChangeScope !== table.id) return false;
    if (!watchDataInFieldIds) return true;
    const own = table.fields.filter((field) => watchDataInFieldIds.includes(field.id)).map((field) => field.id);
    if (own.length === 0) return false;
    return !fieldIds || fieldIds.some((id) => own.includes(id));
  };

  const cells = (record: StoredRecord, only?: readonly string[]): Record<string, unknown> =>
    Object.fromEntries([...record.cells].filter(([id]) => !only || only.includes(id)));

  const tableChanges = (hook: Hook, table: Table, change: RecordChange): Record<string, unknown> | undefined => {
    const entry: Record<string, unknown> = {};
    const created = change.created.filter(() => watches(hook, table, undefined));
    const changed = change.changed.filter(({ fieldIds }) => watches(hook, table, fieldIds));
    const destroyed = change.destroyed.filter(() => watches(hook, table, undefined));
    if (created.length > 0)
      entry.createdRecordsById = Object.fromEntries(
        created.map((record) => [record.id, { createdTime: record.createdTime, cellValuesByFieldId: cells(record) }]),
      );
    if (changed.length > 0)
      entry.changedRecordsById = Object.fromEntries(
        changed.map(({ record, fieldIds }) => [record.id, { current: { cellValuesByFieldId: cells(record, fieldIds) } }]),
      );
    if (destroyed.length > 0) entry.destroyedRecordIds = destroyed;
    return Object.keys(entry).length > 0 ? entry : undefined;
  };

  /** One transaction on one table: every live webhook that watches it gets one payload. */
  const record = (table: Table, change: RecordChange, source: 'publicApi' | 'client'): void => {
    transaction += 1;
    for (const hook of hooks.values()) {
      const entry = tableChanges(hook, table, change);
      if (!entry) continue;
      hook.payloads.push({
        timestamp: new Date(now()).toISOString(),
        baseTransactionNumber: transaction,
        payloadFormat: 'v0',
        actionMetadata: { source, sourceMetadata: {} },
        changedTablesById: { [table.id]: entry },
      });
    }
  };

  const describe = (hook: Hook) => ({
    id: hook.id,
    areNotificationsEnabled: false,
    cursorForNextPayload: hook.payloads.length + 1,
    isHookEnabled: true,
    lastSuccessfulNotificationTime: null,
    notificationUrl: null,
    expirationTime: hook.expirationTime,
    specification: hook.specification,
    createdTime: hook.createdTime,
  });

  /** Expired webhooks are gone, as Airtable removes them. */
  const listLive = () => {
    for (const hook of [...hooks.values()]) if (Date.parse(hook.expirationTime) <= now()) hooks.delete(hook.id);
    return [...hooks.values()].map(describe);
  };

  const route = (method: string, rest: string[], query: URLSearchParams, body: Record<string, unknown>): unknown => {
    if (rest.length === 0 && method === 'GET') return { webhooks: listLive() };
    if (rest.length === 0 && method === 'POST') {
      if (body.notificationUrl !== undefined && body.notificationUrl !== null)
        invalid('The fake sends no notifications: create webhooks without notificationUrl');
      const at = new Date(now());
      const hook: Hook = {
        id: `ach${newId('rec').slice(3)}`,
        specification: specificationOf(body.specification),
        createdTime: at.toISOString(),
        expirationTime: new Date(at.getTime() + LIFETIME_MS).toISOString(),
        payloads: [],
      };
      hooks.set(hook.id, hook);
      return { id: hook.id, macSecretBase64: randomBytes(16).toString('base64'), expirationTime: hook.expirationTime };
    }
    const hook = live(rest[0]);
    if (rest.length === 1 && method === 'DELETE') {
      hooks.delete(hook.id);
      return {};
    }
    if (rest.length === 2 && rest[1] === 'refresh' && method === 'POST') {
      hook.expirationTime = new Date(now() + LIFETIME_MS).toISOString();
      return { expirationTime: hook.expirationTime };
    }
    if (rest.length === 2 && rest[1] === 'payloads' && method === 'GET') {
      const cursor = Number(query.get('cursor') ?? '1');
      const limit = Number(query.get('limit') ?? String(MAX_PAYLOADS));
      if (!Number.isInteger(cursor) || cursor < 1) return invalid(`Invalid cursor: ${query.get('cursor')}`);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAYLOADS) return invalid(`Invalid limit: ${query.get('limit')}`);
      hook.expirationTime = new Date(now() + LIFETIME_MS).toISOString();
      const payloads = hook.payloads.slice(cursor - 1, cursor - 1 + limit);
      const next = Math.min(cursor + payloads.length, hook.payloads.length + 1);
      return { payloads, cursor: Math.max(next, cursor), mightHaveMore: next <= hook.payloads.length };
    }
    return notFound();
  };

  return {
    route,
    record,
    /** Every webhook reaches its expiration time now, as if Veille had not refreshed it for 7 days. */
    expireAll: () => {
      for (const hook of hooks.values()) hook.expirationTime = new Date(now() - 1).toISOString();
    },
    /** Webhooks alive, as Airtable lists them. */
    list: listLive,
  };
}

export type FakeWebhooks = ReturnType<typeof createWebhooks>;
