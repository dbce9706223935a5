import { hasWork } from './decisions';
import { event, type RunHalted, type RunStarted, type RunStopRequested } from './events';
import type { Projection } from './projection';
import { ConflictError } from './refusals';
import type { RunTrigger } from './runRecord';

export type StartRun = { readonly at: string; readonly trigger: RunTrigger };

/** "Lancer les traitements": a run starts when anything waits; with nothing to do, nothing happens. */
export function decideRunStart({ at, trigger }: StartRun, state: Projection): RunStarted[] {
  if (state.run.active) throw new ConflictError('Un traitement est déjà en cours.');
  return hasWork(state) ? [event<RunStarted>('RunStarted', { at, trigger })] : [];
}

export type StopRun = { readonly at: string };

/** "Arrêter les traitements": the items in hand finish, no new one starts. Asking twice changes nothing. */
export function decideRunStop({ at }: StopRun, state: Projection): RunStopRequested[] {
  if (!state.run.active) throw new ConflictError('Aucun traitement en cours.');
  return state.run.stopping ? [] : [event<RunStopRequested>('RunStopRequested', { at })];
}

export type HaltRun = { readonly at: string; readonly reason: string };

/**
 * A write the run needs failed: Veille stops the run itself and says why. The first failure is the
 * one to fix, those after it are its consequences; outside a run there is nothing to stop.
 */
export function decideRunHalt({ at, reason }: HaltRun, state: Projection): RunHalted[] {
  return state.run.active && !state.run.stopReason ? [event<RunHalted>('RunHalted', { at, reason })] : [];
}
