import { event, type OfferStore, type OfferSummary, type OfferUpdate, type PageOutcome } from '@veille/domain';
import { createBus } from '../core/bus';
import { createOfferLocks } from '../core/offerLocks';
import { enrichPhase } from './enrich';

const on = { import: true, enrich: true, analyse: true };
const hw = 'notification@emails.hellowork.com';
const indeed = 'alert@indeed.com';

const offer = (id: string, source: string): OfferSummary => ({
  id,
  source,
  url: `https://${source.split('@')[1]}/offre/${id}`,
  status: 'A compléter',
  title: 'Data engineer',
  company: 'Acme',
  city: 'Lyon',
  salary: '',
  offerDate: '',
  addedAt: '2026-11-24',
  hasText: false,
  analysed: false,
});

/** A store whose writes take a while to land, as Airtable's batched requests do: the events follow them. */
const slowStore = (writes: OfferUpdate[], offers: OfferSummary[]): OfferStore =>
  ({
    readOffers: (ids: readonly string[]) =>
      Promise.resolve(offers.filter(({ id }) => ids.includes(id)).map((stored) => ({ ...stored, key: stored.id, text: '', reason: '', department: '' }))),
    updateOffers: async (updates: readonly OfferUpdate[]) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      writes.push(...updates);
    },
    flush: () => undefined,
  }) as unknown as OfferStore;

describe('Phase 2 on two offers of one job whose pages come back together', () => {
  it('should decide the second once the first is stored, and set it aside as its duplicate', async () => {
    const bus = createBus();
    const stored = [offer('recA', hw), offer('recB', indeed)];
    bus.emit(
      event('TableLoaded', {
        sources: [
          { sender: hw, board: 'HelloWork', activation: on, available: on },
          { sender: indeed, board: 'Indeed', activation: on, available: on },
        ],
        offers: stored,
      }),
    );
    const writes: OfferUpdate[] = [];
    const page: PageOutcome = { kind: 'found', text: 'Le texte', fields: {}, canonical: 'https://acme.fr/jobs/42' };
    const phase = enrichPhase({
      bus,
      store: slowStore(writes, stored),
      locks: createOfferLocks(),
      fetchPage: () => Promise.resolve(page),
      concurrency: { enrich: 4, analyse: 1 },
    });

    await phase({ phase: 'enrich', stopping: () => false, progress: () => undefined, failItem: (id, _source, error) => fail(`${id}: ${String(error)}`) });

    const offers = [...bus.current().offers.values()];
    expect(offers.map(({ id, status, duplicateOf }) => ({ id, status, duplicateOf }))).toEqual([
      { id: 'recA', status: 'À analyser', duplicateOf: undefined },
      { id: 'recB', status: 'Ignoré', duplicateOf: 'recA' },
    ]);
    expect(writes.map((write) => write.patch.status)).toEqual(['À analyser', 'Ignoré']);
  });
});
