import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { STATUS, type Projection } from '@veille/domain';
import { createAirtableClient } from '../src/adapters/airtable/client';
import { setupAirtable } from '../src/adapters/airtable/setup';
import type { AirtableTimings } from '../src/compose/adapters';
import type { Veille } from '../src/compose/startVeille';
import { mimeMessage } from '../src/demo/emails';
import { startFakeAirtable, type FakeAirtable } from './fakeAirtable';
import { freshDataDir, runEnded, startTestApp, until } from './harness';

/** A base that already holds S sources and T finished offers, and a mailbox of alerts that bring M new offers. */
export type ScaledRunOptions = {
  /** T: offers already in the base, all in a finished status (no phase takes them). */
  readonly offers: number;
  /** S: sources already in the base; as many of the mailbox's senders as there are new ones are among them. */
  readonly sources: number;
  /** M: new offers the mailbox's alerts bring, `perEmail` to an alert. */
  readonly newOffers: number;
  readonly perEmail: number;
  /** Senders of the mailbox the base does not know yet: the run's audit creates their sources. */
  readonly newSenders: number;
  /** The fake's requests per second (Airtable's 5), and Veille's client's: tests make both fast. */
  readonly requestsPerSecond?: number;
  readonly latencyMs?: number;
  readonly airtableTimings?: AirtableTimings;
};

export type ScaledRun = {
  readonly fake: FakeAirtable;
  readonly app: Veille;
  /** The ids of the T offers the base held before Veille started. */
  readonly existing: ReadonlySet<string>;
  /** Requests the fake had logged once Veille had started (the load done, new senders' sources created). */
  readonly atStartup: number;
  readonly startupMs: number;
  readonly runMs: number;
  readonly state: Projection;
  /** S: sources the base held when Veille started. */
  readonly sources: number;
  /** Sources Veille created (its audit found their senders in the mailbox). */
  readonly newSources: number;
  /** M: offers the run imported. */
  readonly imported: number;
  /** Issue 14's bound for the whole run: ⌈S/100⌉ + ⌈T/100⌉ + ⌈new sources/10⌉ + 3·⌈M/10⌉ + 6, a table's load one list at least. */
  readonly bound: number;
  close(): Promise<void>;
};

const FINISHED = [STATUS.processed, STATUS.applied, STATUS.rejected];

const ceil = (count: number, size: number): number => Math.ceil(count / size);

/** Any @…hellowork.com sender is HelloWork's: each address is a source of its own. */
const senderOf = (index: number): string => `alerte-${index}@emails.hellowork.com`;

/** A job page as the boards serve them (a JSON-LD JobPosting); every offer a job of its own, so none is a duplicate. */
const jobPage = (id: number): string => {
  const posting = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: `Data engineer ${id}`,
    description: `<p>${`Entreprise ${id} recrute une personne data engineer à Lyon : Python, SQL, Airflow et dbt, télétravail partiel. `.repeat(6)}</p>`,
    hiringOrganization: { '@type': 'Organization', name: `Entreprise ${id}` },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Lyon', postalCode: '69003' } },
    datePosted: new Date().toISOString().slice(0, 10),
  };
  return `<!doctype html><html lang="fr"><head><title>Data engineer ${id}</title>
<script type="application/ld+json">${JSON.stringify(posting)}</script></head><body><h1>Data engineer ${id}</h1></body></html>`;
};

const PAGE = /^\/demo\/offres\/hellowork-(\d+)$/;

