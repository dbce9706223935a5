import { decideEnrichment, pageJobKeys, type Projection } from '@veille/domain';
import type { Deps, PhaseContext, PhaseRunner } from '../ports';
import { workOffers } from './offerWorkers';

/** Phase 2: each `A compléter` offer's page → `À analyser` with its text, or `Expiré` / `Ignoré` with why. */
export const enrichPhase =
  ({ bus, store, locks, fetchPage, concurrency }: Pick<Deps, 'bus' | 'store' | 'locks' | 'fetchPage' | 'concurrency'>): PhaseRunner =>
  (context: PhaseContext) =>
    workOffers({ bus, store, locks }, { ...context, phase: 'enrich' }, concurrency.enrich, async (offer) => {
      const outcome = await fetchPage(offer.url);
      // Same-job keys are no offer ids: held with the offer, one job's pages read at once are decided in turn.
      return Object.assign((state: Projection) => decideEnrichment({ offerId: offer.id, outcome }, state), { alsoHold: pageJobKeys(offer, outcome) });
    });
