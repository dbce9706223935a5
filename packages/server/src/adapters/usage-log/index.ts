import { existsSync, readFileSync, renameSync } from 'node:fs';
import { addCall, type ApiCall, type ApiUsage } from '@veille/domain';
import { z } from 'zod';
import { removeLeftoverTemps, writeFileAtomically } from '../../disk/atomicWrite';

const KEEP_DAYS = 90;

const usageSchema = z.object({
  calls: z.number(),
  byKind: z.record(z.string(), z.number()),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedTokens: z.number(),
  costUsd: z.number(),
});
const fileSchema = z.object({ days: z.record(z.string(), z.record(z.string(), usageSchema)) });

type Days = Record<string, Record<string, ApiUsage>>;

const readDays = (file: string): Days => {
  if (!existsSync(file)) return {};
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8') || '{}'));
  if (parsed.success) return parsed.data.days;
  // A damaged log must not stop the product: it is set aside for the user to look at.
  renameSync(file, `${file}.damaged-${Date.now()}`);
  return {};
};

export type UsageLog = {
  today(day: string): Record<string, ApiUsage>;
  /** Every day kept (the last 90), per API: the consumption histogram's bars. */
  days(): Readonly<Days>;
  record(call: ApiCall): void;
  /** Dollars one API cost over the days that start with this prefix: a day (YYYY-MM-DD) or a month (YYYY-MM). */
  costOf(api: string, dayPrefix: string): number;
  /** Writes what is not on disk yet; never rejects (a failure goes to `onWriteError`). */
  flush(): Promise<void>;
};

export type UsageLogOptions = {
  /** A write failed (a full disk…): the counts stay in memory and the next write tries again. */
  onWriteError?: (error: unknown) => void;
};

/** API usage per day on disk, so "today" survives a restart. Writes are chained, never timed. */
export function openUsageLog(file: string, { onWriteError = () => undefined }: UsageLogOptions = {}): UsageLog {
  removeLeftoverTemps(file);
  let days: Days;
  try {
    days = readDays(file);
  } catch {
    renameSync(file, `${file}.damaged-${Date.now()}`);
    days = {};
  }
  let writing: Promise<void> = Promise.resolve();
  let queued = false;
  let unsaved = false;

  const write = async (): Promise<void> => {
    queued = false;
    if (!unsaved) return;
    unsaved = false;
    const kept = Object.keys(days).sort().slice(-KEEP_DAYS);
    days = Object.fromEntries(kept.map((day) => [day, days[day]]));
    try {
      await writeFileAtomically(file, JSON.stringify({ days }));
    } catch (error) {
      unsaved = true;
      onWriteError(error);
    }
  };

  // Many calls in a row make one write: the chained write runs once the previous one is done.
  const queue = (): Promise<void> => {
    if (!queued) {
      queued = true;
      writing = writing.then(write);
    }
    return writing;
  };

  return {
    today: (day) => days[day] ?? {},
    days: () => days,
    record: (call) => {
      const day = days[call.day] ?? {};
      days[call.day] = { ...day, [call.api]: addCall(day[call.api], call) };
      unsaved = true;
      void queue();
    },
    costOf: (api, dayPrefix) =>
      Object.entries(days)
        .filter(([day]) => day.startsWith(dayPrefix))
        .reduce((sum, [, usage]) => sum + (usage[api]?.costUsd ?? 0), 0),
    flush: queue,
  };
}
