import { aSource, anOffer, given } from '../test/given';
import { event } from './events';
import { STATUS } from './statuses';
import { deriveTable } from './table';

const hw = 'notification@emails.hellowork.com';
const li = 'jobalerts-noreply@linkedin.com';

const rowOf = (state: ReturnType<typeof given>, sender: string) => deriveTable(state).rows.find((row) => row.source === sender)!;

/** "Mise à jour" after the first load folds only what changed in the store: each offer read again replaces its summary. */
describe('An offer read again from the store', () => {
  it('should move the offer between its columns (−1 where it was, +1 where it is) and take every field the store holds', () => {
    const offer = anOffer(hw, STATUS.toProcess, { title: 'Data engineer' });
    const loaded = event('TableLoaded', { sources: [aSource(hw)], offers: [offer, anOffer(hw, STATUS.toProcess)] });

    const state = given(loaded, event('OfferRefreshed', { offer: { ...offer, status: STATUS.rejected, title: 'Ingénieur données', hasText: false } }));

    expect(rowOf(state, hw).counts[STATUS.toProcess]).toBe(1);
    expect(rowOf(state, hw).counts[STATUS.rejected]).toBe(1);
    expect(state.offers.get(offer.id)).toMatchObject({ status: STATUS.rejected, title: 'Ingénieur données', hasText: false });
    expect([...(state.byStatus.get(STATUS.toProcess) ?? [])]).not.toContain(offer.id);
    expect([...(state.byStatus.get(STATUS.rejected) ?? [])]).toEqual([offer.id]);
  });

  it('should keep an offer whose status did not change in its place and its column', () => {
    const [first, second] = [anOffer(hw, STATUS.toAnalyse), anOffer(hw, STATUS.toAnalyse)];
    const loaded = event('TableLoaded', { sources: [aSource(hw)], offers: [first, second] });

    const state = given(loaded, event('OfferRefreshed', { offer: { ...first, salary: 'saisi à la main' } }));

    expect(rowOf(state, hw).counts[STATUS.toAnalyse]).toBe(2);
    expect([...(state.byStatus.get(STATUS.toAnalyse) ?? [])]).toEqual([first.id, second.id]);
    expect(state.offers.get(first.id)?.salary).toBe('saisi à la main');
  });

  it('should add an offer created in the store, and count an offer moved to another source under that source', () => {
    const offer = anOffer(hw, STATUS.toProcess);
    const created = anOffer(li, STATUS.toComplete);
    const loaded = event('TableLoaded', { sources: [aSource(hw), aSource(li)], offers: [offer] });

    const state = given(loaded, event('OfferRefreshed', { offer: created }), event('OfferRefreshed', { offer: { ...offer, source: li } }));

    expect(rowOf(state, hw).total).toBe(0);
    expect(rowOf(state, li).counts[STATUS.toComplete]).toBe(1);
    expect(rowOf(state, li).counts[STATUS.toProcess]).toBe(1);
    expect(state.offers.size).toBe(2);
  });

  it('should take an offer moved by hand out of the pending batch of analyses, and leave one only edited in it', () => {
    const [moved, edited] = [anOffer(hw, STATUS.toAnalyse), anOffer(hw, STATUS.toAnalyse)];
    const loaded = event('TableLoaded', { sources: [aSource(hw)], offers: [moved, edited] });
    const sent = event('AnalysisBatchSent', { batchId: 'msgbatch_1', offerIds: [moved.id, edited.id] });

    const state = given(
      loaded,
      sent,
      event('OfferRefreshed', { offer: { ...moved, status: STATUS.ignored } }),
      event('OfferRefreshed', { offer: { ...edited, salary: 'saisi à la main' } }),
    );

    expect([...state.analysisBatch.offerIds]).toEqual([edited.id]);
  });

  it('should remove an offer deleted in the store, and ignore a deletion of an offer it never held', () => {
    const offer = anOffer(hw, STATUS.toProcess);
    const loaded = event('TableLoaded', { sources: [aSource(hw)], offers: [offer] });

    const state = given(
      loaded,
      event('OfferDeleted', { offerId: offer.id, source: hw, status: STATUS.toProcess }),
      event('OfferDeleted', { offerId: 'recUnknown', source: hw, status: STATUS.toProcess }),
    );

    expect(rowOf(state, hw).total).toBe(0);
    expect(rowOf(state, hw).counts[STATUS.toProcess]).toBe(0);
    expect(state.offers.size).toBe(0);
  });
});
