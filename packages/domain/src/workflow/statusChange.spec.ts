import { facts, onOffers } from '../../test/given';
import { event, type OfferStatusChanged } from '../events';
import type { Status } from '../statuses';
import { NOTHING, type OfferDecision } from './decision';
import { NotAStatusError, TransitionRefusedError, UnknownOfferError } from './errors';
import { decideStatusChange, type OfferFacts } from './statusChange';

const hw = 'notification@emails.hellowork.com';
const statusChange = onOffers(decideStatusChange);

/** An offer the phases never read: no text, no analysis. */
const bare = facts('recBare', 'A compléter', { hasText: false, analysed: false });
/** Typed into Airtable by hand without a link. */
const linkless = facts('recLinkless', 'Ignoré', { url: '', hasText: false, analysed: false });
const enriched = facts('recEnriched', 'À analyser', { analysed: false });
const analysed = facts('recAnalysed', 'À traiter');

const moved = (offer: OfferFacts, to: Status): OfferDecision => ({
  updates: [{ id: offer.id, patch: { status: to, reason: '' } }],
  events: [event<OfferStatusChanged>('OfferStatusChanged', { offerId: offer.id, source: hw, from: offer.status, to })],
});

describe('Status changes by hand', () => {
  describe.each<Status>(['Candidaté', 'Refusé', 'Traité', 'Ignoré', 'Expiré'])('When a person sets %s', (status) => {
    it('should take it on any offer, even one the phases never read', () => {
      statusChange
        .given(bare, linkless, analysed)
        .when({ ids: [bare.id, linkless.id, analysed.id], status })
        .then({
          updates: [bare, linkless, analysed].filter((offer) => offer.status !== status).flatMap((offer) => moved(offer, status).updates),
          events: [bare, linkless, analysed].filter((offer) => offer.status !== status).flatMap((offer) => moved(offer, status).events),
        });
    });
  });

  describe('When a person sends an offer back to review (À traiter)', () => {
    it('should take an analysed offer', () => {
      const decided = facts('recDecided', 'Refusé');

      statusChange
        .given(decided)
        .when({ ids: [decided.id], status: 'À traiter' })
        .then(moved(decided, 'À traiter'));
    });

    it('should refuse an offer never analysed', () => {
      statusChange
        .given(enriched)
        .when({ ids: [enriched.id], status: 'À traiter' })
        .thenThrows(TransitionRefusedError, {
          offerIds: [enriched.id],
          message: "Cette offre n'a pas encore été analysée : elle ne peut pas passer en « À traiter ».",
        });
    });
  });

  describe('When a person asks to analyse again (À analyser)', () => {
    it('should take an offer with a text', () => {
      statusChange
        .given(analysed)
        .when({ ids: [analysed.id], status: 'À analyser' })
        .then(moved(analysed, 'À analyser'));
    });

    it('should refuse an offer without a text', () => {
      statusChange
        .given(bare)
        .when({ ids: [bare.id], status: 'À analyser' })
        .thenThrows(TransitionRefusedError, {
          offerIds: [bare.id],
          message: "Cette offre n'a pas encore de texte (réenrichissez-la) : elle ne peut pas passer en « À analyser ».",
        });
    });
  });

  describe('When a person asks to read the page again (A compléter)', () => {
    it('should take an offer with a URL', () => {
      statusChange
        .given(analysed)
        .when({ ids: [analysed.id], status: 'A compléter' })
        .then(moved(analysed, 'A compléter'));
    });

    it('should refuse an offer without a URL', () => {
      statusChange
        .given(linkless)
        .when({ ids: [linkless.id], status: 'A compléter' })
        .thenThrows(TransitionRefusedError, { offerIds: [linkless.id] });
    });
  });

  describe('When several offers are picked', () => {
    it('should change none when the domain refuses one, and say how many', () => {
      const other = facts('recOther', 'À analyser', { analysed: false });

      statusChange
        .given(analysed, enriched, other)
        .when({ ids: [analysed.id, enriched.id, other.id], status: 'À traiter' })
        .thenThrows(TransitionRefusedError, {
          offerIds: [enriched.id, other.id],
          message: "2 des offres choisies n'ont pas encore été analysées : aucune n'est passée en « À traiter ».",
        });
    });

    it('should change none when one is unknown', () => {
      statusChange
        .given(analysed)
        .when({ ids: [analysed.id, 'recGone'], status: 'Candidaté' })
        .thenThrows(UnknownOfferError, { offerIds: ['recGone'], message: 'Offre inconnue : recGone.' });
    });

    it('should leave alone those already in that status, and count an offer picked twice once', () => {
      const applied = facts('recApplied', 'Candidaté');

      statusChange
        .given(applied, analysed)
        .when({ ids: [applied.id, analysed.id, analysed.id], status: 'Candidaté' })
        .then(moved(analysed, 'Candidaté'));
    });
  });

  describe('When the value is not a status', () => {
    it.each(['A importer', 'Autre', 'Archivé'])('should refuse %s', (value) => {
      statusChange
        .given(analysed)
        .when({ ids: [analysed.id], status: value })
        .thenThrows(NotAStatusError, { message: `« ${value} » n'est pas un statut d'offre.` });
    });
  });

  it('should clear why the phases had set an offer aside', () => {
    const expired = facts('recExpired', 'Expiré');

    statusChange
      .given(expired)
      .when({ ids: [expired.id], status: 'Candidaté' })
      .then(moved(expired, 'Candidaté'));
  });

  it('should do nothing when nothing is picked', () => {
    statusChange.given(analysed).when({ ids: [], status: 'Traité' }).then(NOTHING);
  });
});
