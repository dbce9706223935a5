import { BOARDS, STATUS, STATUSES, type Status } from '@veille/domain';
import { z } from 'zod';

export const SOURCES = 'Sources';
export const OFFERS = 'Offres';

/** Field names as the user sees them in the base: the adapter reads and writes nothing else. */
export const SOURCE_FIELDS = {
  sender: 'emailExpéditeur',
  board: 'plugin',
  import: 'Activer la création',
  enrich: "Activer l'enrichissement",
  analyse: "Activer l'analyse par IA",
} as const;

export const OFFER_FIELDS = {
  key: 'Id offre',
  url: 'URL',
  text: "Texte de l'offre",
  title: 'Poste',
  company: 'Entreprise',
  city: 'Ville',
  department: 'Département',
  salary: 'Salaire',
  offerDate: 'DateOffre',
  addedAt: 'DateAjout',
  status: 'Statut',
  reason: 'Raison',
  summary: 'Résumé',
  total: 'Score total',
  scores: 'Scores',
  dealBreakers: 'Rédhibitoires',
  justifications: 'Justifications',
  analyser: 'Analysé par',
  cost: 'Coût analyse (USD)',
  source: 'email expéditeur',
  canonical: 'URL canonique',
  duplicateOf: 'Doublon de',
} as const;

/** Colours of the status choices, in the order of STATUSES: work to do warm, done grey, set aside red. */
const STATUS_COLORS = {
  [STATUS.toComplete]: 'yellowLight2',
  [STATUS.toAnalyse]: 'orangeLight2',
  [STATUS.toProcess]: 'blueLight2',
  [STATUS.applied]: 'purpleLight2',
  [STATUS.rejected]: 'pinkLight2',
  [STATUS.processed]: 'greenLight2',
  [STATUS.ignored]: 'grayLight2',
  [STATUS.expired]: 'redLight2',
} satisfies Record<Status, string>;

export type FieldSpec = { name: string; type: string; options?: Record<string, unknown> };
export type TableSpec = { name: string; fields: FieldSpec[] };

const text = (name: string): FieldSpec => ({ name, type: 'singleLineText' });
const longText = (name: string): FieldSpec => ({ name, type: 'multilineText' });
const checkbox = (name: string): FieldSpec => ({ name, type: 'checkbox', options: { icon: 'check', color: 'greenBright' } });
const date = (name: string): FieldSpec => ({ name, type: 'date', options: { dateFormat: { name: 'iso' } } });

export function sourcesSpec(): TableSpec {
  return {
    name: SOURCES,
    fields: [
      text(SOURCE_FIELDS.sender),
      { name: SOURCE_FIELDS.board, type: 'singleSelect', options: { choices: BOARDS.map((board) => ({ name: board })) } },
      checkbox(SOURCE_FIELDS.import),
      checkbox(SOURCE_FIELDS.enrich),
      checkbox(SOURCE_FIELDS.analyse),
    ],
  };
}

/** The link to Sources needs the Sources table id, known only once that table exists. */
export function offersSpec(sourcesTableId: string): TableSpec {
  return {
    name: OFFERS,
    fields: [
      text(OFFER_FIELDS.key),
      { name: OFFER_FIELDS.url, type: 'url' },
      longText(OFFER_FIELDS.text),
      text(OFFER_FIELDS.title),
      text(OFFER_FIELDS.company),
      text(OFFER_FIELDS.city),
      text(OFFER_FIELDS.department),
      text(OFFER_FIELDS.salary),
      date(OFFER_FIELDS.offerDate),
      date(OFFER_FIELDS.addedAt),
      { name: OFFER_FIELDS.status, type: 'singleSelect', options: { choices: STATUSES.map((name) => ({ name, color: STATUS_COLORS[name] })) } },
      text(OFFER_FIELDS.reason),
      longText(OFFER_FIELDS.summary),
      { name: OFFER_FIELDS.total, type: 'number', options: { precision: 1 } },
      longText(OFFER_FIELDS.scores),
      longText(OFFER_FIELDS.dealBreakers),
      text(OFFER_FIELDS.analyser),
      longText(OFFER_FIELDS.justifications),
      { name: OFFER_FIELDS.cost, type: 'number', options: { precision: 6 } },
      { name: OFFER_FIELDS.source, type: 'multipleRecordLinks', options: { linkedTableId: sourcesTableId } },
      // Where the job's page says it lives (normalised, or a board's own id: not always a URL), and the record id of the offer kept.
      text(OFFER_FIELDS.canonical),
      text(OFFER_FIELDS.duplicateOf),
    ],
  };
}

/** Tables and fields as the Meta API describes them. */
export const fieldSchema = z.object({ id: z.string(), name: z.string(), type: z.string(), options: z.record(z.string(), z.unknown()).optional() });
export const tableSchema = z.object({ id: z.string(), name: z.string(), primaryFieldId: z.string(), fields: z.array(fieldSchema) });
export const tablesSchema = z.object({ tables: z.array(tableSchema) });
