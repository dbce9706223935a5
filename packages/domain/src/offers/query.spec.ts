import { aSource, anOffer, given } from '../../test/given';
import { event, type DomainEvent } from '../events';
import type { OfferSummary } from '../offer';
import { digestOf } from './digest';
import { firstInOrder, matchingOffers, selectOffers, type OfferQuery } from './query';
import { createSearchKeys } from './search';

const hw = 'notification@emails.hellowork.com';
const li = 'jobalerts-noreply@linkedin.com';

const scored = (total: number, summary = 'Un poste data à Lyon.') =>
  digestOf({ summary, scores: { salaire: total }, justifications: {}, total, dealBreakers: [], analyser: 'règles', costUsd: 0 });

const loaded = (...offers: OfferSummary[]): DomainEvent => event('TableLoaded', { sources: [aSource(hw), aSource(li, { board: 'LinkedIn' })], offers });

/** given(events).when(query).then(ids in order): the offers a person asks for, from the projection alone. */
const offersFor = (...events: DomainEvent[]) => ({
  when: (query: Partial<OfferQuery>) => ({
    then: (ids: string[]) => {
      expect(matchingOffers(given(...events), { sort: 'score', ...query }, createSearchKeys()).map((offer) => offer.id)).toEqual(ids);
    },
  }),
});

