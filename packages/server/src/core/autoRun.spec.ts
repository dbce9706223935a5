import { event, type AutoRunMode, type RunTrigger } from '@veille/domain';
import pino from 'pino';
import { autoRuns, type AutoRuns } from './autoRun';
import { createBus } from './bus';

const PARIS = 'Europe/Paris';
const QUIET_MS = 30_000;
const hw = 'notification@emails.hellowork.com';

/** Automatic runs on jest's clock: every timer they leave is counted, and each run they start is noted with the time it started. */
const given = (mode: AutoRunMode, at: string) => {
  jest.useFakeTimers({ now: new Date(at) });
  const bus = createBus();
  const started: { trigger: RunTrigger; at: string }[] = [];
  const runs: AutoRuns = autoRuns(
    { bus, now: () => new Date(), log: pino({ level: 'silent' }) },
    {
      mode,
      quietMs: QUIET_MS,
      timeZone: PARIS,
      start: (trigger) => {
        started.push({ trigger, at: new Date().toISOString() });
        return Promise.resolve({ started: true });
      },
    },
  );
  return { bus, runs, started };
};

const advanceTo = (iso: string): void => {
  jest.advanceTimersByTime(new Date(iso).getTime() - Date.now());
};

afterEach(() => {
  jest.useRealTimers();
});

