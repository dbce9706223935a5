import { decideEnrichment, pageJobKeys, type Projection } from '@veille/domain';
import type { Deps, PhaseContext, PhaseRunner } from '../ports';
import { workOffers } from './offerWorkers';
import { readAhead } from './readAhead';

/** Phase 2: each `A compléter` offer's page → `À analyser` with its text, or `Expiré` / `Ignoré` with why. */
export const enrichPhase =
  ({ bus, store, locks, fetchPage, concurrency }: Pick<Deps, 'bus' | 'store' | 'locks' | 'fetchPage' | 'concurrency'>): PhaseRunner =>
  (context: PhaseContext) => {
    // The stored cells a page may fill only where empty: read 100 offers at a time for those resumed
    // from an earlier run, none for those this run imported (the store knows what it wrote).
    const stored = readAhead({ bus, store }, 'enrich');
    return workOffers({ bus, store, locks }, { ...context, phase: 'enrich' }, concurrency.enrich, async (offer) => {
      await stored(offer.id);
      const outcome = await fetchPage(offer.url);
      // Same-job keys are no offer ids: held with the offer, one job's pages read at once are decided in turn.
      return Object.assign((state: Projection) => decideEnrichment({ offerId: offer.id, outcome }, state), { alsoHold: pageJobKeys(offer, outcome) });
    });
  };
