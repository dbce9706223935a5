import { BOARDS, STATUSES, type CallMeter } from '@veille/domain';
import type { z } from 'zod';
import { createAirtableClient, type AirtableClient } from './client';
import type { AirtableConfig } from './config';
import {
  fieldSchema,
  OFFER_FIELDS,
  OFFERS,
  offersSpec,
  SOURCE_FIELDS,
  SOURCES,
  sourcesSpec,
  tableSchema,
  tablesSchema,
  type FieldSpec,
  type TableSpec,
} from './schema';

export type SetupResult = {
  /** What setup created (tables of an empty base). */
  created: string[];
  /** What the user must fix by hand in an existing base, one sentence each. */
  problems: string[];
};

type ExistingTable = z.infer<typeof tableSchema>;
type ExistingField = z.infer<typeof fieldSchema>;

const TYPE_LABELS: Record<string, string> = {
  singleLineText: 'Texte sur une ligne',
  multilineText: 'Texte long',
  url: 'URL',
  email: 'E-mail',
  date: 'Date',
  number: 'Nombre',
  checkbox: 'Case à cocher',
  singleSelect: 'Sélection unique',
  multipleRecordLinks: 'Lien vers une autre table',
};

/** Types that take the same values through the API as the one Veille creates. */
const ACCEPTED: Record<string, string[]> = {
  singleLineText: ['singleLineText', 'multilineText', 'email'],
  multilineText: ['multilineText', 'singleLineText', 'richText'],
  url: ['url', 'singleLineText'],
};

const labelOf = (type: string): string => TYPE_LABELS[type] ?? type;
const choiceNames = (field: ExistingField): string[] =>
  ((field.options?.choices as { name?: unknown }[] | undefined) ?? []).map((choice) => String(choice.name));

/**
 * Statuses must all be there, in order. Boards are written with typecast, so a missing one is
 * created on first use: only one that looks renamed is worth a word.
 */
const choiceProblems = (where: string, field: ExistingField, expected: readonly string[], ordered: boolean): string[] => {
  const actual = choiceNames(field);
  const missing = expected.filter((name) => !actual.includes(name));
  const unknown = actual.filter((name) => !expected.includes(name));
  const problems = missing.flatMap((name, index) =>
    unknown[index] !== undefined
      ? [`${where} : le choix « ${name} » manque et « ${unknown[index]} » n'est pas attendu ; s'il s'agit du même, renommez-le exactement « ${name} ».`]
      : ordered
        ? [`${where} : ajoutez le choix « ${name} ».`]
        : [],
  );
  const present = actual.filter((name) => expected.includes(name));
  if (ordered && missing.length === 0 && present.join('\n') !== expected.join('\n')) {
    problems.push(`${where} : remettez les choix dans cet ordre : ${expected.join(', ')}.`);
  }
  return problems;
};

const fieldProblems = (table: ExistingTable, spec: FieldSpec, sourcesTableId: string, primary: boolean): string[] => {
  const where = `Table ${table.name}, champ « ${spec.name} »`;
  const field = table.fields.find((candidate) => candidate.name === spec.name);
  if (!field) return [`Table ${table.name} : ajoutez le champ « ${spec.name} » de type ${labelOf(spec.type)}.`];
  const problems: string[] = [];
  if (!(ACCEPTED[spec.type] ?? [spec.type]).includes(field.type)) {
    problems.push(`${where} : le type est ${labelOf(field.type)}, il doit être ${labelOf(spec.type)}.`);
    return problems;
  }
  if (primary && table.primaryFieldId !== field.id) problems.push(`${where} : faites-en le champ principal (première colonne) de la table.`);
  if (spec.name === OFFER_FIELDS.status) problems.push(...choiceProblems(where, field, STATUSES, true));
  if (spec.name === SOURCE_FIELDS.board) problems.push(...choiceProblems(where, field, BOARDS, false));
  if (spec.type === 'multipleRecordLinks' && field.options?.linkedTableId !== sourcesTableId)
    problems.push(`${where} : il doit être lié à la table ${SOURCES}.`);
  return problems;
};

const tableProblems = (table: ExistingTable, spec: TableSpec, sourcesTableId: string): string[] =>
  spec.fields.flatMap((field, index) => fieldProblems(table, field, sourcesTableId, index === 0));

/**
 * `pnpm setup:airtable` and the setup button: through the Meta API, creates the Sources and
 * Offres tables a base lacks, adds the fields an existing table lacks, and checks the rest. A
 * field that exists is never changed: each difference comes back as a sentence that says what to
 * fix in Airtable.
 */
export async function setupAirtable(config: AirtableConfig, meter?: CallMeter, client?: AirtableClient): Promise<SetupResult> {
  const api = client ?? createAirtableClient(config, { meter });
  const created: string[] = [];
  const { body } = await api.send('meta', { method: 'GET', path: '/tables' }, 'meta');
  const tables = tablesSchema.parse(body).tables;
  const find = (name: string) => tables.find((table) => table.name === name);

  const createTable = async (spec: TableSpec): Promise<ExistingTable> => {
    const answer = await api.send('meta', { method: 'POST', path: '/tables', body: spec }, 'meta');
    created.push(`Table ${spec.name} créée (${spec.fields.length} champs).`);
    return tableSchema.parse(answer.body);
  };

  /** A field Veille reads that an existing table lacks (one added to Veille since its setup) is created; nothing else is changed. */
  const addMissingFields = async (table: ExistingTable, spec: TableSpec): Promise<void> => {
    for (const field of spec.fields) {
      if (table.fields.some((candidate) => candidate.name === field.name)) continue;
      const answer = await api.send('meta', { method: 'POST', path: `/tables/${encodeURIComponent(table.id)}/fields`, body: field }, 'meta');
      table.fields.push(fieldSchema.parse(answer.body));
      created.push(`Champ « ${field.name} » ajouté à la table ${table.name}.`);
    }
  };

  const existingSources = find(SOURCES);
  const sources = existingSources ?? (await createTable(sourcesSpec()));
  const existingOffers = find(OFFERS);
  if (!existingOffers) await createTable(offersSpec(sources.id));
  if (existingSources) await addMissingFields(existingSources, sourcesSpec());
  if (existingOffers) await addMissingFields(existingOffers, offersSpec(sources.id));
  const problems = [
    ...(existingSources ? tableProblems(existingSources, sourcesSpec(), sources.id) : []),
    ...(existingOffers ? tableProblems(existingOffers, offersSpec(sources.id), sources.id) : []),
  ];
  return { created, problems };
}
