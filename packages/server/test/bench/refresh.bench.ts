import { startWatchedBase } from '../watchedBase';
import { report } from './measure';

const OFFERS = 10_000;
const SOURCES = 1;
const CHANGED = 5;
const RATE = 5;

/**
 * "Mise à jour" on a base of 10,000 offers where a person changed 5 records by hand and deleted
 * one: what it costs through the webhook's payloads, beside the full listing it replaces.
 */
export async function benchRefresh(): Promise<void> {
  process.stdout.write('\n"Mise à jour" from what changed (fake Airtable, T = 10,000)\n');
  const base = await startWatchedBase(OFFERS);
  try {
    const store = base.start();
    await base.refresh(store);
    const [deleted, ...edited] = base.ids.slice(0, CHANGED + 1);
    for (const id of edited) base.fake.edit('Offres', id, { Statut: 'Candidaté' });
    await base.destroy(deleted);
    base.fake.resetLog();
    const started = performance.now();
    await base.refresh(store);
    const ms = performance.now() - started;
    const calls = base.fake.log.length;
    const { held, stored } = await base.compare();
    const equal = JSON.stringify(held) === JSON.stringify(stored);
    const today = Math.ceil(SOURCES / 100) + Math.ceil(OFFERS / 100);
    report(`Refresh after ${CHANGED} edits and 1 deletion by hand`, `${calls} calls`, `≤ 3; today's design ⌈S/100⌉ + ⌈T/100⌉ = ${today}`);
    report('Same refresh at 5 requests/s', `${((calls / RATE) * 1_000).toFixed(0)} ms`, `today's design ${(today / RATE).toFixed(0)} s`);
    report('Refresh time on the fake (no rate limit)', `${ms.toFixed(0)} ms`, 'information');
    report('Table equals the base afterwards', equal ? 'yes' : 'NO', 'yes');
  } finally {
    await base.close();
  }
}
