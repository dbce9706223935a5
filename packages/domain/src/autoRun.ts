/**
 * When Veille runs by itself: never (`off`), once new mail has stopped arriving for a moment
 * (`mail`), or every day at a time of the user's day (`daily@HH:MM`).
 */
export type AutoRunMode = 'off' | 'mail' | `daily@${string}`;

/** The mode as a schedule: what arms a timer, and when. */
export type AutoRun = { readonly kind: 'off' } | { readonly kind: 'mail' } | { readonly kind: 'daily'; readonly hour: number; readonly minute: number };

export const AUTO_RUN_OFF: AutoRunMode = 'off';

/** What a refused mode is told, after the field's name. */
export const AUTO_RUN_EXPECTED = 'attendu « off », « mail » ou « daily@HH:MM » (ex. daily@07:30, de 00:00 à 23:59)';

const DAILY = /^daily@([01]\d|2[0-3]):([0-5]\d)$/;

/** The schedule a mode means, or undefined for anything else (`daily@7:30`, `daily@24:00`…). */
export function parseAutoRun(mode: string): AutoRun | undefined {
  if (mode === 'off' || mode === 'mail') return { kind: mode };
  const daily = DAILY.exec(mode);
  return daily ? { kind: 'daily', hour: Number(daily[1]), minute: Number(daily[2]) } : undefined;
}

export function isAutoRunMode(mode: unknown): mode is AutoRunMode {
  return typeof mode === 'string' && parseAutoRun(mode) !== undefined;
}

/** The mode in force and when it next wakes a run (ISO), as every page shows it. */
export type AutoRunPlan = { readonly mode: AutoRunMode; readonly next: string | null };