describe('Offers asked for by a person', () => {
  describe('Given analysed and unanalysed offers', () => {
    const best = anOffer(hw, 'À traiter', { id: 'best', analysed: true, analysis: scored(17.5), offerDate: '2026-11-02' });
    const middle = anOffer(li, 'À traiter', { id: 'middle', analysed: true, analysis: scored(12), offerDate: '2026-11-20' });
    const broken = anOffer(hw, 'Refusé', { id: 'broken', analysed: true, analysis: scored(0), offerDate: '2026-10-01' });
    const waiting = anOffer(hw, 'A compléter', { id: 'waiting', addedAt: '2026-11-24' });
    const history = loaded(waiting, middle, broken, best);

    it('should rank by total score, best first, offers without a score last', () => {
      offersFor(history).when({ sort: 'score' }).then(['best', 'middle', 'broken', 'waiting']);
    });

    it('should keep offers without a score last in ascending order too', () => {
      offersFor(history).when({ sort: 'score', order: 'asc' }).then(['broken', 'middle', 'best', 'waiting']);
    });

    it("should sort by the board's date, else the day the offer was added, newest first", () => {
      offersFor(history).when({ sort: 'date' }).then(['waiting', 'middle', 'best', 'broken']);
      offersFor(history).when({ sort: 'date', order: 'asc' }).then(['broken', 'best', 'middle', 'waiting']);
    });

    it('should keep only offers scored at least the minimum (an offer never scored has no score to pass)', () => {
      offersFor(history).when({ minScore: 12 }).then(['best', 'middle']);
    });

    it('should keep only the statuses asked for, several at once', () => {
      offersFor(history)
        .when({ statuses: ['À traiter', 'A compléter'] })
        .then(['best', 'middle', 'waiting']);
    });

    it('should keep only the sources, or the boards, asked for', () => {
      offersFor(history)
        .when({ sources: [li] })
        .then(['middle']);
      offersFor(history)
        .when({ boards: ['HelloWork'] })
        .then(['best', 'broken', 'waiting']);
    });

    it('should keep the dates between from and to, both included', () => {
      offersFor(history).when({ from: '2026-11-02', to: '2026-11-20' }).then(['best', 'middle']);
    });

    it('should apply every filter together', () => {
      offersFor(history)
        .when({ statuses: ['À traiter', 'Refusé'], boards: ['HelloWork'], minScore: 1 })
        .then(['best']);
    });
  });

  describe('Given a status typed by hand in Airtable', () => {
    it('should find it under the column Autre', () => {
      const typed = anOffer(hw, 'Archivé', { id: 'typed' });
      offersFor(loaded(typed, anOffer(hw, 'À traiter', { id: 'known' })))
        .when({ statuses: ['Autre'] })
        .then(['typed']);
    });
  });

  describe('When a person searches words', () => {
    const societe = anOffer(hw, 'À traiter', { id: 'societe', company: 'Société Générale', title: 'Ingénieur données' });
    const lyon = anOffer(hw, 'À traiter', { id: 'lyon', company: 'Acme', city: 'Saint-Étienne' });
    const summary = anOffer(hw, 'À traiter', { id: 'summary', analysed: true, analysis: scored(10, 'Équipe de huit personnes, télétravail possible.') });
    const history = loaded(societe, lyon, summary);

    it('should match title, company, city and summary whatever the case and accents', () => {
      offersFor(history).when({ q: 'SOCIETE generale' }).then(['societe']);
      offersFor(history).when({ q: 'ingenieur' }).then(['societe']);
      offersFor(history).when({ q: 'saint-etienne' }).then(['lyon']);
      offersFor(history).when({ q: 'teletravail' }).then(['summary']);
    });

    it('should need every word, in any order', () => {
      offersFor(history).when({ q: 'possible équipe' }).then(['summary']);
      offersFor(history).when({ q: 'équipe nantes' }).then([]);
    });

    it('should find an offer by the summary its analysis brought after the search was first made', () => {
      const keys = createSearchKeys();
      const waiting = anOffer(hw, 'À analyser', { id: 'waiting' });
      const before = given(loaded(waiting));
      expect(matchingOffers(before, { sort: 'score', q: 'astreintes' }, keys)).toEqual([]);

      const after = given(
        loaded(waiting),
        event('OfferStatusChanged', { offerId: 'waiting', source: hw, from: 'À analyser', to: 'À traiter', analysis: scored(8, 'Astreintes le week-end.') }),
      );

      expect(matchingOffers(after, { sort: 'score', q: 'astreintes' }, keys).map((offer) => offer.id)).toEqual(['waiting']);
    });
  });

  describe('When a person sorts by company', () => {
    it('should sort A to Z without regard to accents, offers without a company last', () => {
      const offers = ['Fnac', 'Émeraude', '', 'delta'].map((company, index) => anOffer(hw, 'À traiter', { id: `c${index}`, company }));
      offersFor(loaded(...offers))
        .when({ sort: 'company' })
        .then(['c3', 'c1', 'c0', 'c2']);
      offersFor(loaded(...offers))
        .when({ sort: 'company', order: 'desc' })
        .then(['c0', 'c1', 'c3', 'c2']);
    });
  });

  describe('When the list is read page by page', () => {
    const offers = Array.from({ length: 30 }, (_unused, index) =>
      anOffer(hw, 'À traiter', { id: `p${String(index).padStart(2, '0')}`, analysed: true, analysis: scored(index % 3) }),
    );
    const state = given(loaded(...offers));

    it('should say how many match in all, and give pages that never overlap', () => {
      const keys = createSearchKeys();
      const pages = [0, 10, 20].map((offset) => selectOffers(state, { sort: 'score' }, { offset, limit: 10 }, keys));

      expect(pages.map((page) => page.total)).toEqual([30, 30, 30]);
      const ids = pages.flatMap((page) => page.offers.map((offer) => offer.id));
      expect(new Set(ids).size).toBe(30);
      expect(ids).toEqual(matchingOffers(state, { sort: 'score' }, keys).map((offer) => offer.id));
    });

    it('should give an empty page past the end', () => {
      expect(selectOffers(state, { sort: 'score' }, { offset: 40, limit: 10 }, createSearchKeys())).toEqual({ total: 30, offers: [] });
    });
  });

  describe('The first items in order', () => {
    it('should be the first items of the whole sort, whatever their count', () => {
      const items = Array.from({ length: 1_000 }, (_unused, index) => (index * 7919) % 1_009);
      const sorted = [...items].sort((a, b) => a - b);

      for (const count of [0, 1, 50, 249, 250, 1_000, 2_000]) {
        expect(firstInOrder(items, (a, b) => a - b, count)).toEqual(sorted.slice(0, count));
      }
    });
  });
});
