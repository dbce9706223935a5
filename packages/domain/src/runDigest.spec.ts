import { aSource, anOffer, now } from '../test/given';
import { event, type DomainEvent, type OfferStatusChanged } from './events';
import type { OfferSummary } from './offer';
import { evolve, initialProjection } from './projection';
import { DIGEST_BEST_MAX, DIGEST_MIN_SCORE, decideDigest, digestHeadline, digestReady, evolveDigestDraft, type DigestDraft } from './runDigest';
import { STATUS } from './statuses';

const hw = 'notification@emails.hellowork.com';
const analysis = (total: number) => ({ summary: `Résumé ${total}`, total, criteria: [], dealBreakers: [], analyser: 'règles' });
const waiting = (title: string): OfferSummary => anOffer(hw, STATUS.toAnalyse, { title, hasText: true });
const analysedBefore = (title: string, total: number): OfferSummary =>
  anOffer(hw, STATUS.toProcess, { title, hasText: true, analysed: true, analysis: analysis(total) });

/** Phase 3's verdict on an offer: À traiter, with its analysis. */
const scored = (offer: OfferSummary, total: number, from: string = STATUS.toAnalyse) =>
  event<OfferStatusChanged>('OfferStatusChanged', { offerId: offer.id, source: hw, from, to: STATUS.toProcess, analysis: analysis(total) });
/** A person's change: no analysis with it. */
const setByHand = (offer: OfferSummary, from: string, to: string) =>
  event<OfferStatusChanged>('OfferStatusChanged', { offerId: offer.id, source: hw, from, to });

const loaded = (...offers: OfferSummary[]) => event('TableLoaded', { sources: [aSource(hw)], offers });
const started = event('RunStarted', { at: now, trigger: 'button' });
const ended = event('RunEnded', { at: '2026-11-24T08:05:00.000Z', outcome: 'done' });

/** The digest's specifications: given the events up to a run's end (folded by the projection too), then the offers worth telling. */
const given = (...events: DomainEvent[]) => ({
  then: (minScore: number = DIGEST_MIN_SCORE) => {
    let state = initialProjection();
    let draft: DigestDraft | undefined;
    for (const one of events) {
      state = evolve(state, one);
      draft = evolveDigestDraft(draft, one, state);
    }
    return decideDigest(draft, state, minScore);
  },
});

