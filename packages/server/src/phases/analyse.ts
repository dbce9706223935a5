import { decideAnalysis, nextOffers, type OfferRecord } from '@veille/domain';
import type { Deps, PhaseContext, PhaseRunner } from '../ports';
import { workOffers } from './offerWorkers';

/** How many offers' texts one store read brings, so phase 3 never reads one offer per request. */
const READ_BATCH = 20;

/** Phase 3: the analyser scores each `À analyser` offer against the user's criteria → `À traiter`. */
export const analysePhase =
  ({
    bus,
    store,
    locks,
    analyser,
    concurrency,
    analysisBatch,
    log,
  }: Pick<Deps, 'bus' | 'store' | 'locks' | 'analyser' | 'concurrency' | 'analysisBatch'> & Partial<Pick<Deps, 'log'>>): PhaseRunner =>
  async (context: PhaseContext) => {
    // A large backlog goes at half price as one batch; what it leaves, and what arrives meanwhile, takes the normal API.
    const batches = analyser.batches;
    if (batches && analysisBatch) {
      await analysisBatch.sendBacklog(batches).catch((error: unknown) => {
        // The normal path then meets the same refusal (cap, key…) and says it in the run panel.
        log?.warn({ error: error instanceof Error ? error.message : String(error) }, 'analysis backlog not sent as a batch');
      });
    }
    const reads = new Map<string, Promise<Map<string, OfferRecord>>>();
    const handedOut = new Set<string>();

    const contentOf = async (id: string): Promise<OfferRecord> => {
      if (!reads.has(id)) {
        const known = new Set([...reads.keys(), ...handedOut]);
        const ahead = nextOffers(bus.current(), 'analyse', known, READ_BATCH).map((offer) => offer.id);
        const batch = [...new Set([id, ...ahead])].slice(0, READ_BATCH);
        const read = store.readOffers(batch).then((records) => new Map(records.map((record) => [record.id, record])));
        for (const wanted of batch) reads.set(wanted, read);
      }
      const record = (await reads.get(id))?.get(id);
      reads.delete(id);
      handedOut.add(id);
      if (!record) throw new Error(`Offre ${id} introuvable dans la base`);
      return record;
    };

    return workOffers({ bus, store, locks }, { ...context, phase: 'analyse' }, concurrency.analyse, async (offer) => {
      const analysis = await analyser.analyse(await contentOf(offer.id));
      return (state) => decideAnalysis({ offerId: offer.id, analysis }, state);
    });
  };
