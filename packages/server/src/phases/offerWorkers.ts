import { actionable, describeOffer, nextOffer, type OfferSummary, type PhaseId } from '@veille/domain';
import type { Bus } from '../app/bus';
import { UnavailableError } from '../app/errors';
import type { PhaseContext } from './context';

/**
 * Runs `work` on the offers a phase has, `concurrency` at a time, taking each next offer from the
 * projection as it is then: offers imported meanwhile join the same phase run.
 */
export const workOffers = async (
  bus: Bus,
  context: PhaseContext & { readonly phase: Exclude<PhaseId, 'import'> },
  concurrency: number,
  work: (offer: OfferSummary) => Promise<void>,
): Promise<void> => {
  const { phase } = context;
  const inHand = new Set<string>();
  let done = 0;
  let unavailable: UnavailableError | undefined;

  const worker = async (): Promise<void> => {
    while (!context.stopping() && !unavailable) {
      const offer = nextOffer(bus.current(), phase, inHand);
      if (!offer) return;
      inHand.add(offer.id);
      const board = bus.current().sources.get(offer.source)?.board ?? '';
      context.progress(done, done + actionable(bus.current(), phase), describeOffer(offer, board));
      try {
        await work(offer);
      } catch (error) {
        if (error instanceof UnavailableError) unavailable = error;
        else context.failItem(offer.id, offer.source, error);
      } finally {
        inHand.delete(offer.id);
        done += 1;
      }
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (unavailable) throw unavailable;
  context.progress(done, done + actionable(bus.current(), phase), '');
};
