import { decideAnalysis } from '@veille/domain';
import type { Deps, PhaseContext, PhaseRunner } from '../ports';
import { workOffers } from './offerWorkers';
import { readAhead } from './readAhead';

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
    const contentOf = readAhead({ bus, store }, 'analyse');

    return workOffers({ bus, store, locks }, { ...context, phase: 'analyse' }, concurrency.analyse, async (offer) => {
      const analysis = await analyser.analyse(await contentOf(offer.id));
      return (state) => decideAnalysis({ offerId: offer.id, analysis }, state);
    });
  };
