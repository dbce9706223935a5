import { event, type ItemFailed } from '../events';
import type { Analysis, OfferRecord } from '../ports';
import type { Projection } from '../projection';
import { STATUS } from '../statuses';
import { decideAnalysis } from './analysis';
import { NOTHING, type OfferDecision } from './decision';

/** Below this backlog, the normal API's answers in seconds are worth their price; above, half price is. */
export const ANALYSIS_BATCH_MIN = 50;

/**
 * The batch of analyses sent at half price and not back yet: which offers wait in it (the normal
 * path leaves them alone), how many per source (not work for phase 3 meanwhile), and how far it is.
 * Owned by the projection and updated in place, like its other collections; `id` is '' when none.
 */
export type AnalysisBatch = {
  id: string;
  readonly offerIds: Set<string>;
  readonly bySource: Map<string, number>;
  done: number;
  total: number;
};

export function noAnalysisBatch(): AnalysisBatch {
  return { id: '', offerIds: new Set(), bySource: new Map(), done: 0, total: 0 };
}

export type BatchPlan = { readonly backlog: readonly string[]; readonly pending: boolean; readonly min: number };

/** Phase 3 sends its backlog as one batch when it reaches the threshold and no batch is pending (0 turns batches off). */
export function decideBatch({ backlog, pending, min }: BatchPlan): readonly string[] {
  return !pending && min > 0 && backlog.length >= min ? backlog : [];
}

/** One offer's result in a batch: an analysis, or why there is none (expired, errored, canceled, an invalid answer). */
export type BatchResult = { readonly offerId: string; readonly analysis: Analysis } | { readonly offerId: string; readonly failure: string };

/** Analyses sent as one batch at half price: hours instead of seconds, and a result per offer once it ends. */
export type AnalysisBatches = {
  /** Sends the offers; resolves with the batch's id. Refuses (throws) when the spending cap does not allow its estimate. */
  submit(offers: readonly OfferRecord[]): Promise<string>;
  /** How far the batch is, as the API counts its requests. */
  check(id: string): Promise<{ readonly ended: boolean; readonly done: number; readonly total: number }>;
  /** One result per offer sent (in the order sent), once the batch has ended. */
  results(id: string, offerIds: readonly string[]): AsyncIterable<BatchResult>;
};

export type BatchResultDecision = OfferDecision & {
  /** Why the offer goes back to the next run, when it does. */
  readonly putBack?: string;
  /** During a run, the offer fails for this run with that reason, as the run panel shows failures. */
  readonly failed?: ItemFailed;
};

/**
 * A batch's result is applied as the normal path would apply the same analysis. Without one, the
 * offer stays `À analyser` for the next run, with the reason: during a run it fails for that run
 * (not taken again before the next one); between runs it is simply work again for the next run.
 */
export function decideBatchResult(result: BatchResult, state: Projection): BatchResultDecision {
  if ('analysis' in result) return decideAnalysis(result, state);
  const offer = state.offers.get(result.offerId);
  if (offer?.status !== STATUS.toAnalyse) return NOTHING;
  const putBack = `Analyse par lot sans résultat (${result.failure}) : l'offre reste « ${STATUS.toAnalyse} » et sera analysée au prochain lancement.`;
  if (!state.run.active) return { ...NOTHING, putBack };
  return { ...NOTHING, putBack, failed: event<ItemFailed>('ItemFailed', { phase: 'analyse', itemId: offer.id, source: offer.source, error: putBack }) };
}

/** The projection takes a batch sent (or resumed after a restart): its offers still waiting are set apart. */
export function holdBatch(state: Projection, id: string, offerIds: readonly string[]): void {
  const batch = state.analysisBatch;
  releaseBatch(state);
  batch.id = id;
  batch.total = offerIds.length;
  for (const offerId of offerIds) {
    const offer = state.offers.get(offerId);
    if (offer?.status !== STATUS.toAnalyse) continue;
    batch.offerIds.add(offerId);
    batch.bySource.set(offer.source, (batch.bySource.get(offer.source) ?? 0) + 1);
  }
}

/** An offer left the batch's hands: its result came, it failed, or a person moved it meanwhile. */
export function leaveBatch(state: Projection, offerId: string, source: string): void {
  const batch = state.analysisBatch;
  if (!batch.offerIds.delete(offerId)) return;
  const left = (batch.bySource.get(source) ?? 1) - 1;
  if (left > 0) batch.bySource.set(source, left);
  else batch.bySource.delete(source);
}

export function releaseBatch(state: Projection): void {
  const batch = state.analysisBatch;
  batch.id = '';
  batch.offerIds.clear();
  batch.bySource.clear();
  batch.done = 0;
  batch.total = 0;
}
