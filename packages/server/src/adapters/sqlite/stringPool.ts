/**
 * Equal strings held once. A load of 100,000 offers repeats a few dozen sources, eight statuses, a
 * few hundred companies, cities and dates: each row brings its own copy, which the projection
 * would keep for as long as it holds the offer.
 */
export function stringPool(): (value: string) => string {
  const held = new Map<string, string>();
  return (value) => {
    const kept = held.get(value);
    if (kept !== undefined) return kept;
    held.set(value, value);
    return value;
  };
}
