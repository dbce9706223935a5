import { deriveTable, event, evolve, initialProjection, STATUSES, type DomainEvent } from '@veille/domain';
import { percentile, report } from './measure';
import { benchOffers, benchSources } from './offerSet';

const OFFERS = 100_000;
const SOURCES = 40;
const EVENTS = 2_000_000;

/** Events folded per second into a projection of 100,000 offers, and the table derived from it. */
export function benchProjection(): void {
  // Made here, not when the module loads: the benches after this one run with these offers freed.
  const sources = benchSources(SOURCES);
  const offers = benchOffers(OFFERS, sources);
  let state = evolve(initialProjection(), event('TableLoaded', { sources, offers }));
  const changes: DomainEvent[] = offers.map((offer, index) => {
    const to = STATUSES[(index + 1) % STATUSES.length];
    const change = event('OfferStatusChanged', { offerId: offer.id, source: offer.source, from: offer.status, to });
    offer.status = to;
    return change;
  });

  const started = process.hrtime.bigint();
  for (let index = 0; index < EVENTS; index += 1) state = evolve(state, changes[index % OFFERS]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  report(`events folded / s (projection of ${OFFERS.toLocaleString('en')} offers)`, Math.round(EVENTS / seconds).toLocaleString('en'), '≥ 500,000/s');

  const timings: number[] = [];
  for (let run = 0; run < 2_000; run += 1) {
    const start = process.hrtime.bigint();
    deriveTable(state);
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  timings.sort((a, b) => a - b);
  report(
    `table derivation at ${OFFERS.toLocaleString('en')} offers (p50 / p99)`,
    `${percentile(timings, 50).toFixed(3)} / ${percentile(timings, 99).toFixed(3)} ms`,
    '≤ 5 ms',
  );
}
