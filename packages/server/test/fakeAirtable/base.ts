import { randomBytes } from 'node:crypto';
import type { Value } from './formula';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Ids as Airtable shapes them: a three-letter prefix and 14 letters or digits. */
export function newId(prefix: 'app' | 'tbl' | 'fld' | 'rec' | 'itr' | 'viw'): string {
  return `${prefix}${[...randomBytes(14)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
}

/** An error Airtable answers with `{ error: { type, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (type: string, message: string): never => {
  throw new ApiError(422, type, message);
};

export type Choice = { id: string; name: string; color?: string };
export type Field = { id: string; name: string; type: string; options?: Record<string, unknown> };
export type StoredRecord = { id: string; createdTime: string; cells: Map<string, unknown> };
export type Table = { id: string; name: string; primaryFieldId: string; fields: Field[]; records: Map<string, StoredRecord> };

export const FIELD_TYPES = ['singleLineText', 'multilineText', 'url', 'email', 'number', 'checkbox', 'date', 'singleSelect', 'multipleRecordLinks'] as const;
const PRIMARY_TYPES = new Set(['singleLineText', 'multilineText', 'url', 'email', 'number', 'date']);

const choicesOf = (field: Field): Choice[] => (field.options?.choices as Choice[] | undefined) ?? [];

/** One base in memory: its tables (Meta API) and records (Web API), with Airtable's rules for both. */
export function createBase() {
  const tables: Table[] = [];

  const table = (nameOrId: string): Table => {
    const found = tables.find((candidate) => candidate.id === nameOrId || candidate.name === nameOrId);
    if (!found) throw new ApiError(404, 'TABLE_NOT_FOUND', `Could not find table ${nameOrId} in this base`);
    return found;
  };

  const fieldByName = (target: Table, name: string): Field | undefined => target.fields.find((field) => field.name === name);

  const checkField = (target: Table | undefined, spec: { name?: unknown; type?: unknown; options?: unknown }): Field => {
    const name = typeof spec.name === 'string' ? spec.name.trim() : '';
    if (!name || (target && fieldByName(target, name))) refuse('DUPLICATE_OR_EMPTY_FIELD_NAME', `Field name "${name}" is empty or already used`);
    const type = spec.type as string;
    if (!(FIELD_TYPES as readonly string[]).includes(type)) refuse('INVALID_FIELD_TYPE', `Unsupported field type "${String(type)}"`);
    const options = (spec.options ?? undefined) as Record<string, unknown> | undefined;
    const invalidOptions = (): never => refuse('INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE', `Invalid options for field "${name}" of type ${type}`);
    if (type === 'number' && typeof options?.precision !== 'number') invalidOptions();
    if (type === 'checkbox' && (typeof options?.icon !== 'string' || typeof options?.color !== 'string')) invalidOptions();
    if (type === 'date' && typeof (options?.dateFormat as { name?: unknown } | undefined)?.name !== 'string') invalidOptions();
    if (type === 'singleSelect' && !Array.isArray(options?.choices)) invalidOptions();
    if (type === 'multipleRecordLinks' && !tables.some((candidate) => candidate.id === options?.linkedTableId)) invalidOptions();
    const field: Field = { id: newId('fld'), name, type, ...(options ? { options: structuredClone(options) } : {}) };
    if (type === 'singleSelect') {
      field.options = {
        choices: (options?.choices as { name: string; color?: string }[]).map((choice) => ({
          id: `sel${newId('rec').slice(3)}`,
          name: choice.name,
          ...(choice.color ? { color: choice.color } : {}),
        })),
      };
    }
    return field;
  };

  /** A link field has its inverse in the linked table, as Airtable creates it. */
  const linkBack = (target: Table, field: Field): void => {
    if (field.type !== 'multipleRecordLinks') return;
    const linked = table(field.options?.linkedTableId as string);
    let name = target.name;
    for (let index = 2; fieldByName(linked, name); index += 1) name = `${target.name} ${index}`;
    const inverse: Field = { id: newId('fld'), name, type: 'multipleRecordLinks', options: { linkedTableId: target.id, inverseLinkFieldId: field.id } };
    field.options = { linkedTableId: linked.id, inverseLinkFieldId: inverse.id };
    linked.fields.push(inverse);
  };

  const createTable = (spec: { name?: unknown; fields?: unknown }): Table => {
    const name = typeof spec.name === 'string' ? spec.name.trim() : '';
    if (!name || tables.some((candidate) => candidate.name === name)) refuse('DUPLICATE_TABLE_NAME', `Table name "${name}" is empty or already used`);
    if (!Array.isArray(spec.fields) || spec.fields.length === 0) refuse('INVALID_REQUEST_UNKNOWN', 'A table needs at least one field');
    const created: Table = { id: newId('tbl'), name, primaryFieldId: '', fields: [], records: new Map() };
    for (const fieldSpec of spec.fields as object[]) created.fields.push(checkField(created, fieldSpec));
    if (!PRIMARY_TYPES.has(created.fields[0].type)) refuse('INVALID_PRIMARY_FIELD_TYPE', `Field type ${created.fields[0].type} cannot be the primary field`);
    created.primaryFieldId = created.fields[0].id;
    tables.push(created);
    for (const field of created.fields) linkBack(created, field);
    return created;
  };

  const createField = (tableIdOrName: string, spec: object): Field => {
    const target = table(tableIdOrName);
    const field = checkField(target, spec);
    target.fields.push(field);
    linkBack(target, field);
    return field;
  };

  /** A cell as written, checked against its field's type; null means empty. */
  const cellOf = (target: Table, field: Field, value: unknown, typecast: boolean): unknown => {
    if (value === null || value === undefined || value === '' || value === false) return null;
    const invalid = (): never => refuse('INVALID_VALUE_FOR_COLUMN', `Field "${field.name}" cannot accept the provided value`);
    switch (field.type) {
      case 'singleLineText':
      case 'multilineText':
      case 'url':
      case 'email':
        return typeof value === 'string' ? value : invalid();
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? value : invalid();
      case 'checkbox':
        return value === true ? true : invalid();
      case 'date':
        return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value.slice(0, 10))) ? value.slice(0, 10) : invalid();
      case 'singleSelect': {
        if (typeof value !== 'string') return invalid();
        const choices = choicesOf(field);
        if (choices.some((choice) => choice.name === value)) return value;
        if (!typecast) refuse('INVALID_MULTIPLE_CHOICE_OPTIONS', `Insufficient permissions to create new select option ""${value}""`);
        choices.push({ id: `sel${newId('rec').slice(3)}`, name: value });
        field.options = { ...field.options, choices };
        return value;
      }
      case 'multipleRecordLinks': {
        if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) return invalid();
        const linked = table(field.options?.linkedTableId as string);
        for (const id of value as string[]) {
          if (!linked.records.has(id)) refuse('ROW_DOES_NOT_EXIST', `Record ID ${id} does not exist in table ${linked.name}`);
        }
        return value.length > 0 ? [...new Set(value as string[])] : null;
      }
      default:
        return invalid();
    }
  };

  /** The cells a write sets, by field id; every field name must exist. */
  const cellsOf = (target: Table, fields: unknown, typecast: boolean): Map<string, unknown> => {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) refuse('INVALID_RECORDS', 'Each record needs a "fields" object');
    const cells = new Map<string, unknown>();
    for (const [name, value] of Object.entries(fields as object)) {
      const field = fieldByName(target, name);
      if (!field) return refuse('UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
      cells.set(field.id, cellOf(target, field, value, typecast));
    }
    return cells;
  };

  /** A cell as a reader gets it; the inverse side of a link is computed from the other table. */
  const valueOf = (target: Table, record: StoredRecord, field: Field): unknown => {
    const own = record.cells.get(field.id);
    if (own !== undefined && own !== null) return own;
    const inverseId = field.options?.inverseLinkFieldId as string | undefined;
    if (!inverseId) return undefined;
    const linked = table(field.options?.linkedTableId as string);
    const ids = [...linked.records.values()]
      .filter((other) => ((other.cells.get(inverseId) as string[] | undefined) ?? []).includes(record.id))
      .map((other) => other.id);
    return ids.length > 0 ? ids : undefined;
  };

  const formulaValue = (target: Table, record: StoredRecord, name: string): Value => {
    const field = fieldByName(target, name);
    const value = field ? valueOf(target, record, field) : undefined;
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) return value.join(', ');
    return value as Value;
  };

  /** What the API answers for a record: empty cells are left out, as Airtable does. */
  const toJson = (target: Table, record: StoredRecord, only?: readonly string[]) => {
    const fields: Record<string, unknown> = {};
    for (const field of target.fields) {
      if (only && !only.includes(field.name)) continue;
      const value = valueOf(target, record, field);
      if (value !== undefined && value !== null) fields[field.name] = value;
    }
    return { id: record.id, createdTime: record.createdTime, fields };
  };

  return { tables, table, fieldByName, createTable, createField, cellsOf, toJson, formulaValue };
}

export type FakeBase = ReturnType<typeof createBase>;
