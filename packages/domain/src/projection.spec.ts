import { aSource, anOffer, given, now } from '../test/given';
import { event, type DomainEvent } from './events';
import { evolve, initialProjection } from './projection';
import { deriveTable } from './table';
import { fromView, toView } from './view';

const hw = 'notification@emails.hellowork.com';
const li = 'jobalerts-noreply@linkedin.com';

const rowOf = (events: DomainEvent[], sender: string) => deriveTable(events.reduce(evolve, initialProjection())).rows.find((row) => row.source === sender)!;

describe('Projection', () => {
  describe('When the table is loaded', () => {
    it('should count every offer of a source in its status column, unknown statuses under Autre', () => {
      const events = [
        event('TableLoaded', {
          sources: [aSource(hw)],
          offers: [anOffer(hw, 'A compléter'), anOffer(hw, 'A compléter'), anOffer(hw, 'À traiter'), anOffer(hw, 'Archivé')],
        }),
      ];

      const row = rowOf(events, hw);

      expect(row.counts['A compléter']).toBe(2);
      expect(row.counts['À traiter']).toBe(1);
      expect(row.counts.Autre).toBe(1);
      expect(row.total).toBe(4);
    });

    it('should replace what it held before (a reload after a manual change)', () => {
      const first = anOffer(hw, 'À traiter');
      const events = [
        event('TableLoaded', { sources: [aSource(hw)], offers: [first] }),
        event('TableLoaded', { sources: [aSource(hw)], offers: [{ ...first, status: 'A compléter' }] }),
      ];

      const row = rowOf(events, hw);

      expect(row.counts['À traiter']).toBe(0);
      expect(row.counts['A compléter']).toBe(1);
    });
  });

  describe('When an offer changes status', () => {
    it('should take one from the old status and add one to the new one, without any store read', () => {
      const offer = anOffer(hw, 'A compléter');
      const events = [
        event('TableLoaded', { sources: [aSource(hw)], offers: [offer, anOffer(hw, 'A compléter')] }),
        event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'A compléter', to: 'À analyser' }),
      ];

      const row = rowOf(events, hw);

      expect(row.counts['A compléter']).toBe(1);
      expect(row.counts['À analyser']).toBe(1);
      expect(row.total).toBe(2);
    });

    it('should count from the event alone when the offer is not held (a client folding a snapshot)', () => {
      const server = given(event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'À analyser')] }));
      const client = fromView(toView(server));

      const row = deriveTable(evolve(client, event('OfferStatusChanged', { offerId: 'rec1', source: hw, from: 'À analyser', to: 'À traiter' }))).rows[0];

      expect(row.counts['À analyser']).toBe(0);
      expect(row.counts['À traiter']).toBe(1);
    });

    it('should keep the details a phase corrected', () => {
      const offer = anOffer(hw, 'A compléter', { city: '' });

      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }),
        event('OfferStatusChanged', {
          offerId: offer.id,
          source: hw,
          from: 'A compléter',
          to: 'À analyser',
          details: { city: 'Lyon' },
        }),
      );

      expect(state.offers.get(offer.id)).toMatchObject({ status: 'À analyser', city: 'Lyon' });
    });
  });

  describe('When emails are audited and imported', () => {
    it('should show A importer per sender, minus one per archived email, plus one A compléter per new offer', () => {
      const events = [
        event('TableLoaded', { sources: [aSource(hw)], offers: [] }),
        event('MailboxAudited', { bySender: { [hw]: 3, [li]: 2 } }),
        event('OfferCreated', { offer: anOffer(hw, 'A compléter') }),
        event('OfferCreated', { offer: anOffer(hw, 'A compléter') }),
        event('EmailArchived', { sender: hw, emailId: 'a.eml', offers: 2 }),
      ];

      const table = deriveTable(events.reduce(evolve, initialProjection()));

      expect(table.rows.find((row) => row.source === hw)).toMatchObject({ toImport: 2 });
      expect(table.rows.find((row) => row.source === li)).toMatchObject({ toImport: 2, board: 'Inconnu' });
      expect(table.totals.toImport).toBe(4);
      expect(table.totals.counts['A compléter']).toBe(2);
    });

    it('should list the emails the mailbox refuses with why, until an audit no longer finds them', () => {
      const refused = [{ id: 'lien.eml', reason: 'Lien symbolique vers /etc/passwd, hors de la boîte aux lettres : refusé.' }];

      const state = given(event('MailboxAudited', { bySender: { [hw]: 1 }, refused }));
      const later = evolve(state, event('MailboxAudited', { bySender: { [hw]: 1 } }));

      expect(toView(state).mailboxRefused).toEqual(refused);
      expect(fromView(toView(state)).mailboxRefused).toEqual(refused);
      expect(deriveTable(state).totals.toImport).toBe(1);
      expect(later.mailboxRefused).toEqual([]);
    });

    it('should not count an offer created twice', () => {
      const offer = anOffer(hw, 'A compléter');

      const row = rowOf([event('SourceAdded', { source: aSource(hw) }), event('OfferCreated', { offer }), event('OfferCreated', { offer })], hw);

      expect(row.counts['A compléter']).toBe(1);
    });
  });

  describe('When a run goes', () => {
    it('should track each phase line and reset failures and run usage at the next run', () => {
      const state = given(
        event('RunStarted', { at: now }),
        event('PhaseStarted', { phase: 'enrich', total: 3 }),
        event('PhaseProgressed', { phase: 'enrich', done: 1, total: 3, current: 'HelloWork — Data engineer (Lyon)' }),
        event('ItemFailed', { phase: 'enrich', itemId: 'rec1', source: hw, error: 'boom' }),
        event('ApiCallsCounted', { api: 'Pages web', kind: 'GET', calls: 1, day: '2026-11-24' }),
      );

      expect(state.run.phases.enrich).toMatchObject({ state: 'running', done: 1, total: 3, failed: 1 });
      expect(state.usage.run['Pages web'].calls).toBe(1);

      const again = evolve(state, event('RunStarted', { at: now }));

      expect(again.run.phases.enrich).toMatchObject({ state: 'idle', failed: 0 });
      expect(again.failed.enrich.size).toBe(0);
      expect(again.usage.run).toEqual({});
      expect(again.usage.today['Pages web'].calls).toBe(1);
    });

    it('should count a phase restarted in the same run from where it was', () => {
      const state = given(
        event('RunStarted', { at: now }),
        event('PhaseStarted', { phase: 'enrich', total: 2 }),
        event('PhaseProgressed', { phase: 'enrich', done: 2, total: 2, current: '' }),
        event('PhaseFinished', { phase: 'enrich' }),
        event('PhaseStarted', { phase: 'enrich', total: 3 }),
      );

      expect(state.run.phases.enrich).toMatchObject({ state: 'running', done: 2, total: 5 });
    });

    it('should start a new day of usage when the day changes', () => {
      const state = given(
        event('UsageLoaded', { day: '2026-11-23', today: {} }),
        event('ApiCallsCounted', { api: 'Pages web', kind: 'GET', calls: 5, day: '2026-11-23' }),
        event('ApiCallsCounted', { api: 'Pages web', kind: 'GET', calls: 2, day: '2026-11-24' }),
      );

      expect(state.usage.today['Pages web'].calls).toBe(2);
      expect(state.usage.run['Pages web'].calls).toBe(7);
    });

    it('should stop on a failed write, say why, and keep the reason once the run has ended', () => {
      const state = given(
        event('RunStarted', { at: now }),
        event('PhaseStarted', { phase: 'import', total: 3 }),
        event('RunHalted', { at: now, reason: 'Disque plein : les offres de l’email « A » n’ont pas pu être enregistrées.' }),
        event('RunHalted', { at: now, reason: 'Disque plein : une conséquence de la première.' }),
        event('PhaseFailed', { phase: 'import', error: 'Disque plein' }),
        event('RunEnded', { at: now, outcome: 'stopped' }),
      );

      expect(state.run).toMatchObject({ active: false, stopping: false, outcome: 'stopped', stopReason: expect.stringContaining('email « A »') });
      expect(toView(state).run.stopReason).toBe(state.run.stopReason);
    });

    it('should forget the reason when the next run starts, and ignore a halt with no run active', () => {
      const state = given(
        event('RunStarted', { at: now }),
        event('RunHalted', { at: now, reason: 'Disque plein : x' }),
        event('RunEnded', { at: now, outcome: 'stopped' }),
        event('RunStarted', { at: now }),
      );

      expect(state.run).toMatchObject({ active: true, stopping: false });
      expect(state.run.stopReason).toBeUndefined();
      expect(given(event('RunHalted', { at: now, reason: 'x' })).run).toMatchObject({ active: false, stopping: false });
    });

    it('should bump the version on every event', () => {
      const state = given(event('RunStarted', { at: now }), event('RunEnded', { at: now, outcome: 'done' }));

      expect(state.version).toBe(2);
      expect(state.run).toMatchObject({ active: false, outcome: 'done' });
    });
  });
});
