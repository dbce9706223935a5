import { OTHER_STATUS, type Column, type TableRow } from '@veille/domain';

const offers = (count: number): string => `${count} offre${count > 1 ? 's' : ''}`;
const what = (count: number, status: Column): string => (status === OTHER_STATUS ? `${offers(count)} d'un autre statut` : `${offers(count)} ${status}`);

/** What a count of the table opens, said in full for a screen reader: « 6 offres À traiter — LinkedIn (sender) ». */
export function countLabel(count: number, status: Column, row: Pick<TableRow, 'board' | 'source'>): string {
  return `${what(count, status)} — ${row.board}${row.source ? ` (${row.source})` : ''}`;
}

/** What a column's total opens: « 28 offres À traiter — toutes les sources ». */
export function totalLabel(count: number, status: Column): string {
  return `${what(count, status)} — toutes les sources`;
}
