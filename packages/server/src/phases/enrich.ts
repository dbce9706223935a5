import { event, INPUT_STATUS, type OfferFields, type OfferSummary, type PageOutcome, type Status } from '@veille/domain';
import type { Deps, PhaseContext, PhaseRunner } from '../ports';
import { workOffers } from './offerWorkers';

const STATUS_OF: Record<PageOutcome['kind'], Status> = {
  found: 'À analyser',
  expired: 'Expiré',
  ignored: 'Ignoré',
};

/** The details the projection shows, only where it had nothing: what the user typed stays. */
const newDetails = (offer: OfferSummary, fields: Partial<OfferFields>) => {
  const details: Partial<Pick<OfferSummary, 'title' | 'company' | 'city'>> = {};
  for (const key of ['title', 'company', 'city'] as const) {
    if (!offer[key] && fields[key]) details[key] = fields[key];
  }
  return details;
};

/** Phase 2: each `A compléter` offer's page → `À analyser` with its text, or `Expiré` / `Ignoré` with why. */
export const enrichPhase =
  ({ bus, store, fetchPage, concurrency }: Pick<Deps, 'bus' | 'store' | 'fetchPage' | 'concurrency'>): PhaseRunner =>
  (context: PhaseContext) =>
    workOffers({ bus, store }, { ...context, phase: 'enrich' }, concurrency.enrich, async (offer) => {
      const outcome = await fetchPage(offer.url);
      const status = STATUS_OF[outcome.kind];
      const found = outcome.kind === 'found';
      return async () => {
        await store.updateOffers([
          {
            id: offer.id,
            patch: found
              ? { status, text: outcome.text, fill: outcome.fields, reason: '' }
              : { status, reason: outcome.reason },
          },
        ]);
        bus.emit(
          event('OfferStatusChanged', {
            offerId: offer.id,
            source: offer.source,
            from: INPUT_STATUS.enrich,
            to: status,
            ...(found ? { details: newDetails(offer, outcome.fields) } : { reason: outcome.reason }),
          }),
        );
      };
    });
