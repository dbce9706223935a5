import { aSource, anOffer, given, now } from '../test/given';
import { event } from './events';
import { evolve } from './projection';
import { fromView, toView } from './view';

const hw = 'notification@emails.hellowork.com';

describe('Startup and table loading', () => {
  describe('Given nothing yet', () => {
    it('should be starting, with no load under way', () => {
      const state = given();

      expect(state.startup).toBe('starting');
      expect(state.tableLoading).toBe(false);
    });
  });

  describe('When the first store query begins', () => {
    it('should say the table is loading while Veille starts', () => {
      const state = given(event('TableLoadStarted', {}));

      expect(toView(state)).toMatchObject({ startup: 'starting', tableLoading: true });
    });
  });

  describe('When the table arrives', () => {
    it('should stop loading but stay starting until startup completes', () => {
      const state = given(event('TableLoadStarted', {}), event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter')] }));

      expect(state.tableLoading).toBe(false);
      expect(state.startup).toBe('starting');
    });
  });

  describe('When the store query fails', () => {
    it('should stop loading and keep the table it held', () => {
      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter')] }),
        event('TableLoadStarted', {}),
        event('TableLoadFailed', { error: 'Airtable injoignable' }),
      );

      expect(state.tableLoading).toBe(false);
      expect(state.offers.size).toBe(1);
    });
  });

  describe('When startup completes', () => {
    it('should be ready, and a later "Mise à jour" loads again without going back to starting', () => {
      const ready = given(event('TableLoadStarted', {}), event('TableLoaded', { sources: [], offers: [] }), event('StartupCompleted', { at: now }));
      const reloading = evolve(ready, event('TableLoadStarted', {}));

      expect(ready.startup).toBe('ready');
      expect(toView(reloading)).toMatchObject({ startup: 'ready', tableLoading: true });
    });
  });

  describe('Given a page that folds from a snapshot', () => {
    it('should take the startup state from the view and follow the same events', () => {
      const server = given(event('TableLoadStarted', {}));

      const page = evolve(evolve(fromView(toView(server)), event('TableLoaded', { sources: [], offers: [] })), event('StartupCompleted', { at: now }));

      expect(fromView(toView(server))).toMatchObject({ startup: 'starting', tableLoading: true });
      expect(page).toMatchObject({ startup: 'ready', tableLoading: false });
    });
  });
});
