import { event, nextOffer, type OfferSummary, type PhaseId } from '@veille/domain';
import pino from 'pino';
import type { Bus, PhaseRunner } from '../ports';
import { createBus } from './bus';
import { startScheduler } from './scheduler';

const sender = 'notification@emails.hellowork.com';
const on = { import: true, enrich: true, analyse: true };
const now = () => new Date('2026-11-24T08:00:00Z');
const deps = (bus: Bus) => ({ bus, now, log: pino({ level: 'silent' }), secrets: ['s3cret'] });

const offer = (id: string, status: string): OfferSummary => ({
  id,
  source: sender,
  url: `https://example.org/${id}`,
  status,
  title: 'Data engineer',
  company: 'Acme',
  city: 'Lyon',
  salary: '',
  offerDate: '',
  addedAt: '2026-11-24',
  hasText: false,
  analysed: false,
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A phase that moves each offer it takes to the next status, recording the order of the work. */
const moving =
  (bus: Bus, phase: 'enrich' | 'analyse', to: string, log: string[]): PhaseRunner =>
  async () => {
    for (let next = nextOffer(bus.current(), phase, new Set()); next; next = nextOffer(bus.current(), phase, new Set())) {
      await tick();
      log.push(`${phase}:${next.id}`);
      bus.emit(event('OfferStatusChanged', { offerId: next.id, source: sender, from: next.status, to }));
    }
  };

describe('Scheduler', () => {
  describe('Given a run with emails waiting', () => {
    it('should start phase 2 on the first imported offer, chain phase 3, and end the run by itself', async () => {
      const bus = createBus();
      const log: string[] = [];
      bus.emit(event('TableLoaded', { sources: [{ sender, board: 'HelloWork', activation: on, available: on }], offers: [] }));
      bus.emit(event('MailboxAudited', { bySender: { [sender]: 2 } }));
      const importing: PhaseRunner = async () => {
        for (const id of ['a', 'b']) {
          bus.emit(event('OfferCreated', { offer: offer(id, 'A compléter') }));
          bus.emit(event('EmailArchived', { sender, emailId: `${id}.eml`, offers: 1 }));
          log.push(`import:${id}`);
          await tick();
          await tick();
        }
      };
      const scheduler = startScheduler(deps(bus), {
        import: importing,
        enrich: moving(bus, 'enrich', 'À analyser', log),
        analyse: moving(bus, 'analyse', 'À traiter', log),
      });

      bus.emit(event('RunStarted', { at: now().toISOString() }));
      await new Promise<void>((resolve) => bus.changes$.subscribe(({ event: e }) => e.type === 'RunEnded' && resolve()));
      await scheduler.idle();
      scheduler.close();

      expect(log.indexOf('enrich:a')).toBeLessThan(log.indexOf('import:b'));
      expect(log).toEqual(expect.arrayContaining(['enrich:b', 'analyse:a', 'analyse:b']));
      expect(bus.current().run).toMatchObject({ active: false, outcome: 'done' });
      expect(bus.current().counts.get(sender)?.['À traiter']).toBe(2);
    });
  });

  describe('Given a phase that throws', () => {
    it('should mark it failed without the secret in its message, and still end the run', async () => {
      const bus = createBus();
      bus.emit(event('TableLoaded', { sources: [{ sender, board: 'HelloWork', activation: on, available: on }], offers: [offer('a', 'A compléter')] }));
      const failing: PhaseRunner = () => Promise.reject(new Error('login refused for password s3cret'));
      const idle: Record<PhaseId, PhaseRunner> = { import: () => Promise.resolve(), enrich: failing, analyse: () => Promise.resolve() };
      const scheduler = startScheduler(deps(bus), idle);

      bus.emit(event('RunStarted', { at: now().toISOString() }));
      await new Promise<void>((resolve) => bus.changes$.subscribe(({ event: e }) => e.type === 'RunEnded' && resolve()));
      scheduler.close();

      expect(bus.current().run.phases.enrich).toMatchObject({ state: 'failed', error: 'login refused for password ***' });
    });
  });
});
