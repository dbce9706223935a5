import {
  actionable,
  describeOffer,
  inputStatus,
  nextOffer,
  upstreamRunning,
  type OfferDecision,
  type OfferPhaseId,
  type OfferStore,
  type OfferSummary,
  type Projection,
} from '@veille/domain';
import type { Bus, OfferLocks, PhaseContext } from '../ports';
import { UnavailableError } from '../errors';
import { WriteFailedError, writeFailureOf } from '../disk/writeFailures';

/**
 * The slow outside work on one offer (its page, the model), ending in the domain's decision on what
 * it found. The decision is taken once the phase holds the offer for writing, against the
 * projection as it is then: a status a person set meanwhile is seen, never overwritten. The phase
 * writes without waiting, so the store can put many offers in one request.
 */
export type OfferWork = (offer: OfferSummary) => Promise<OfferDecider>;

export type OfferDecider = ((state: Projection) => OfferDecision) & {
  /**
   * Other keys held with the offer while deciding and writing: two offers that may decide on each
   * other (one job's two pages) are then decided one after the other, the second seeing the first stored.
   */
  readonly alsoHold?: readonly string[];
};

/** Two requests of 10 records: beyond, a slow store slows the phase instead of piling texts up in memory. */
const WRITES_AHEAD = 20;

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
 * projection as it is then: offers imported meanwhile join the same phase run. An offer stays in
 * hand until its write is done, and its status event follows that write, so the projection never
 * runs ahead of the store. A worker with nothing to take waits while others still work (their
 * results or new offers may bring more); once only writes are left and no earlier phase can bring
 * more, it tells the store to send them.
 */
export const workOffers = async (
  { bus, store, locks }: { bus: Bus; store: OfferStore; locks: OfferLocks },
  context: PhaseContext & { readonly phase: OfferPhaseId },
  concurrency: number,
  work: OfferWork,
): Promise<void> => {
  const { phase } = context;
  const inHand = new Set<string>();
  const writes = new Set<Promise<void>>();
  const changed = createSignal();
  const subscription = bus.changes$.subscribe(() => changed.fire());
  let done = 0;
  // The store or the disk cannot go on: the phase stops taking offers and fails with it.
  let fatal: UnavailableError | WriteFailedError | undefined;

  // Offers whose write is pending are done for the user but still waiting in the projection.
  const progress = (current: string) => context.progress(done, done + actionable(bus.current(), phase) - writes.size, current);

  const fail = (offer: OfferSummary, error: unknown): void => {
    if (error instanceof UnavailableError || error instanceof WriteFailedError) fatal ??= error;
    else context.failItem(offer.id, offer.source, error);
  };

  const release = (offer: OfferSummary): void => {
    inHand.delete(offer.id);
    changed.fire();
  };

  const stored = (offer: OfferSummary) => ({
    failed: `le nouvel état de l'offre « ${describeOffer(offer, bus.current().sources.get(offer.source)?.board ?? '')} » n'a pas pu être enregistré dans la base`,
    kept: `l'offre garde son statut « ${inputStatus(phase)} » et sera reprise au prochain lancement`,
  });

  /** Holding the offer, decides, stores exactly what the decision produced, then emits exactly the events it returned. */
  const record = (offer: OfferSummary, decide: OfferDecider): void => {
    const writing = locks
      .hold([offer.id, ...(decide.alsoHold ?? [])])
      .then(async (letGo) => {
        try {
          const { updates, events } = decide(bus.current());
          if (updates.length > 0) await store.updateOffers(updates);
          for (const event of events) bus.emit(event);
        } finally {
          letGo();
        }
      })
      .catch((error: unknown) => fail(offer, writeFailureOf(error, stored(offer)) ?? error))
      .finally(() => {
        writes.delete(writing);
        release(offer);
      });
    writes.add(writing);
  };

  const worker = async (): Promise<void> => {
    while (!context.stopping() && !fatal) {
      const next = nextOffer(bus.current(), phase, inHand);
      const offer = writes.size < WRITES_AHEAD ? next : undefined;
      if (!offer) {
        if (inHand.size === 0) return;
        // At WRITES_AHEAD, at least one full request is already on its way: waiting for it costs no call,
        // while sending the partial rest early would. Only a phase with nothing left to take sends it.
        const drained = !next && inHand.size === writes.size && !upstreamRunning(bus.current(), phase);
        if (drained) store.flush('updated');
        await changed.next();
        continue;
      }
      inHand.add(offer.id);
      const board = bus.current().sources.get(offer.source)?.board ?? '';
      progress(describeOffer(offer, board));
      const decide = await work(offer).catch((error: unknown) => fail(offer, error));
      done += 1;
      if (decide) record(offer, decide);
      else release(offer);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    // Only a stop or a failure leaves this phase's writes held; flushing otherwise would send another
    // phase's partial request early.
    if (writes.size > 0) store.flush('updated');
    while (writes.size > 0) await Promise.all(writes);
  } finally {
    subscription.unsubscribe();
  }
  if (fatal) throw fatal;
  progress('');
};
