import type { OfferSummary } from './offer';
import { PHASES, type PhaseId } from './phases';
import type { Projection } from './projection';
import type { Source } from './source';
import { inputStatus, type OfferPhaseId } from './workflow/flow';

export function phaseEnabled(source: Source | undefined, phase: PhaseId): boolean {
  return !!source && source.activation[phase] && source.available[phase];
}

const waitingFor = (state: Projection, sender: string, phase: PhaseId): number => {
  if (phase === 'import') return state.toImport.get(sender) ?? 0;
  return state.counts.get(sender)?.[inputStatus(phase)] ?? 0;
};

/** Items a phase can still work on in this run: from the projection alone, never from the store. */
export function actionable(state: Projection, phase: PhaseId): number {
  let total = 0;
  for (const source of state.sources.values()) {
    if (!phaseEnabled(source, phase)) continue;
    // Offers waiting in a batch are not phase 3's work until their results come back.
    const failed = (state.failedWaiting[phase].get(source.sender) ?? 0) + (phase === 'analyse' ? (state.analysisBatch.bySource.get(source.sender) ?? 0) : 0);
    total += Math.max(0, waitingFor(state, source.sender, phase) - failed);
  }
  return total;
}

/** Whether this email's sender is work for phase 1 now. */
export function isImportable(state: Projection, sender: string, emailId: string): boolean {
  return phaseEnabled(state.sources.get(sender), 'import') && !state.failed.import.has(emailId);
}

/** The next offers a phase should take, in arrival order, skipping those already in hand. */
export function nextOffers(state: Projection, phase: OfferPhaseId, inHand: ReadonlySet<string>, limit: number): OfferSummary[] {
  const found: OfferSummary[] = [];
  const ids = state.byStatus.get(inputStatus(phase));
  if (!ids) return found;
  for (const id of ids) {
    if (found.length >= limit) break;
    if (inHand.has(id) || state.failed[phase].has(id) || (phase === 'analyse' && state.analysisBatch.offerIds.has(id))) continue;
    const offer = state.offers.get(id);
    if (offer && phaseEnabled(state.sources.get(offer.source), phase)) found.push(offer);
  }
  return found;
}

export function nextOffer(state: Projection, phase: OfferPhaseId, inHand: ReadonlySet<string>): OfferSummary | undefined {
  return nextOffers(state, phase, inHand, 1)[0];
}

export type RunDecision = { readonly type: 'StartPhase'; readonly phase: PhaseId } | { readonly type: 'EndRun'; readonly outcome: 'done' | 'stopped' };

/**
 * What the scheduler must do now: start every idle phase that has work, or end the run when no
 * phase runs and none has work. A phase that failed as a whole is not started again in this run.
 */
export function decideRun(state: Projection): RunDecision[] {
  const { run } = state;
  if (!run.active) return [];
  const running = PHASES.filter((phase) => run.phases[phase].state === 'running');
  if (run.stopping) return running.length === 0 ? [{ type: 'EndRun', outcome: 'stopped' }] : [];
  const starts = PHASES.filter((phase) => run.phases[phase].state !== 'running' && run.phases[phase].state !== 'failed' && actionable(state, phase) > 0);
  if (running.length === 0 && starts.length === 0) return [{ type: 'EndRun', outcome: 'done' }];
  return starts.map((phase) => ({ type: 'StartPhase', phase }));
}

/** Whether a phase before this one is running, so more offers may still arrive for it. */
export function upstreamRunning(state: Projection, phase: PhaseId): boolean {
  return PHASES.slice(0, PHASES.indexOf(phase)).some((earlier) => state.run.phases[earlier].state === 'running');
}

/** Whether "Lancer les traitements" would find anything to do. */
export function hasWork(state: Projection): boolean {
  return PHASES.some((phase) => actionable(state, phase) > 0);
}
