import { ApiError, newId, type FakeBase, type StoredRecord, type Table } from './base';
import { FormulaError, parseFormula } from './formula';
import type { RecordChange } from './webhooks';

const MAX_PAGE = 100;
const MAX_WRITE = 10;

export type ListParams = { pageSize?: unknown; maxRecords?: unknown; offset?: unknown; fields?: unknown; filterByFormula?: unknown };

type Iterator = { table: string; ids: string[]; fields?: string[]; expiresAt: number };

const invalid = (type: string, message: string): never => {
  throw new ApiError(422, type, message);
};

const isNames = (value: unknown): value is string[] => Array.isArray(value) && value.every((name) => typeof name === 'string');

const positiveInt = (value: unknown, name: string, max = Infinity): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    invalid('INVALID_REQUEST_UNKNOWN', `Invalid ${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return number;
};

/**
 * List and write records as the Web API does: pages of at most 100 with an opaque offset that
 * expires, `fields[]`, `filterByFormula`, and writes of at most 10 records that are all refused
 * when one is wrong (unknown field, unknown choice without typecast, missing record).
 */
export function createRecords(base: FakeBase, offsetTtlMs: () => number, changed: (table: Table, change: RecordChange) => void = () => undefined) {
  const iterators = new Map<string, Iterator>();

  const list = (tableName: string, params: ListParams) => {
    const table = base.table(tableName);
    const pageSize = positiveInt(params.pageSize, 'pageSize', MAX_PAGE) ?? MAX_PAGE;
    const fields = params.fields === undefined ? undefined : ([] as string[]).concat(params.fields as string[]);
    for (const name of fields ?? []) if (!base.fieldByName(table, name)) invalid('UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
    let ids: string[];
    if (typeof params.offset === 'string' && params.offset) {
      const iterator = iterators.get(params.offset);
      if (!iterator || iterator.table !== table.id || iterator.expiresAt < Date.now()) {
        return invalid('LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'The list records iterator is no longer available; start the listing again');
      }
      iterators.delete(params.offset);
      ids = iterator.ids;
    } else {
      ids = matching(table, params.filterByFormula, positiveInt(params.maxRecords, 'maxRecords'));
    }
    const live = ids.filter((id) => table.records.has(id));
    const page = live.slice(0, pageSize);
    const rest = live.slice(pageSize);
    const answer: { records: unknown[]; offset?: string } = {
      records: page.map((id) => base.toJson(table, table.records.get(id) as StoredRecord, fields)),
    };
    if (rest.length > 0) {
      const offset = `${newId('itr')}/${rest[0]}`;
      iterators.set(offset, { table: table.id, ids: rest, fields, expiresAt: Date.now() + offsetTtlMs() });
      answer.offset = offset;
    }
    return answer;
  };

  const matching = (table: Table, formula: unknown, maxRecords?: number): string[] => {
    let ids = [...table.records.keys()];
    if (typeof formula === 'string' && formula.trim()) {
      let test;
      try {
        test = parseFormula(formula, (name) => !!base.fieldByName(table, name));
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        return invalid('INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${error.message}`);
      }
      ids = ids.filter((id) => test({ id, cell: (name) => base.formulaValue(table, table.records.get(id) as StoredRecord, name) }));
    }
    return maxRecords ? ids.slice(0, maxRecords) : ids;
  };

  const recordsOf = (body: Record<string, unknown>): Record<string, unknown>[] => {
    const records = body.records;
    if (!Array.isArray(records) || records.length === 0 || records.length > MAX_WRITE) {
      return invalid('INVALID_RECORDS', `You must provide an array of up to ${MAX_WRITE} record objects`);
    }
    return records as Record<string, unknown>[];
  };

  const apply = (record: StoredRecord, cells: Map<string, unknown>, replace: boolean) => {
    if (replace) record.cells.clear();
    for (const [fieldId, value] of cells) {
      if (value === null) record.cells.delete(fieldId);
      else record.cells.set(fieldId, value);
    }
  };

  const create = (tableName: string, body: Record<string, unknown>) => {
    const table = base.table(tableName);
    const typecast = body.typecast === true;
    const single = !Array.isArray(body.records) && body.fields !== undefined;
    const specs = single ? [{ fields: body.fields }] : recordsOf(body);
    const cells = specs.map((spec) => base.cellsOf(table, spec.fields, typecast));
    const created = cells.map((recordCells) => {
      const record: StoredRecord = { id: newId('rec'), createdTime: new Date().toISOString(), cells: new Map() };
      apply(record, recordCells, false);
      table.records.set(record.id, record);
      return record;
    });
    changed(table, { created, changed: [], destroyed: [] });
    return single ? base.toJson(table, created[0]) : { records: created.map((record) => base.toJson(table, record)) };
  };

  const written = (cells: Map<string, unknown>) => [...cells.keys()];

  /** DELETE of up to 10 records by id, refused whole when one is missing. */
  const destroy = (tableName: string, ids: string[]) => {
    const table = base.table(tableName);
    if (ids.length === 0 || ids.length > MAX_WRITE) return invalid('INVALID_RECORDS', `You must provide an array of up to ${MAX_WRITE} record ids`);
    for (const id of ids) if (!table.records.has(id)) invalid('ROW_DOES_NOT_EXIST', `Record ID ${id} does not exist in this table`);
    for (const id of ids) table.records.delete(id);
    changed(table, { created: [], changed: [], destroyed: ids });
    return { records: ids.map((id) => ({ id, deleted: true })) };
  };

  const mergeKey = (table: Table, cells: Map<string, unknown>, merge: string[]): string =>
    JSON.stringify(merge.map((name) => cells.get(base.fieldByName(table, name)?.id ?? '') ?? null));

  const update = (tableName: string, body: Record<string, unknown>, replace: boolean) => {
    const table = base.table(tableName);
    const typecast = body.typecast === true;
    const specs = recordsOf(body);
    const upsert = body.performUpsert as { fieldsToMergeOn?: unknown } | undefined;
    if (!upsert) {
      const planned = specs.map((spec) => {
        const record = typeof spec.id === 'string' ? table.records.get(spec.id) : undefined;
        if (!record) return invalid('ROW_DOES_NOT_EXIST', `Record ID ${String(spec.id)} does not exist in this table`);
        return { record, cells: base.cellsOf(table, spec.fields, typecast) };
      });
      for (const { record, cells } of planned) apply(record, cells, replace);
      changed(table, { created: [], changed: planned.map(({ record, cells }) => ({ record, fieldIds: written(cells) })), destroyed: [] });
      return { records: planned.map(({ record }) => base.toJson(table, record)) };
    }
    const merge = upsert.fieldsToMergeOn;
    if (!isNames(merge) || merge.length === 0 || merge.length > 3 || merge.some((name) => !base.fieldByName(table, name))) {
      return invalid('INVALID_REQUEST_UNKNOWN', 'performUpsert.fieldsToMergeOn must name 1 to 3 fields of the table');
    }
    const existing = new Map<string, StoredRecord[]>();
    for (const record of table.records.values()) {
      const key = mergeKey(table, record.cells, merge);
      existing.set(key, [...(existing.get(key) ?? []), record]);
    }
    const seen = new Set<string>();
    const planned = specs.map((spec) => {
      const cells = base.cellsOf(table, spec.fields, typecast);
      if (typeof spec.id === 'string') {
        const record = table.records.get(spec.id);
        if (!record) return invalid('ROW_DOES_NOT_EXIST', `Record ID ${spec.id} does not exist in this table`);
        return { record, cells };
      }
      const key = mergeKey(table, cells, merge);
      if (merge.some((name) => !cells.get(base.fieldByName(table, name)?.id ?? ''))) {
        return invalid('INVALID_VALUE_FOR_COLUMN', `Each record must give a value for ${merge.join(', ')} to upsert`);
      }
      if (seen.has(key)) return invalid('INVALID_RECORDS', 'Two records of the request match on the same fieldsToMergeOn values');
      seen.add(key);
      const matches = existing.get(key) ?? [];
      if (matches.length > 1) return invalid('INVALID_RECORDS', 'More than one record matches the fieldsToMergeOn values');
      return { record: matches[0], cells };
    });
    const createdRecords: string[] = [];
    const updatedRecords: string[] = [];
    const change: RecordChange = { created: [], changed: [], destroyed: [] };
    const records = planned.map(({ record, cells }) => {
      if (record) {
        apply(record, cells, replace);
        updatedRecords.push(record.id);
        change.changed.push({ record, fieldIds: written(cells) });
        return base.toJson(table, record);
      }
      const created: StoredRecord = { id: newId('rec'), createdTime: new Date().toISOString(), cells: new Map() };
      apply(created, cells, false);
      table.records.set(created.id, created);
      createdRecords.push(created.id);
      change.created.push(created);
      return base.toJson(table, created);
    });
    changed(table, change);
    return { records, createdRecords, updatedRecords };
  };

  return { list, create, update, destroy, expireOffsets: () => iterators.clear() };
}
