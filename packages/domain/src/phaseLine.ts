import { actionable, phaseEnabled } from './decisions';
import { PHASES, type PhaseId } from './phases';
import type { PhaseState, Projection } from './projection';

/** What a phase line shows: the phase's own state, or `waiting` while more work may still come to it in this run. */
export type PhaseLineState = PhaseState | 'waiting';

/** The scheduler starts it (again) in this run: it has work, and it neither runs nor failed as a whole. */
const willStart = (state: Projection, phase: PhaseId): boolean => {
  const own = state.run.phases[phase].state;
  return own !== 'running' && own !== 'failed' && actionable(state, phase) > 0;
};

const mayStillRun = (state: Projection, phase: PhaseId): boolean => state.run.phases[phase].state === 'running' || willStart(state, phase);

/** Only a phase some source has switched on can be fed by the phases before it. */
const switchedOn = (state: Projection, phase: PhaseId): boolean => {
  for (const source of state.sources.values()) if (phaseEnabled(source, phase)) return true;
  return false;
};

/**
 * A phase line's state. A phase stops as soon as its queue runs dry, and starts again when an
 * earlier phase hands it more (one run makes dozens of such pairs): until the phases before it are
 * done and nothing is left for it, it is `waiting`, not `finished`. A stopping run starts nothing
 * new, so its lines say what each phase did.
 */
export function phaseLineState(state: Projection, phase: PhaseId): PhaseLineState {
  const own = state.run.phases[phase].state;
  if (own === 'running' || own === 'failed' || !state.run.active || state.run.stopping) return own;
  if (willStart(state, phase)) return 'waiting';
  const upstream = PHASES.slice(0, PHASES.indexOf(phase));
  return switchedOn(state, phase) && upstream.some((earlier) => mayStillRun(state, earlier)) ? 'waiting' : own;
}

/**
 * The phase's own state behind a line that waits, for a client rebuilding the projection from a
 * view: a phase that started in this run has counted its work (the scheduler starts a phase only
 * with work), one that never did has not.
 */
export function phaseStateOf(line: PhaseLineState, total: number): PhaseState {
  if (line !== 'waiting') return line;
  return total > 0 ? 'finished' : 'idle';
}