describe('Digest of a run', () => {
  const [a, b, c] = [waiting('Data engineer'), waiting('Analyste'), waiting('Stagiaire')];

  describe('When the run analysed offers over the threshold', () => {
    it('should tell them, best first, each with what the email shows', () => {
      const offers = given(loaded(a, b, c), started, scored(a, 15), scored(b, 18), scored(c, 9), ended).then();

      expect(offers.map((offer) => [offer.title, offer.score])).toEqual([
        ['Analyste', 18],
        ['Data engineer', 15],
      ]);
      expect(offers[0]).toEqual({ id: b.id, title: 'Analyste', company: 'Acme', city: 'Lyon', salary: '', url: b.url, summary: 'Résumé 18', score: 18 });
    });

    it('should count a total equal to the threshold, and follow the threshold given', () => {
      expect(given(loaded(a), started, scored(a, 14), ended).then(14)).toHaveLength(1);
      expect(given(loaded(a), started, scored(a, 14), ended).then(15)).toEqual([]);
    });
  });

  describe('When nothing crosses the threshold', () => {
    it('should tell nothing', () => {
      expect(given(loaded(a, b), started, scored(a, 13), scored(b, 0), ended).then()).toEqual([]);
    });

    it('should tell nothing of a run that analysed nothing', () => {
      expect(given(loaded(a), started, ended).then()).toEqual([]);
    });
  });

  describe('When an offer was analysed in an earlier run', () => {
    it('should not tell it again, however high its score', () => {
      const old = analysedBefore('Ancienne', 19);

      expect(
        given(loaded(old, a), started, scored(a, 16), ended)
          .then()
          .map((offer) => offer.title),
      ).toEqual(['Data engineer']);
    });

    it('should not tell an offer of the previous run in the next one', () => {
      expect(given(loaded(a), started, scored(a, 16), ended, started, ended).then()).toEqual([]);
    });

    it('should not tell it when it is analysed again in this run (« Réanalyser »): it is not new', () => {
      const old = analysedBefore('Ancienne', 12);

      expect(given(loaded(old), setByHand(old, STATUS.toProcess, STATUS.toAnalyse), started, scored(old, 19), ended).then()).toEqual([]);
    });
  });

  describe('When a status is changed by hand', () => {
    it('should not count an analysed offer set back to À traiter by hand during the run', () => {
      const old = anOffer(hw, STATUS.processed, { title: 'Ancienne', hasText: true, analysed: true, analysis: analysis(19) });

      expect(given(loaded(old), started, setByHand(old, STATUS.processed, STATUS.toProcess), ended).then()).toEqual([]);
    });

    it('should leave out an offer the person already set aside after its analysis', () => {
      const offers = given(loaded(a, b), started, scored(a, 17), scored(b, 16), setByHand(a, STATUS.toProcess, STATUS.rejected), ended).then();

      expect(offers.map((offer) => offer.title)).toEqual(['Analyste']);
    });

    it('should leave out an offer deleted since', () => {
      const offers = given(loaded(a), started, scored(a, 17), event('OfferDeleted', { offerId: a.id, source: hw, status: STATUS.toProcess }), ended).then();

      expect(offers).toEqual([]);
    });
  });

  describe('When no run has started', () => {
    it('should tell nothing of analyses outside a run', () => {
      expect(given(loaded(a), scored(a, 18)).then()).toEqual([]);
    });
  });
});

describe('Digest event', () => {
  const offers = Array.from({ length: DIGEST_BEST_MAX + 2 }, (_, index) => ({
    id: `o${index}`,
    title: `Offre ${index}`,
    company: 'Acme',
    city: 'Lyon',
    salary: '45 k€',
    url: `https://example.org/${index}`,
    summary: 'Un long résumé que la notification ne porte pas',
    score: 20 - index,
  }));

  it(`should count every offer but name only the ${DIGEST_BEST_MAX} best, each by id, title, company and score`, () => {
    const ready = digestReady(offers, { at: now, minScore: 14, mailing: true });

    expect(ready.data).toMatchObject({ at: now, minScore: 14, count: DIGEST_BEST_MAX + 2, mailing: true });
    expect(ready.data.best).toHaveLength(DIGEST_BEST_MAX);
    expect(ready.data.best[0]).toEqual({ id: 'o0', title: 'Offre 0', company: 'Acme', score: 20 });
  });

  it('should be folded into the run it ended: told, then its email sent or refused with why', () => {
    const ready = digestReady(offers.slice(0, 3), { at: now, minScore: 14, mailing: true });
    const after = [started, ended, ready].reduce(evolve, initialProjection());

    expect(after.run.digest).toEqual({ count: 3, minScore: 14, mail: 'sending' });
    expect(evolve(after, event('DigestMailed', { at: now, count: 3 })).run.digest?.mail).toBe('sent');
    expect(evolve(after, event('DigestMailFailed', { at: now, error: 'Serveur SMTP injoignable' })).run.digest).toMatchObject({
      mail: 'failed',
      error: 'Serveur SMTP injoignable',
    });
  });

  it('should say no email when none is configured, and forget the digest when the next run starts', () => {
    const after = [started, ended, digestReady(offers.slice(0, 1), { at: now, minScore: 14, mailing: false })].reduce(evolve, initialProjection());

    expect(after.run.digest?.mail).toBe('none');
    expect(evolve(after, started).run.digest).toBeUndefined();
  });

  it('should say the count and the threshold in French', () => {
    expect(digestHeadline(3, 14)).toBe('3 nouvelles offres ≥ 14/20');
    expect(digestHeadline(1, 16)).toBe('1 nouvelle offre ≥ 16/20');
  });
});
