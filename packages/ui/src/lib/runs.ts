import type { RunOutcome, RunTrigger } from '@veille/domain';

/** How a run started, in the page's words. */
export const TRIGGER_LABELS: Record<RunTrigger, string> = {
  button: 'Bouton « Lancer »',
  cli: 'pnpm process',
  mail: 'Nouvel email',
  schedule: 'Planifié',
};

export const OUTCOME_LABELS: Record<RunOutcome, string> = {
  finished: 'Terminé',
  stopped: 'Arrêté',
  halted: 'Interrompu par Veille',
  failed: 'Phase en échec',
};

const when = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const shortDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "mar. 2 déc., 04:30": when a run started, in the user's time zone. */
export const formatWhen = (iso: string): string => when.format(new Date(iso));

/** "2 déc." for a YYYY-MM-DD day (a calendar day: no time zone moves it). */
export const formatDay = (day: string): string => shortDay.format(new Date(`${day}T00:00:00Z`));

/** "45 s", "3 min 05 s", "1 h 02 min": how long a run took. */
export function formatDuration(startedAt: string, endedAt: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
