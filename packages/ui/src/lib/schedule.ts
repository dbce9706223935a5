import { parseAutoRun, type AutoRunMode, type AutoRunPlan } from '@veille/domain';

/** What the control shows: the kind chosen in the list, and the time beside it for a daily run. */
export type ScheduleChoice = { readonly kind: 'off' | 'mail' | 'daily'; readonly time: string };

/** The time a daily run gets when the user picks "chaque jour à" before choosing one. */
export const DEFAULT_TIME = '07:30';

const pad = (value: number): string => String(value).padStart(2, '0');

export function choiceOf(mode: AutoRunMode): ScheduleChoice {
  const schedule = parseAutoRun(mode);
  if (schedule?.kind === 'daily') return { kind: 'daily', time: `${pad(schedule.hour)}:${pad(schedule.minute)}` };
  return { kind: schedule?.kind ?? 'off', time: DEFAULT_TIME };
}

/** The mode a choice saves; an input cleared or mistyped keeps the default time. */
export function modeOf({ kind, time }: ScheduleChoice): AutoRunMode {
  if (kind !== 'daily') return kind;
  const mode: AutoRunMode = `daily@${time}`;
  return parseAutoRun(mode) ? mode : `daily@${DEFAULT_TIME}`;
}

const dayKey = (date: Date, timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(date);

/** "aujourd’hui à 07:30", "demain à 07:30", or "jeudi 3 décembre à 07:30", in the schedule's zone. */
export function formatWhen(iso: string, now: Date, timeZone: string): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
  const day = dayKey(at, timeZone);
  if (day === dayKey(now, timeZone)) return `aujourd’hui à ${time}`;
  if (day === dayKey(new Date(now.getTime() + 86_400_000), timeZone)) return `demain à ${time}`;
  return `${new Intl.DateTimeFormat('fr-FR', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at)} à ${time}`;
}

/** The line under the control. */
export function nextRunText(plan: AutoRunPlan, now: Date, timeZone: string): string {
  if (plan.mode === 'off') return 'Aucun traitement automatique : « Lancer les traitements » quand vous le souhaitez.';
  if (plan.next) return `Prochain traitement : ${formatWhen(plan.next, now, timeZone)}.`;
  return 'Prochain traitement : dès qu’une alerte arrive (après un court moment de calme dans la boîte).';
}
