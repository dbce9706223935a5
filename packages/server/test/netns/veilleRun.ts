/**
 * A real Veille run inside the namespace: a SQLite store holding HelloWork offers `A compléter`
 * whose pages live on the simulated internet, the app started on it, one run through its API,
 * then every offer as stored, printed as one JSON line after RESULT.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { availabilityOf, newSource } from '../../src/core/sources';
import { runEnded, startTestApp } from '../harness';
import { SENDER, URLS } from './scenario';

const seed = async (file: string): Promise<void> => {
  const store = openSqliteStore(file, availabilityOf);
  const source = newSource(SENDER);
  // Analysis is off, so that the enriched offers stay `À analyser` for the test to read.
  await store.addSources([{ ...source, activation: { ...source.activation, analyse: false } }]);
  await store.saveOffers(
    Object.values(URLS).map((url) => ({
      key: `hellowork:${/(\d+)\.html$/.exec(url)?.[1]}`,
      source: source.sender,
      url,
      title: 'Data engineer H/F',
      company: '',
      city: '',
      department: '',
      salary: '',
      offerDate: '',
    })),
  );
  await store.close();
};

const main = async (dataDir: string): Promise<void> => {
  mkdirSync(path.join(dataDir, 'mailbox'), { recursive: true });
  const file = path.join(dataDir, 'veille.sqlite');
  await seed(file);

  const app = await startTestApp(dataDir);
  const started = await fetch(`${app.url}/api/runs`, { method: 'POST' });
  if (started.status !== 202) throw new Error(`POST /api/runs answered ${started.status}: ${await started.text()}`);
  await runEnded(app.deps.bus);
  await app.close();

  const store = openSqliteStore(file, availabilityOf);
  const offers = store.listOffers().map(({ url, status, reason, text }) => ({ url, status, reason, text }));
  await store.close();
  process.stdout.write(`RESULT ${JSON.stringify(offers)}\n`);
};

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