const servePages = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((request, response) => {
      const id = PAGE.exec(request.url ?? '')?.[1];
      response.writeHead(id ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(id ? jobPage(Number(id)) : 'introuvable');
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

const card = (site: string, id: number): string =>
  `<tr><td><a href="${site}/demo/offres/hellowork-${id}">Data engineer ${id}</a><div>Entreprise ${id}</div><div>Lyon - 69</div><div>CDI</div></td></tr>`;

/** HelloWork alerts, `perEmail` cards each, their senders taken in turn: known ones first, then the new ones. */
const writeMailbox = (dir: string, site: string, options: ScaledRunOptions): void => {
  const folder = path.join(dir, 'mailbox');
  mkdirSync(folder, { recursive: true });
  const known = Math.min(options.sources, Math.max(1, options.newSenders));
  const senders = [
    ...Array.from({ length: known }, (_unused, index) => senderOf(index)),
    ...Array.from({ length: options.newSenders }, (_unused, index) => senderOf(options.sources + index)),
  ];
  const emails = ceil(options.newOffers, options.perEmail);
  const sentAt = Date.now() - emails * 60_000;
  for (let email = 0; email < emails; email += 1) {
    const ids = Array.from(
      { length: Math.min(options.perEmail, options.newOffers - email * options.perEmail) },
      (_unused, index) => 1_000_000 + email * options.perEmail + index,
    );
    const html = `<table>${ids.map((id) => card(site, id)).join('')}</table>`;
    const content = mimeMessage(
      { name: 'HelloWork', address: senders[email % senders.length] },
      `${ids.length} nouvelles offres`,
      new Date(sentAt + email * 60_000),
      { text: '', html },
    );
    writeFileSync(path.join(folder, `alerte-${String(email).padStart(4, '0')}.eml`), content);
  }
};

/** The base prepared as `pnpm setup:airtable` does; the setup's second of the base's requests passes before Veille's. */
const prepare = async (fake: FakeAirtable, requestsPerSecond?: number): Promise<void> => {
  const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
  await setupAirtable(config, undefined, createAirtableClient(config, { requestsPerSecond }));
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  fake.resetLog();
};

/** A prepared base filled without requests; answers the offers' ids. */
const seedBase = async (fake: FakeAirtable, options: ScaledRunOptions): Promise<string[]> => {
  await prepare(fake, options.requestsPerSecond);
  const sourceIds = fake.insert(
    'Sources',
    Array.from({ length: options.sources }, (_unused, index) => ({
      emailExpéditeur: senderOf(index),
      plugin: 'HelloWork',
      'Activer la création': true,
      "Activer l'enrichissement": true,
      "Activer l'analyse par IA": true,
    })),
  );
  const offerIds = fake.insert(
    'Offres',
    Array.from({ length: options.offers }, (_unused, index) => ({
      'Id offre': `hellowork:${index}`,
      URL: `https://www.hellowork.com/fr-fr/emplois/${index}.html`,
      Poste: `Offre ${index}`,
      Entreprise: `Société ${index}`,
      Ville: 'Lyon',
      Statut: FINISHED[index % FINISHED.length],
      'email expéditeur': [sourceIds[index % options.sources]],
    })),
  );
  return offerIds;
};

/** Every server a whole run needs, closed in one go. */
type Stage = { fake: FakeAirtable; dir: string; close: () => Promise<void>; app?: Veille };

const stage = (fake: FakeAirtable, pages?: Server): Stage => {
  const { dir, cleanup } = freshDataDir();
  const staged: Stage = {
    fake,
    dir,
    close: async () => {
      await staged.app?.close();
      await fake.close();
      if (pages) await new Promise((resolve) => pages.close(resolve));
      cleanup();
    },
  };
  return staged;
};

/**
 * Veille started on the staged base, then one run to its end; the bound computed from what the
 * base held (S sources, T offers), the sources Veille created and the offers the run imported (M).
 * A table's load costs one list even when empty.
 */
const startAndRun = async (staged: Stage, existing: ReadonlySet<string>, env: NodeJS.ProcessEnv, timings: AirtableTimings): Promise<ScaledRun> => {
  const { fake } = staged;
  const sources = fake.records('Sources').length;
  const started = Date.now();
  const app = await startTestApp(
    staged.dir,
    { AIRTABLE_API_KEY: fake.apiKey, AIRTABLE_BASE_ID: fake.baseId, AIRTABLE_ENDPOINT_URL: fake.url, ...env },
    { airtableTimings: timings },
  );
  staged.app = app;
  const atStartup = fake.count();
  const runStarted = Date.now();
  await fetch(`${app.url}/api/runs`, { method: 'POST' });
  await until(app.deps.bus, (current) => current.run.active);
  const state = await runEnded(app.deps.bus);
  const ended = Date.now();
  const newSources = fake.records('Sources').length - sources;
  const imported = [...state.offers.keys()].filter((id) => !existing.has(id)).length;
  const bound = Math.max(1, ceil(sources, 100)) + Math.max(1, ceil(existing.size, 100)) + ceil(newSources, 10) + 3 * ceil(imported, 10) + 6;
  return {
    fake,
    app,
    existing,
    atStartup,
    startupMs: runStarted - started,
    runMs: ended - runStarted,
    state,
    sources,
    newSources,
    imported,
    bound,
    close: staged.close,
  };
};

/**
 * A whole run of Veille on a fake Airtable base at scale, from its start to the run's end: the
 * folder mailbox of alerts, their pages served on this machine, the rules analyser. Every request
 * Veille made is in `fake.log`.
 */
export async function runAtScale(options: ScaledRunOptions): Promise<ScaledRun> {
  const pages = await servePages();
  const staged = stage(await startFakeAirtable({ requestsPerSecond: options.requestsPerSecond, latencyMs: options.latencyMs }), pages);
  try {
    const existing = new Set(await seedBase(staged.fake, options));
    // A data dir that exists is not seeded with the demo: the mailbox holds these alerts only.
    writeMailbox(staged.dir, `http://127.0.0.1:${(pages.address() as AddressInfo).port}`, options);
    return await startAndRun(
      staged,
      existing,
      { ENRICH_ALLOW_PRIVATE: '1', ENRICH_HOST_DELAY_MS: '0' },
      { ...options.airtableTimings, requestsPerSecond: options.requestsPerSecond },
    );
  } catch (error) {
    await staged.close();
    throw error;
  }
}

/** The demo as a new user runs it on an empty Airtable base just prepared: the seeded mailbox, the pages Veille serves. */
export async function runDemo(options: { latencyMs?: number; airtableTimings?: AirtableTimings } = {}): Promise<ScaledRun> {
  const staged = stage(await startFakeAirtable({ latencyMs: options.latencyMs }));
  try {
    await prepare(staged.fake);
    return await startAndRun(staged, new Set(), {}, options.airtableTimings ?? {});
  } catch (error) {
    await staged.close();
    throw error;
  }
}
