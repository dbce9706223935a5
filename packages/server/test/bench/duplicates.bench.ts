import { existsSync, readdirSync } from 'node:fs';
import { decideEnrichment, event, evolve, initialProjection, NEW_OFFER_STATUS } from '@veille/domain';
import { EMAILS_DIR } from '../fixtures';
import { UNKNOWN_FOLDERS } from '../realAlerts';
import { enrichInOrder, jobPage, realOffers } from '../sameJob';
import { report } from './measure';
import { benchOffers, benchSources } from './offerSet';

const OFFERS = 100_000;

/**
 * One job, one offer: the model calls phase 3 makes on the real alerts with duplicates set aside,
 * beside the calls it made before (one per offer whose page was read); and what the same-job
 * index costs the projection's load at 100,000 offers.
 */
export async function benchDuplicates(): Promise<void> {
  if (existsSync(EMAILS_DIR)) {
    const folders = readdirSync(EMAILS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !UNKNOWN_FOLDERS.includes(entry.name))
      .map((entry) => entry.name);
    const imported = await realOffers(folders);
    // Each page names its own link as canonical, as boards do: tracking links then differ, and the job is known by employer, title and city.
    const state = enrichInOrder(imported, ({ offer }) => jobPage(offer, offer.url));
    const offers = [...state.offers.values()];
    const analysed = offers.filter((offer) => !offer.duplicateOf).length;
    const duplicates = offers.length - analysed;
    report(
      `model calls on the real alerts (${offers.length} offers, ${duplicates} duplicates)`,
      `${analysed} calls`,
      `< ${offers.length}, the calls without dedup`,
    );
  } else {
    process.stdout.write(`model calls saved on the real alerts: SKIPPED, no ${EMAILS_DIR}\n`);
  }

  const sources = benchSources(40);
  const offers = benchOffers(OFFERS, sources);
  let started = process.hrtime.bigint();
  const state = evolve(initialProjection(), event('TableLoaded', { sources, offers }));
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  report(`table loaded at ${OFFERS.toLocaleString('en')} offers (same-job keys left for later)`, `${Math.round(loadMs)} ms`, '≤ 2,000 ms');
  // New offers for jobs the table already holds, as an import brings them, each page read in turn.
  const arriving = offers
    .slice(0, 1_001)
    .map((offer) => ({ ...offer, id: `new${offer.id}`, url: `${offer.url}?new`, status: NEW_OFFER_STATUS, hasText: false }));
  for (const offer of arriving) evolve(state, event('OfferCreated', { offer }));
  const page = { kind: 'found' as const, text: 'Texte', fields: {} };
  started = process.hrtime.bigint();
  decideEnrichment({ offerId: arriving[0].id, outcome: page }, state);
  const firstMs = Number(process.hrtime.bigint() - started) / 1e6;
  started = process.hrtime.bigint();
  for (const offer of arriving.slice(1)) decideEnrichment({ offerId: offer.id, outcome: page }, state);
  const nextMs = (Number(process.hrtime.bigint() - started) / 1e6 / 1_000).toFixed(3);
  report('… its same-job keys built by the first page read after it', `${Math.round(firstMs)} ms`, 'once per load');
  report(`… then each page read checked against ${OFFERS.toLocaleString('en')} offers`, `${nextMs} ms`, '≤ 1 ms');
}
