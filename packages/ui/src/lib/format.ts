const integer = new Intl.NumberFormat('fr-FR');
const dollars = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'USD',
  currencyDisplay: 'narrowSymbol',
  minimumFractionDigits: 2,
  maximumFractionDigits: 3,
});
const clock = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

export const formatCount = (value: number): string => integer.format(value);

export const formatCost = (usd: number): string => dollars.format(usd);

/** Hours and minutes of an ISO instant, or '' when there is none. */
export const formatTime = (iso: string | undefined): string => (iso ? clock.format(new Date(iso)) : '');

const score = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A score out of 20, at most one decimal, the French way: 14,5. */
export const formatScore = (value: number): string => score.format(value);
