import { aSource, anOffer, given, onProjection } from '../../test/given';
import { event, type DomainEvent } from '../events';
import { evolve } from '../projection';
import type { OfferSummary } from '../offer';
import type { OfferFields, PageOutcome } from '../ports';
import type { OfferDecision } from './decision';
import { duplicatesOf } from './duplicates';
import { decideEnrichment, pageJobKeys } from './enrichment';

const hw = 'notification@emails.hellowork.com';
const indeed = 'alert@indeed.com';
const enrichment = onProjection(decideEnrichment);
const sources = [aSource(hw), aSource(indeed, { board: 'Indeed' })];
const loaded = (...offers: OfferSummary[]): DomainEvent => event('TableLoaded', { sources, offers });

const TEXT = 'Data engineer à Lyon : Python, SQL, Airflow.';
const found = (fields: Partial<OfferFields> = {}, canonical?: string): PageOutcome => ({
  kind: 'found',
  text: TEXT,
  fields,
  ...(canonical ? { canonical } : {}),
});

/** The first offer of the job, read and analysed: on HelloWork, added on 2026-11-20. */
const first = (overrides: Partial<OfferSummary> = {}): OfferSummary =>
  anOffer(hw, 'À traiter', {
    url: 'https://www.hellowork.com/fr-fr/emplois/51234567.html',
    title: 'Data Engineer H/F',
    company: 'Acme SAS',
    city: 'Lyon 3e',
    addedAt: '2026-11-20',
    hasText: true,
    analysed: true,
    canonical: 'acme.fr/carrieres/data-engineer-42',
    ...overrides,
  });

/** The same job arriving from Indeed, waiting for its page, added on 2026-11-24. */
const second = (overrides: Partial<OfferSummary> = {}): OfferSummary =>
  anOffer(indeed, 'A compléter', {
    url: 'https://fr.indeed.com/viewjob?jk=a1b2c3',
    title: 'Data engineer (F/H)',
    company: 'ACME',
    city: 'Lyon (69)',
    addedAt: '2026-11-24',
    ...overrides,
  });

const duplicateOf = (
  kept: OfferSummary,
  offer: OfferSummary,
  reason: string,
  extra: { canonical?: string; fill?: Partial<OfferFields> } = {},
): OfferDecision => ({
  updates: [
    {
      id: offer.id,
      patch: { status: 'Ignoré', reason, duplicateOf: kept.id, text: TEXT, fill: extra.fill ?? {}, ...(extra.canonical ? { canonical: extra.canonical } : {}) },
    },
  ],
  events: [
    event('OfferStatusChanged', {
      offerId: offer.id,
      source: offer.source,
      from: 'A compléter',
      to: 'Ignoré',
      reason,
      hasText: true,
      duplicateOf: kept.id,
      ...(extra.canonical ? { canonical: extra.canonical } : {}),
    }),
  ],
});

const analysedNext = (offer: OfferSummary, canonical?: string): OfferDecision => ({
  updates: [{ id: offer.id, patch: { status: 'À analyser', reason: '', text: TEXT, fill: {}, ...(canonical ? { canonical } : {}) } }],
  events: [
    event('OfferStatusChanged', {
      offerId: offer.id,
      source: offer.source,
      from: 'A compléter',
      to: 'À analyser',
      hasText: true,
      ...(canonical ? { canonical } : {}),
    }),
  ],
});

