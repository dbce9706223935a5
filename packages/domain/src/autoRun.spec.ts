import { given } from '../test/given';
import { isAutoRunMode, parseAutoRun } from './autoRun';
import { event } from './events';
import { fromView, toView } from './view';

describe('Automatic runs and the live mailbox', () => {
  describe('Given a mode as the user or AUTO_RUN gives it', () => {
    it('should read off, mail and a daily time of the day', () => {
      expect(parseAutoRun('off')).toEqual({ kind: 'off' });
      expect(parseAutoRun('mail')).toEqual({ kind: 'mail' });
      expect(parseAutoRun('daily@07:30')).toEqual({ kind: 'daily', hour: 7, minute: 30 });
      expect(parseAutoRun('daily@00:00')).toEqual({ kind: 'daily', hour: 0, minute: 0 });
      expect(parseAutoRun('daily@23:59')).toEqual({ kind: 'daily', hour: 23, minute: 59 });
    });

    it('should refuse anything else', () => {
      for (const mode of ['', 'Mail', 'daily', 'daily@7:30', 'daily@24:00', 'daily@12:60', 'daily@12:30 ', 'cron', 'daily@12h30']) {
        expect(parseAutoRun(mode)).toBeUndefined();
        expect(isAutoRunMode(mode)).toBe(false);
      }
      expect(isAutoRunMode(42)).toBe(false);
      expect(isAutoRunMode('daily@08:05')).toBe(true);
    });
  });

  describe('Given nothing yet', () => {
    it('should neither watch the mailbox nor plan a run', () => {
      const state = given();

      expect(state.mailboxWatch).toBe('off');
      expect(state.autoRun).toEqual({ mode: 'off', next: null });
    });
  });

  describe('When the watch on the mailbox changes', () => {
    it('should show it listening, then reconnecting, in the view and back', () => {
      const listening = given(event('MailboxWatchChanged', { state: 'listening' }));
      const reconnecting = given(event('MailboxWatchChanged', { state: 'listening' }), event('MailboxWatchChanged', { state: 'reconnecting' }));

      expect(toView(listening).mailboxWatch).toBe('listening');
      expect(fromView(toView(reconnecting)).mailboxWatch).toBe('reconnecting');
    });
  });

  describe('When a run is planned', () => {
    it('should show the mode and when the next run wakes, then none once it is off', () => {
      const planned = given(event('AutoRunPlanned', { mode: 'daily@07:30', next: '2026-12-03T06:30:00.000Z' }));
      const off = given(
        event('AutoRunPlanned', { mode: 'daily@07:30', next: '2026-12-03T06:30:00.000Z' }),
        event('AutoRunPlanned', { mode: 'off', next: null }),
      );

      expect(fromView(toView(planned)).autoRun).toEqual({ mode: 'daily@07:30', next: '2026-12-03T06:30:00.000Z' });
      expect(toView(off).autoRun).toEqual({ mode: 'off', next: null });
    });
  });
});
