import { duplicatesOf, type OfferSummary } from '@veille/domain';
import { describeRealAlerts } from '../../test/realAlerts';
import { enrichInOrder, jobPage, realOffers, type ImportedOffer } from '../../test/sameJob';

const byStatus = (offers: Iterable<OfferSummary>) => [...offers].map((offer) => [offer.status, offer.reason ?? '']);

describeRealAlerts('One job, one offer, on the real Cadremploi alerts (one job through two opaque tracking links)', () => {
  let cadremploi: ImportedOffer[];

  beforeAll(async () => {
    cadremploi = await realOffers(['cadremploi']);
  });

  it('should import them as two offers, their links telling nothing of the job', () => {
    expect(cadremploi).toHaveLength(2);
    expect(cadremploi[0].offer.url).not.toBe(cadremploi[1].offer.url);
  });

  it('should make them one offer once their pages give the same canonical address: the second a duplicate of the first, never analysed', () => {
    // Both tracking links lead to the same job page, which names its canonical address with its tracking.
    const page = jobPage(cadremploi[0].offer, 'https://www.cadremploi.fr/emploi/detail_offre?offreId=4321987&xtor=EPR-1');

    const state = enrichInOrder(cadremploi, () => page);

    const [first, second] = state.offers.values();
    expect(byStatus(state.offers.values())).toEqual([
      ['À analyser', ''],
      ['Ignoré', 'Doublon de Directeur tech et produit H/F — TIME RECRUTEMENT (Cadremploi)'],
    ]);
    expect(second).toMatchObject({ duplicateOf: first.id, hasText: true, canonical: 'cadremploi.fr/emploi/detail_offre?offreId=4321987' });
    expect(duplicatesOf(first.id, state.offers, state.sameJobs)).toEqual([second]);
  });

  it('should make them one offer by employer, title and city when the pages name no address', () => {
    const state = enrichInOrder(cadremploi, ({ offer }) => jobPage(offer));

    expect(byStatus(state.offers.values())).toEqual([
      ['À analyser', ''],
      ['Ignoré', 'Doublon de Directeur tech et produit H/F — TIME RECRUTEMENT (Cadremploi)'],
    ]);
  });

  it('should keep them apart when their pages are two jobs (another canonical address, another city)', () => {
    const [one, other] = cadremploi;
    const moved: ImportedOffer = { ...other, offer: { ...other.offer, city: 'Besançon' } };

    const state = enrichInOrder([one, moved], ({ offer }) =>
      jobPage(offer, `https://www.cadremploi.fr/emploi/detail_offre?offreId=${offer.city === 'Dijon' ? 1 : 2}`),
    );

    expect(byStatus(state.offers.values())).toEqual([
      ['À analyser', ''],
      ['À analyser', ''],
    ]);
  });
});
