import type { ApiUsage } from './usage';

/** One bar of the consumption histogram: every API's calls and cost on that day. */
export type DayUsage = { readonly day: string; readonly calls: number; readonly cost: number };

const DAY_MS = 86_400_000;

/** The `count` days up to `today` (YYYY-MM-DD), oldest first, a day without calls at zero: the histogram's bars keep their places. */
export function usageByDay(days: Readonly<Record<string, Readonly<Record<string, ApiUsage>>>>, today: string, count: number): DayUsage[] {
  const last = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(last - (count - 1 - index) * DAY_MS).toISOString().slice(0, 10);
    const apis = Object.values(days[day] ?? {});
    return { day, calls: apis.reduce((sum, api) => sum + api.calls, 0), cost: apis.reduce((sum, api) => sum + api.costUsd, 0) };
  });
}
