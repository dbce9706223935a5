import type { OfferStore } from '@veille/domain';
import { HELLOWORK, helloWorkOffer } from './newOffers';

const source = HELLOWORK;
const { sender, activation } = source;
const newOffer = helloWorkOffer;

/** Changes made outside Veille: in Airtable's page, or in the SQLite file with `sqlite3`. */
export type ByHand = { setStatus(id: string, status: string): void; remove(id: string): void };

/** What every OfferStore must do, run against each adapter (SQLite, Airtable) with the same cases. */
export function describeOfferStoreContract(name: string, makeStore: () => Promise<{ store: OfferStore; cleanup: () => Promise<void>; byHand?: ByHand }>): void {
  describe(`${name} as the offer store`, () => {
    let store: OfferStore;
    let cleanup: () => Promise<void>;
    let byHand: ByHand | undefined;

    beforeEach(async () => {
      ({ store, cleanup, byHand } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    it('should load nothing when empty', async () => {
      expect(await store.load()).toEqual({ sources: [], offers: [] });
    });

    it('should add sources once, never changing the flags of an existing one', async () => {
      await store.addSources([source]);
      await store.setActivation(sender, 'enrich', false);

      await store.addSources([source]);

      expect((await store.load()).sources).toEqual([{ ...source, activation: { ...activation, enrich: false } }]);
    });

    it('should refuse an activation for an unknown sender', async () => {
      await expect(store.setActivation('nobody@example.org', 'import', false)).rejects.toThrow('nobody@example.org');
    });

    it('should create offers in A compléter and never duplicate a key', async () => {
      await store.addSources([source]);

      const created = await store.saveOffers([newOffer(1), newOffer(2)]);
      const again = await store.saveOffers([newOffer(2), newOffer(3)]);

      expect(created.map((offer) => offer.status)).toEqual(['A compléter', 'A compléter']);
      expect(again.map((offer) => offer.title)).toEqual(['Data engineer 3']);
      const { offers } = await store.load();
      expect(offers).toHaveLength(3);
      expect(offers.find((offer) => offer.id === created[0].id)).toMatchObject({ source: sender, title: 'Data engineer 1', city: 'Lyon' });
    });

    it('should update status, reason and text, and fill only empty fields', async () => {
      await store.addSources([source]);
      const [offer] = await store.saveOffers([newOffer(1, { company: '' })]);

      await store.updateOffers([
        {
          id: offer.id,
          patch: { status: 'À analyser', text: 'Le texte complet', reason: '', fill: { title: 'Autre titre', company: 'Acme SAS', salary: '50 k€' } },
        },
      ]);

      const [record] = await store.readOffers([offer.id]);
      expect(record).toMatchObject({ status: 'À analyser', text: 'Le texte complet', title: 'Data engineer 1', company: 'Acme SAS', salary: '50 k€' });
    });

    it('should keep where a page says the job lives and the offer a duplicate is kept for, read back at load', async () => {
      await store.addSources([source]);
      const [kept, duplicate] = await store.saveOffers([newOffer(1), newOffer(2)]);

      await store.updateOffers([
        { id: kept.id, patch: { status: 'À analyser', text: 'Texte', reason: '', canonical: 'acme.fr/jobs/42' } },
        {
          id: duplicate.id,
          patch: {
            status: 'Ignoré',
            text: 'Texte',
            reason: 'Doublon de Data engineer 1 — Acme (HelloWork)',
            canonical: 'acme.fr/jobs/42',
            duplicateOf: kept.id,
          },
        },
      ]);
      store.flush();

      const { offers } = await store.load();
      expect(offers.find((offer) => offer.id === kept.id)).toMatchObject({ canonical: 'acme.fr/jobs/42' });
      expect(offers.find((offer) => offer.id === kept.id)?.duplicateOf).toBeUndefined();
      expect(offers.find((offer) => offer.id === duplicate.id)).toMatchObject({ status: 'Ignoré', canonical: 'acme.fr/jobs/42', duplicateOf: kept.id });
    });

    it('should keep an analysis', async () => {
      await store.addSources([source]);
      const [offer] = await store.saveOffers([newOffer(1)]);
      const analysis = {
        summary: 'Bien.',
        scores: { salaire: 12 },
        justifications: { salaire: 'Au plancher.' },
        total: 12,
        dealBreakers: [],
        analyser: 'règles',
        costUsd: 0,
      };

      await store.updateOffers([{ id: offer.id, patch: { status: 'À traiter', analysis } }]);

      expect((await store.readOffers([offer.id]))[0]).toMatchObject({ status: 'À traiter', analysis });
    });

    it('should write nothing of a batch with an unknown offer', async () => {
      await store.addSources([source]);
      const [offer] = await store.saveOffers([newOffer(1)]);

      await expect(
        store.updateOffers([
          { id: offer.id, patch: { status: 'Ignoré' } },
          { id: 'recMissing', patch: { status: 'Ignoré' } },
        ]),
      ).rejects.toThrow('recMissing');

      expect((await store.load()).offers[0].status).toBe('A compléter');
    });

    it('should read many offers at once', async () => {
      await store.addSources([source]);
      const created = await store.saveOffers(Array.from({ length: 1_200 }, (_unused, index) => newOffer(index)));

      const records = await store.readOffers(created.map((offer) => offer.id));

      expect(records).toHaveLength(1_200);
    });

    it('should tell nothing of what changed before a first load, then only what changed since the last look', async () => {
      await store.addSources([source]);
      const [mine, edited, deleted, untouched] = await store.saveOffers([newOffer(1), newOffer(2), newOffer(3), newOffer(4)]);
      expect(await store.changes?.()).toBeUndefined();
      await store.load();

      await store.updateOffers([{ id: mine.id, patch: { status: 'À analyser', text: 'Le texte' } }]);
      byHand?.setStatus(edited.id, 'Candidaté');
      byHand?.remove(deleted.id);
      const changes = await store.changes?.();

      expect(changes?.sources).toEqual([]);
      const seen = new Map(changes?.offers.map((offer) => [offer.id, offer]));
      expect(seen.get(mine.id)).toMatchObject({ status: 'À analyser', hasText: true, title: 'Data engineer 1' });
      expect(seen.has(untouched.id)).toBe(false);
      if (byHand) {
        expect(seen.get(edited.id)).toMatchObject({ status: 'Candidaté' });
        expect(changes?.removed).toEqual([deleted.id]);
      }
      expect(await store.changes?.()).toEqual({ sources: [], offers: [], removed: [] });
    });
  });
}
