import { actionable, describeOffer, nextOffer, type OfferSummary, type PhaseId } from '@veille/domain';
import type { Bus } from '../app/bus';
import { UnavailableError } from '../app/errors';
import type { PhaseContext } from './context';

/** A promise that resolves at the next signal: how idle workers wait for work without polling. */
const createSignal = () => {
  let wake = (): void => undefined;
  let next = new Promise<void>((resolve) => (wake = resolve));
  return {
    next: () => next,
    fire: () => {
      wake();
      next = new Promise<void>((resolve) => (wake = resolve));
    },
  };
};

/**
 * Runs `work` on the offers a phase has, `concurrency` at a time, taking each next offer from the
 * projection as it is then: offers imported meanwhile join the same phase run. A worker with
 * nothing to take waits while others still work (their results or new offers may bring more), so
 * the phase keeps its concurrency when work trickles in; all stop once nothing is left in hand.
 */
export const workOffers = async (
  bus: Bus,
  context: PhaseContext & { readonly phase: Exclude<PhaseId, 'import'> },
  concurrency: number,
  work: (offer: OfferSummary) => Promise<void>,
): Promise<void> => {
  const { phase } = context;
  const inHand = new Set<string>();
  const changed = createSignal();
  const subscription = bus.changes$.subscribe(() => changed.fire());
  let done = 0;
  let unavailable: UnavailableError | undefined;

  const worker = async (): Promise<void> => {
    while (!context.stopping() && !unavailable) {
      const offer = nextOffer(bus.current(), phase, inHand);
      if (!offer) {
        if (inHand.size === 0) return;
        await changed.next();
        continue;
      }
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
        changed.fire();
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  } finally {
    subscription.unsubscribe();
  }
  if (unavailable) throw unavailable;
  context.progress(done, done + actionable(bus.current(), phase), '');
};
