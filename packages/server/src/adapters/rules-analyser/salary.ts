const WORKING_DAYS = 218;

const amountOf = (raw: string, thousands: boolean): number => {
  // A separator followed by three digits groups thousands ("45 000", "120,000"); otherwise "3,5" is a decimal.
  const value = Number(raw.replace(/[\s\u00a0\u202f.,](?=\d{3}(\D|$))/g, '').replace(',', '.'));
  return thousands ? value * 1_000 : value;
};

/**
 * A French salary string as a yearly gross figure: "45 000 € - 55 000 € / an", "45K€",
 * "3 500 € par mois", "550 €/jour". The middle of a range; undefined when it says no number.
 */
export function yearlySalary(text: string): number | undefined {
  const numbers = [...text.matchAll(/(\d{1,3}(?:[\s\u00a0\u202f.,]\d{3})+|\d+(?:,\d+)?)\s*(k|K)?/g)]
    .map((match) => amountOf(match[1], !!match[2]))
    .filter((value) => value > 0);
  if (numbers.length === 0) return undefined;
  const middle = numbers.length > 1 ? (numbers[0] + numbers[1]) / 2 : numbers[0];
  if (/jour|day|tjm/i.test(text)) return middle * WORKING_DAYS;
  if (/mois|month|mensuel/i.test(text) || middle < 10_000) return middle * 12;
  return middle;
}
