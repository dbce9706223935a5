import { OTHER_STATUS, type Column, type TableRow } from '@veille/domain';

const offers = (count: number): string => `${count} offre${count > 1 ? 's' : ''}`;

/** What a count of the table opens, said in full for a screen reader: « 6 offres À traiter — LinkedIn (sender) ». */
export function countLabel(count: number, status: Column, row: Pick<TableRow, 'board' | 'source'>): string {
  const what = status === OTHER_STATUS ? `${offers(count)} d'un autre statut` : `${offers(count)} ${status}`;
  return `${what} — ${row.board}${row.source ? ` (${row.source})` : ''}`;
}