describe('Automatic runs', () => {
  describe('Given "chaque jour à 07:30" (Europe/Paris)', () => {
    it('should wake at 07:30 summer time on the day clocks go forward, with one timer and no other', () => {
      const { bus, runs, started } = given('daily@07:30', '2026-03-28T12:00:00Z');

      expect(runs.plan()).toEqual({ mode: 'daily@07:30', next: '2026-03-29T05:30:00.000Z' });
      expect(bus.current().autoRun.next).toBe('2026-03-29T05:30:00.000Z');
      expect(jest.getTimerCount()).toBe(1);

      advanceTo('2026-03-29T05:29:59.999Z');
      expect(started).toEqual([]);

      jest.advanceTimersByTime(1);
      expect(started).toEqual([{ trigger: 'schedule', at: '2026-03-29T05:30:00.000Z' }]);
      expect(runs.plan().next).toBe('2026-03-30T05:30:00.000Z');
      expect(jest.getTimerCount()).toBe(1);
      runs.close();
    });

    it('should wake at 07:30 winter time on the day clocks go back, once', () => {
      const { runs, started } = given('daily@07:30', '2026-10-24T12:00:00Z');

      expect(runs.plan().next).toBe('2026-10-25T06:30:00.000Z');
      advanceTo('2026-10-26T06:30:00Z');

      expect(started).toEqual([
        { trigger: 'schedule', at: '2026-10-25T06:30:00.000Z' },
        { trigger: 'schedule', at: '2026-10-26T06:30:00.000Z' },
      ]);
      expect(jest.getTimerCount()).toBe(1);
      runs.close();
    });

    it('should run a time that does not exist (02:30 on 29 March) at 03:00, and one that happens twice (25 October) once', () => {
      const spring = given('daily@02:30', '2026-03-28T12:00:00Z');
      advanceTo('2026-03-30T12:00:00Z');
      expect(spring.started.map((run) => run.at)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
      spring.runs.close();

      const autumn = given('daily@02:30', '2026-10-24T12:00:00Z');
      advanceTo('2026-10-26T12:00:00Z');
      expect(autumn.started.map((run) => run.at)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
      autumn.runs.close();
    });
  });

  describe('When the mode is set to off', () => {
    it('should leave no timer at all, and say no run is due', () => {
      const { bus, runs, started } = given('daily@07:30', '2026-12-02T12:00:00Z');

      runs.set('off');
      advanceTo('2026-12-10T12:00:00Z');

      expect(jest.getTimerCount()).toBe(0);
      expect(started).toEqual([]);
      expect(bus.current().autoRun).toEqual({ mode: 'off', next: null });
    });

    it('should start no run when mail arrives', () => {
      const { bus, runs, started } = given('off', '2026-12-02T12:00:00Z');
      bus.emit(
        event('SourceAdded', {
          source: {
            sender: hw,
            board: 'HelloWork',
            activation: { import: true, enrich: true, analyse: true },
            available: { import: true, enrich: true, analyse: true },
          },
        }),
      );
      bus.emit(event('MailboxAudited', { bySender: { [hw]: 1 } }));

      runs.mailCounted();

      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(QUIET_MS * 2);
      expect(started).toEqual([]);
    });
  });

  describe('Given "dès qu\'une alerte arrive"', () => {
    const mailArrives = (bus: ReturnType<typeof createBus>, runs: AutoRuns, waiting: number): void => {
      bus.emit(event('MailboxAudited', { bySender: { [hw]: waiting } }));
      runs.mailCounted();
    };
    const withSource = (bus: ReturnType<typeof createBus>, importOn = true): void => {
      const activation = { import: importOn, enrich: true, analyse: true };
      bus.emit(event('SourceAdded', { source: { sender: hw, board: 'HelloWork', activation, available: { import: true, enrich: true, analyse: true } } }));
    };

    it('should leave no timer until mail arrives', () => {
      const { bus, runs } = given('mail', '2026-12-02T12:00:00Z');

      expect(jest.getTimerCount()).toBe(0);
      expect(bus.current().autoRun).toEqual({ mode: 'mail', next: null });
      runs.close();
    });

    it('should start exactly one run for a burst of 5 alerts, once the mailbox has been quiet', () => {
      const { bus, runs, started } = given('mail', '2026-12-02T12:00:00Z');
      withSource(bus);

      for (let count = 1; count <= 5; count += 1) {
        mailArrives(bus, runs, count);
        jest.advanceTimersByTime(2_000);
      }
      expect(jest.getTimerCount()).toBe(1);
      expect(bus.current().autoRun.next).toBe('2026-12-02T12:00:38.000Z');
      jest.advanceTimersByTime(QUIET_MS * 3);

      expect(started).toEqual([{ trigger: 'mail', at: '2026-12-02T12:00:38.000Z' }]);
      expect(jest.getTimerCount()).toBe(0);
      expect(bus.current().autoRun.next).toBeNull();
    });

    it('should start nothing for mail no source imports, nor for mail that left', () => {
      const { bus, runs, started } = given('mail', '2026-12-02T12:00:00Z');
      withSource(bus, false);

      mailArrives(bus, runs, 2);
      expect(jest.getTimerCount()).toBe(0);

      bus.emit(event('SourceActivationChanged', { sender: hw, phase: 'import', enabled: true }));
      mailArrives(bus, runs, 2);
      expect(jest.getTimerCount()).toBe(1);
      mailArrives(bus, runs, 0);
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(QUIET_MS * 2);
      expect(started).toEqual([]);
    });

    it('should take mail already waiting when "mail" is chosen as mail that arrived', () => {
      const { bus, runs, started } = given('off', '2026-12-02T12:00:00Z');
      withSource(bus);
      bus.emit(event('MailboxAudited', { bySender: { [hw]: 3 } }));

      runs.set('mail');
      expect(bus.current().autoRun).toEqual({ mode: 'mail', next: '2026-12-02T12:00:30.000Z' });
      jest.advanceTimersByTime(QUIET_MS);

      expect(started).toEqual([{ trigger: 'mail', at: '2026-12-02T12:00:30.000Z' }]);
    });

    it('should leave the mail to a run already active', () => {
      const { bus, runs, started } = given('mail', '2026-12-02T12:00:00Z');
      withSource(bus);
      mailArrives(bus, runs, 1);
      bus.emit(event('RunStarted', { at: new Date().toISOString(), trigger: 'button' }));

      jest.advanceTimersByTime(QUIET_MS);

      expect(started).toEqual([]);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
