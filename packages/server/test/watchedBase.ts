import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OfferStore, OfferSummary } from '@veille/domain';
import Airtable from 'airtable';
import { createAirtableStore, type AirtableOfferStore } from '../src/adapters/airtable';
import { createAirtableClient } from '../src/adapters/airtable/client';
import { setupAirtable } from '../src/adapters/airtable/setup';
import { createBus } from '../src/core/bus';
import { loadTable } from '../src/core/reload';
import { availabilityOf } from '../src/core/sources';
import { startFakeAirtable, type FakeAirtableOptions } from './fakeAirtable';
import { capturedLog } from './settingsApi';

const sender = 'notification@emails.hellowork.com';

const byId = (a: OfferSummary, b: OfferSummary) => a.id.localeCompare(b.id);

/**
 * A fake base of `offers` offers from one source, and Veille's table over it: a store (one per
 * start of Veille, sharing DATA_DIR) whose loads fold into a bus, a log kept line by line, and
 * what a person does in Airtable meanwhile.
 */
export async function startWatchedBase(offers: number, fakeOptions: FakeAirtableOptions = {}) {
  const fake = await startFakeAirtable({ requestsPerSecond: 1_000, ...fakeOptions });
  const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
  await setupAirtable(config, undefined, createAirtableClient(config, { requestsPerSecond: 1_000 }));
  const [sourceId] = fake.insert('Sources', [
    { emailExpéditeur: sender, plugin: 'HelloWork', 'Activer la création': true, "Activer l'enrichissement": true, "Activer l'analyse par IA": true },
  ]);
  const ids = fake.insert(
    'Offres',
    Array.from({ length: offers }, (_unused, index) => ({
      'Id offre': `hellowork:${index}`,
      URL: `https://www.hellowork.com/fr-fr/emplois/${index}.html`,
      Poste: `Offre ${index}`,
      Statut: index % 2 ? 'Traité' : 'À traiter',
      DateAjout: '2026-11-02',
      'email expéditeur': [sourceId],
    })),
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'veille-watch-'));
  const { log, lines } = capturedLog();
  const bus = createBus();
  const rest = new Airtable({ apiKey: fake.apiKey, endpointUrl: fake.url, noRetryIfRateLimited: true }).base(fake.baseId);
  const stores: AirtableOfferStore[] = [];

  /** Veille starting on this DATA_DIR: a new store, whose first load is a full one. */
  const start = (): AirtableOfferStore => {
    const store = createAirtableStore(config, {
      availability: availabilityOf,
      log,
      requestsPerSecond: 1_000,
      flushDelayMs: 5,
      watchFile: path.join(dataDir, `airtable-webhook-${fake.baseId}.json`),
    });
    stores.push(store);
    return store;
  };

  return {
    fake,
    ids,
    lines,
    bus,
    start,
    /** "Mise à jour" (or the load at startup, for a store never loaded). */
    refresh: (store: OfferStore) => loadTable({ bus, store, secrets: [], log }),
    /** Deleted through the REST API, as a script or another tool would. */
    destroy: (id: string) => rest('Offres').destroy([id]),
    /** Every offer as the projection holds it, and as a fresh full load of the base reads it. */
    compare: async () => {
      const fresh = createAirtableStore(config, { availability: availabilityOf, requestsPerSecond: 1_000 });
      const { offers: stored } = await fresh.load();
      return { held: [...bus.current().offers.values()].sort(byId), stored: stored.sort(byId) };
    },
    close: async () => {
      for (const store of stores) await store.close();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type WatchedBase = Awaited<ReturnType<typeof startWatchedBase>>;
