import { aSource, anOffer, now } from '../test/given';
import { event, type DomainEvent, type RunStarted } from './events';
import { evolve, initialProjection } from './projection';
import { evolveRunDraft, FAILURES_KEPT, type RunDraft } from './runRecord';
import { usageByDay } from './usageByDay';

const hw = 'notification@emails.hellowork.com';
const offer = anOffer(hw, 'A compléter', { title: 'Data engineer', company: 'Acme' });
const loaded = event('TableLoaded', { sources: [aSource(hw)], offers: [offer] });
const started = (trigger: RunStarted['data']['trigger'] = 'cli') => event<RunStarted>('RunStarted', { at: now, trigger });
const ended = (outcome: 'done' | 'stopped' = 'done') => event('RunEnded', { at: '2026-11-24T08:05:00.000Z', outcome });

/** The record's specifications: given the events of a run (folded by the projection too), then its record. */
const given = (...events: DomainEvent[]) => {
  let state = initialProjection();
  let draft: RunDraft | undefined;
  for (const one of events) {
    state = evolve(state, one);
    draft = evolveRunDraft(draft, one, state);
  }
  return draft;
};

describe('Run record', () => {
  it('should record nothing outside a run', () => {
    expect(given(loaded, event('ApiCallsCounted', { api: 'IMAP', kind: 'fetch', calls: 1, day: '2026-11-24' }))).toBeUndefined();
  });

  it('should record when, how it started and what each phase did, once the run ends', () => {
    const draft = given(
      loaded,
      started('cli'),
      event('PhaseStarted', { phase: 'enrich', total: 1 }),
      event('PhaseProgressed', { phase: 'enrich', done: 1, total: 1, current: 'Data engineer' }),
      event('PhaseFinished', { phase: 'enrich' }),
      ended(),
    );

    expect(draft?.ended).toBe(true);
    expect(draft?.run).toMatchObject({ startedAt: now, endedAt: '2026-11-24T08:05:00.000Z', trigger: 'cli', outcome: 'finished' });
    expect(draft?.run.phases.enrich).toEqual({ done: 1, failed: 0, failures: [], moreFailures: 0 });
    expect(draft?.run.phases.import).toEqual({ done: 0, failed: 0, failures: [], moreFailures: 0 });
  });

  it('should not be complete while the run goes on', () => {
    expect(given(loaded, started('button'))?.ended).toBe(false);
  });

  it('should name each failed item with its reason: an offer as the list shows it, an email by its id and sender', () => {
    const draft = given(
      loaded,
      started(),
      event('ItemFailed', { phase: 'enrich', itemId: offer.id, source: hw, error: 'Délai dépassé' }),
      event('ItemFailed', { phase: 'import', itemId: 'alerte.eml', source: hw, error: 'Aucune offre' }),
      ended(),
    );

    expect(draft?.run.phases.enrich).toMatchObject({ failed: 1, failures: [{ item: 'Data engineer — Acme', reason: 'Délai dépassé' }] });
    expect(draft?.run.phases.import.failures).toEqual([{ item: `alerte.eml (${hw})`, reason: 'Aucune offre' }]);
  });

  it(`should keep the first ${FAILURES_KEPT} failures of a phase and count the others`, () => {
    const failures = Array.from({ length: FAILURES_KEPT + 3 }, (_, index) =>
      event('ItemFailed', { phase: 'import', itemId: `${index}.eml`, source: hw, error: 'Aucune offre' }),
    );

    const draft = given(loaded, started(), ...failures, ended());

    expect(draft?.run.phases.import.failures).toHaveLength(FAILURES_KEPT);
    expect(draft?.run.phases.import).toMatchObject({ failed: FAILURES_KEPT + 3, moreFailures: 3 });
  });

  it("should count the run's API calls by kind, its tokens and its cost, and only the run's", () => {
    const before = event('ApiCallsCounted', { api: 'IMAP', kind: 'fetch', calls: 5, day: '2026-11-24' });
    const claude = event('ApiCallsCounted', {
      api: 'Claude',
      kind: 'messages',
      calls: 1,
      day: '2026-11-24',
      inputTokens: 1000,
      outputTokens: 200,
      cachedTokens: 4000,
      costUsd: 0.012,
    });

    const draft = given(
      loaded,
      before,
      started(),
      claude,
      claude,
      event('ApiCallsCounted', { api: 'Pages web', kind: 'GET', calls: 1, day: '2026-11-24' }),
      ended(),
      before,
    );

    expect(draft?.run.usage).toEqual({
      calls: { Claude: { total: 2, byKind: { messages: 2 } }, 'Pages web': { total: 1, byKind: { GET: 1 } } },
      tokens: { input: 2000, output: 400, cached: 8000 },
      cost: 0.024,
    });
  });

  describe('its outcome', () => {
    it('should be "stopped" when a person stopped it', () => {
      expect(given(loaded, started(), event('RunStopRequested', { at: now }), ended('stopped'))?.run.outcome).toBe('stopped');
    });

    it('should be "failed" with the reason when a phase could not run', () => {
      const draft = given(loaded, started(), event('PhaseFailed', { phase: 'import', error: 'Boîte injoignable' }), ended());

      expect(draft?.run.outcome).toBe('failed');
      expect(draft?.run.phases.import.error).toBe('Boîte injoignable');
    });

    it('should be "halted", with why, when Veille stopped it on a refused write, whatever the phases say', () => {
      const draft = given(
        loaded,
        started(),
        event('RunHalted', { at: now, reason: 'Disque plein : …' }),
        event('PhaseFailed', { phase: 'enrich', error: 'Disque plein : phase arrêtée' }),
        ended('stopped'),
      );

      expect(draft?.run).toMatchObject({ outcome: 'halted', reason: 'Disque plein : …' });
    });
  });

  it('should start afresh with the next run', () => {
    const draft = given(loaded, started('cli'), event('ItemFailed', { phase: 'import', itemId: 'a.eml', source: hw, error: 'x' }), ended(), started('button'));

    expect(draft).toEqual({ run: expect.objectContaining({ trigger: 'button', endedAt: '' }) as unknown, ended: false });
    expect(draft?.run.phases.import.failures).toEqual([]);
  });
});

describe('Usage by day', () => {
  const day = (calls: number, costUsd = 0) => ({ calls, byKind: {}, inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd });

  it('should give one bar per day up to today, oldest first, every API summed, a day without calls at zero', () => {
    const days = { '2026-10-30': { IMAP: day(3), Claude: day(2, 0.5) }, '2026-11-01': { IMAP: day(1) }, '2026-10-01': { IMAP: day(9) } };

    expect(usageByDay(days, '2026-11-01', 3)).toEqual([
      { day: '2026-10-30', calls: 5, cost: 0.5 },
      { day: '2026-10-31', calls: 0, cost: 0 },
      { day: '2026-11-01', calls: 1, cost: 0 },
    ]);
  });
});