describe('One job, one offer: duplicates found after enrichment', () => {
  describe('Given a job already known, when its page shows again through another offer', () => {
    it('should set aside the offer whose page has the same canonical address, as a duplicate of the first, with its text and link kept', () => {
      const kept = first();
      const offer = second({ title: 'Ingénieur données', company: 'Acme Group' });

      enrichment
        .given(loaded(kept, offer))
        .when({ offerId: offer.id, outcome: found({}, 'https://WWW.acme.fr/carrieres/data-engineer-42/?utm_source=indeed&trk=alert#apply') })
        .then(duplicateOf(kept, offer, 'Doublon de Data Engineer H/F — Acme SAS (HelloWork)', { canonical: 'acme.fr/carrieres/data-engineer-42' }));
    });

    it('should find the first by its own alert link when the page names it canonical (scheme, host case and tracking folded)', () => {
      const kept = first({ canonical: undefined, url: 'https://www.hellowork.com/fr-fr/emplois/51234567.html', title: 'Autre intitulé' });
      const offer = second({ title: 'Tout autre titre' });

      enrichment
        .given(loaded(kept, offer))
        .when({ offerId: offer.id, outcome: found({}, 'http://HelloWork.com/fr-fr/emplois/51234567.html?utm_medium=email') })
        .then(duplicateOf(kept, offer, 'Doublon de Autre intitulé — Acme SAS (HelloWork)', { canonical: 'hellowork.com/fr-fr/emplois/51234567.html' }));
    });

    it('should take the same canonical address as one job whatever the months between them', () => {
      const kept = first({ addedAt: '2026-03-01' });
      const offer = second();

      enrichment
        .given(loaded(kept, offer))
        .when({ offerId: offer.id, outcome: found({}, 'https://acme.fr/carrieres/data-engineer-42') })
        .then(duplicateOf(kept, offer, 'Doublon de Data Engineer H/F — Acme SAS (HelloWork)', { canonical: 'acme.fr/carrieres/data-engineer-42' }));
    });

    it('should take the same employer, title and city as one job within the window, case, accents, "H/F", legal form and district folded', () => {
      const kept = first({ canonical: undefined, title: 'Ingénieur Data — H/F', company: 'Acme SAS', city: 'Lyon 3e' });
      const offer = second({ title: 'INGENIEUR DATA (F/H)', company: 'acme', city: 'Lyon, Auvergne-Rhône-Alpes', addedAt: '2027-01-01' });

      enrichment
        .given(loaded(kept, offer))
        .when({ offerId: offer.id, outcome: found() })
        .then(duplicateOf(kept, offer, 'Doublon de Ingénieur Data — H/F — Acme SAS (HelloWork)'));
    });

    it('should use the fields the page filled: an alert without its employer is matched once the page names it', () => {
      const kept = first({ canonical: undefined });
      const offer = second({ company: '' });

      enrichment
        .given(loaded(kept, offer))
        .when({ offerId: offer.id, outcome: found({ company: 'Acme' }) })
        .then({
          updates: [
            {
              id: offer.id,
              patch: {
                status: 'Ignoré',
                reason: 'Doublon de Data Engineer H/F — Acme SAS (HelloWork)',
                duplicateOf: kept.id,
                text: TEXT,
                fill: { company: 'Acme' },
              },
            },
          ],
          events: [
            event('OfferStatusChanged', {
              offerId: offer.id,
              source: indeed,
              from: 'A compléter',
              to: 'Ignoré',
              reason: 'Doublon de Data Engineer H/F — Acme SAS (HelloWork)',
              details: { company: 'Acme' },
              hasText: true,
              duplicateOf: kept.id,
            }),
          ],
        });
    });

    it('should keep the first whatever a person did with it since (refused, ignored by hand, waiting for analysis)', () => {
      for (const status of ['Refusé', 'Ignoré', 'À analyser', 'Candidaté']) {
        const kept = first({ status });
        const offer = second();

        enrichment
          .given(loaded(kept, offer))
          .when({ offerId: offer.id, outcome: found({}, 'https://acme.fr/carrieres/data-engineer-42') })
          .then(duplicateOf(kept, offer, 'Doublon de Data Engineer H/F — Acme SAS (HelloWork)', { canonical: 'acme.fr/carrieres/data-engineer-42' }));
      }
    });

    it('should keep the earliest added of several, and on the same day the one met first', () => {
      const later = first({ addedAt: '2026-11-22', title: 'Plus tard' });
      const earliest = first({ addedAt: '2026-11-10', title: 'Le premier' });
      const sameDay = first({ addedAt: '2026-11-10', title: 'Même jour' });
      const offer = second();

      enrichment
        .given(loaded(later, earliest, sameDay, offer))
        .when({ offerId: offer.id, outcome: found({}, 'https://acme.fr/carrieres/data-engineer-42') })
        .then(duplicateOf(earliest, offer, 'Doublon de Le premier — Acme SAS (HelloWork)', { canonical: 'acme.fr/carrieres/data-engineer-42' }));
    });

    it('should point at the first of the job, never at one of its duplicates', () => {
      const kept = first();
      const duplicate = anOffer(indeed, 'Ignoré', {
        ...second(),
        id: 'recDup',
        status: 'Ignoré',
        hasText: true,
        duplicateOf: kept.id,
        canonical: kept.canonical,
      });
      const offer = second({ url: 'https://fr.indeed.com/viewjob?jk=zzz' });

      enrichment
        .given(loaded(duplicate, kept, offer))
        .when({ offerId: offer.id, outcome: found({}, 'https://acme.fr/carrieres/data-engineer-42') })
        .then(duplicateOf(kept, offer, 'Doublon de Data Engineer H/F — Acme SAS (HelloWork)', { canonical: 'acme.fr/carrieres/data-engineer-42' }));
    });
  });

  describe('Given offers that are not the same job, when the page is read', () => {
    /** The page gives `canonical`, which the offer keeps as `key` (null: no job's address). */
    const notDuplicate = (kept: OfferSummary, offer: OfferSummary, canonical?: string, key?: string | null) =>
      enrichment
        .given(loaded(kept, offer))
        .when({ offerId: offer.id, outcome: found({}, canonical) })
        .then(analysedNext(offer, key === undefined ? canonical?.replace(/^https:\/\//, '') : (key ?? undefined)));

    it('should analyse the same title at another company', () => {
      notDuplicate(first({ canonical: undefined }), second({ company: 'Datalyo' }));
    });

    it('should analyse the same company and title in another city', () => {
      notDuplicate(first({ canonical: undefined }), second({ city: 'Villeurbanne' }));
    });

    it('should analyse the same title, company and city more than 42 days later (the employer hires again), and not 42 days later', () => {
      notDuplicate(first({ canonical: undefined, addedAt: '2026-10-12' }), second({ addedAt: '2026-11-24' }));
      const kept = first({ canonical: undefined, addedAt: '2026-10-13' });
      const offer = second({ addedAt: '2026-11-24' });
      enrichment
        .given(loaded(kept, offer))
        .when({ offerId: offer.id, outcome: found() })
        .then(duplicateOf(kept, offer, 'Doublon de Data Engineer H/F — Acme SAS (HelloWork)'));
    });

    it('should analyse an offer whose page gives another canonical address and another title', () => {
      notDuplicate(first(), second({ title: 'Data analyst' }), 'https://acme.fr/carrieres/data-analyst-7');
    });

    it('should never take an offer for a duplicate of itself (sent back to enrichment with its own address known)', () => {
      const offer = second({ hasText: true, canonical: 'acme.fr/carrieres/data-engineer-42' });

      enrichment
        .given(loaded(offer))
        .when({ offerId: offer.id, outcome: found({}, 'https://acme.fr/carrieres/data-engineer-42') })
        .then(analysedNext(offer, 'acme.fr/carrieres/data-engineer-42'));
    });

    it('should analyse the job again when its first offer expired (posted again)', () => {
      notDuplicate(first({ status: 'Expiré' }), second(), 'https://acme.fr/carrieres/data-engineer-42');
    });

    it('should analyse it when the first offer has no text (its page could not be read, or not yet)', () => {
      notDuplicate(first({ status: 'Ignoré', hasText: false, analysed: false }), second(), 'https://acme.fr/carrieres/data-engineer-42');
      notDuplicate(first({ status: 'A compléter', hasText: false, analysed: false }), second(), 'https://acme.fr/carrieres/data-engineer-42');
    });

    it('should not match by employer and title an offer whose city is unknown', () => {
      notDuplicate(first({ canonical: undefined, city: '' }), second({ city: '' }));
    });

    it('should not take a site’s home page for a job’s address', () => {
      notDuplicate(first({ canonical: undefined, url: 'https://acme.fr/', title: 'Autre' }), second(), 'https://www.acme.fr/?utm_source=x', null);
    });
  });

  describe('Given two pages read at the same time', () => {
    const shared = (a: string[], b: string[]) => a.filter((key) => b.includes(key));

    it('should give one job’s two offers a key in common, so the phase decides them in turn', () => {
      const one = second({ url: 'https://fr.indeed.com/viewjob?jk=1', company: '' });
      const other = first({ status: 'A compléter', canonical: undefined, title: 'Autre titre' });

      expect(shared(pageJobKeys(second(), found({}, 'https://acme.fr/jobs/42')), pageJobKeys(other, found({}, 'https://www.acme.fr/jobs/42/')))).toEqual([
        'url:acme.fr/jobs/42',
      ]);
      expect(shared(pageJobKeys(one, found({ company: 'Acme' })), pageJobKeys(second(), found()))).toEqual(['job:acme|data engineer|lyon']);
    });

    it('should give two jobs no key in common, and a page not found none at all', () => {
      expect(
        pageJobKeys(second(), found({}, 'https://acme.fr/jobs/1')).filter((key) =>
          pageJobKeys(second({ title: 'Data analyst', url: 'https://fr.indeed.com/viewjob?jk=2' }), found({}, 'https://acme.fr/jobs/2')).includes(key),
        ),
      ).toEqual([]);
      expect(pageJobKeys(second(), { kind: 'expired', reason: 'Page introuvable (410)' })).toEqual([]);
    });
  });

  describe('Given the projection after the events it decided', () => {
    it('should list the duplicate on the kept offer, with the canonical address kept for the next ones', () => {
      const kept = first();
      const offer = second();
      const { events } = decideEnrichment({ offerId: offer.id, outcome: found({}, 'https://acme.fr/carrieres/data-engineer-42') }, given(loaded(kept, offer)));

      const after = given(loaded(kept, offer), ...events);

      expect(after.offers.get(offer.id)).toMatchObject({
        status: 'Ignoré',
        duplicateOf: kept.id,
        canonical: 'acme.fr/carrieres/data-engineer-42',
        hasText: true,
      });
      expect(duplicatesOf(kept.id, after.offers, after.sameJobs).map((duplicate) => duplicate.id)).toEqual([offer.id]);
    });

    it('should keep the keys up to date once a first question built them: offers created, read and deleted since', () => {
      const early = second({ url: 'https://fr.indeed.com/viewjob?jk=early', title: 'Autre poste' });
      const state = given(loaded(early));
      decideEnrichment({ offerId: early.id, outcome: found() }, state);
      const kept = first({ canonical: undefined, company: '' });
      const offer = second();
      const late = second({ url: 'https://fr.indeed.com/viewjob?jk=late' });

      evolve(state, event('OfferCreated', { offer: kept }));
      evolve(state, event('OfferStatusChanged', { offerId: kept.id, source: hw, from: 'À traiter', to: 'À traiter', details: { company: 'Acme SAS' } }));
      evolve(state, event('OfferCreated', { offer }));
      evolve(state, event('OfferCreated', { offer: late }));

      expect(decideEnrichment({ offerId: offer.id, outcome: found() }, state)).toEqual(
        duplicateOf(kept, offer, 'Doublon de Data Engineer H/F — Acme SAS (HelloWork)'),
      );
      evolve(state, event('OfferDeleted', { offerId: kept.id, source: hw, status: 'À traiter' }));
      expect(decideEnrichment({ offerId: late.id, outcome: found() }, state).events[0].data.to).toBe('À analyser');
    });

    it('should find the stored duplicates again at load, and no longer match a kept offer deleted', () => {
      const kept = first();
      const duplicate = { ...second(), status: 'Ignoré', hasText: true, duplicateOf: kept.id };
      const offer = second({ url: 'https://fr.indeed.com/viewjob?jk=other' });

      const state = given(loaded(kept, duplicate, offer));
      expect(duplicatesOf(kept.id, state.offers, state.sameJobs)).toEqual([duplicate]);
      evolve(state, event('OfferDeleted', { offerId: kept.id, source: hw, status: 'À traiter' }));

      expect(decideEnrichment({ offerId: offer.id, outcome: found({}, 'https://acme.fr/carrieres/data-engineer-42') }, state).events[0].data.to).toBe(
        'À analyser',
      );
    });
  });
});
