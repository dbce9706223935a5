// Statuses are data: they keep the exact spelling of the Airtable single select.
export const STATUSES = ['A compléter', 'À analyser', 'À traiter', 'Candidaté', 'Refusé', 'Traité', 'Ignoré', 'Expiré'] as const;

export type Status = (typeof STATUSES)[number];

/**
 * Each status by its role in the offer's life, for code outside the domain, which never spells
 * one: the page's colours, the Airtable choice list.
 */
export const STATUS = {
  toComplete: 'A compléter',
  toAnalyse: 'À analyser',
  toProcess: 'À traiter',
  applied: 'Candidaté',
  rejected: 'Refusé',
  processed: 'Traité',
  ignored: 'Ignoré',
  expired: 'Expiré',
} as const satisfies Record<string, Status>;

/** Column of the table that gathers any status the product does not know (typed by hand in Airtable). */
export const OTHER_STATUS = 'Autre';

export const COLUMNS = [...STATUSES, OTHER_STATUS] as const;
export type Column = (typeof COLUMNS)[number];

const known = new Set<string>(STATUSES);

export function isStatus(value: string): value is Status {
  return known.has(value);
}

export function columnOf(status: string): Column {
  return isStatus(status) ? status : OTHER_STATUS;
}

export type Counts = Record<Column, number>;

export function emptyCounts(): Counts {
  const counts = {} as Counts;
  for (const column of COLUMNS) counts[column] = 0;
  return counts;
}
