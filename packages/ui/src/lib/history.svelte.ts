import type { DayUsage, RecordedRun } from '@veille/domain';
import { api } from './api';
import { live } from './live.svelte';

const RUNS_SHOWN = 10;
export const DAYS_SHOWN = 30;

/** The last runs and the consumption per day, read again each time a run ends (the server has recorded it by then). */
class History {
  runs = $state.raw<RecordedRun[]>([]);
  days = $state.raw<DayUsage[]>([]);
  error = $state('');
  loaded = $state(false);

  /** Reads now and after every run; the returned function stops following. */
  follow(): () => void {
    void this.#load();
    return live.onEvent((event) => {
      if (event.type === 'RunEnded') void this.#load();
    });
  }

  async #load(): Promise<void> {
    const [runs, days] = await Promise.all([api.runs(RUNS_SHOWN), api.usageDays(DAYS_SHOWN)]);
    this.error = typeof runs === 'string' ? runs : typeof days === 'string' ? days : '';
    if (typeof runs !== 'string') this.runs = runs.runs;
    if (typeof days !== 'string') this.days = days.days;
    this.loaded = true;
  }
}

export const history = new History();
