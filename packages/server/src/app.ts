import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { event, type CallMeter, type OfferStore } from '@veille/domain';
import pino, { type Logger } from 'pino';
import { createAirtableStore, type AirtableStoreOptions } from './adapters/airtable';
import { createAirtableClient } from './adapters/airtable/client';
import { setupAirtable } from './adapters/airtable/setup';
import { createClaudeAnalyser } from './adapters/anthropic';
import { createFolderMailbox } from './adapters/folder-mailbox';
import { createImapMailbox } from './adapters/imap';
import { createPageFetcher } from './adapters/page-fetcher';
import { createRulesAnalyser } from './adapters/rules-analyser';
import { loadCriteria } from './criteria/criteria';
import { openSqliteStore } from './adapters/sqlite';
import { openUsageLog } from './adapters/usage-log';
import { createBus } from './app/bus';
import { criteriaSettings } from './app/criteriaSettings';
import { haltOnWriteError, haltRun } from './app/halt';
import { dayOf } from './app/day';
import { messageOf, redact } from './app/errors';
import type { Deps } from './app/deps';
import { reload } from './app/reload';
import { startScheduler, type Scheduler } from './app/scheduler';
import { availabilityOf } from './app/sources';
import type { Config } from './config';
import { seedDemo } from './demo/seed';
import { listeningOn, type Listening } from './http/addresses';
import { createSite } from './http/site';
import { createEventStream } from './http/sse';
import { createParsePool } from './parsing/pool';
import { analysePhase } from './phases/analyse';
import { enrichPhase } from './phases/enrich';
import { importPhase } from './phases/import';

const UI_DIST = path.resolve(__dirname, '../../ui/dist');

export type App = {
  readonly url: string;
  readonly deps: Deps;
  readonly scheduler: Scheduler;
  close(): Promise<void>;
};

export type AppOptions = {
  now?: () => Date;
  log?: Logger;
  /** Airtable's timings, for tests that cannot wait its 30 s penalty or two-minute retry deadline. */
  airtableTimings?: Pick<AirtableStoreOptions, 'rateLimitPenaltyMs' | 'retryDeadlineMs' | 'flushDelayMs'>;
  /** Called once the port listens, before the table is loaded: where the page can be opened. */
  onListening?: (listening: Listening) => void;
  /** Wraps the store the configuration built, for tests that hold its load on cue. */
  wrapStore?: (store: OfferStore) => OfferStore;
};

const listen = (server: Server, host: string, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** The composition root: builds every adapter once and hands them to the phases and the API. */
export const startApp = async (config: Config, options: AppOptions = {}): Promise<App> => {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? pino({ level: config.logLevel });
  const firstStart = !existsSync(config.dataDir);
  const mailboxDir = path.join(config.dataDir, 'mailbox');
  mkdirSync(mailboxDir, { recursive: true });

  const bus = createBus();
  const usageLog = openUsageLog(path.join(config.dataDir, 'usage.json'), {
    onWriteError: haltOnWriteError(
      { bus, now, log },
      { failed: "la consommation API n'a pas pu être enregistrée (usage.json)", kept: 'les compteurs restent en mémoire et seront écrits dès que possible' },
    ),
  });
  bus.emit(event('UsageLoaded', { day: dayOf(now()), today: usageLog.today(dayOf(now())) }));
  const meter: CallMeter = (call) => {
    const counted = { ...call, day: dayOf(now()) };
    usageLog.record(counted);
    bus.emit(event('ApiCallsCounted', counted));
  };

  const site = createSite({
    bound: config.host,
    allowedHosts: config.allowedHosts,
    accessToken: config.accessToken,
    uiDist: UI_DIST,
    log,
  });
  const http = createServer(site.handler);
  const port = await listen(http, config.host, config.port);
  const listening = listeningOn(config.host, port);
  // Veille's own origin, for its demo pages: a loopback URL when it listens everywhere.
  const origin = listening.url;
  options.onListening?.(listening);

  const criteriaFile = path.join(config.dataDir, 'criteres.json');
  const criteriaOnDisk = await loadCriteria(criteriaFile);
  if (!criteriaOnDisk.valid) log.error({ error: criteriaOnDisk.error }, 'criteria file broken: analysis suspended until it is fixed in the page');
  const { settings, analyser } = criteriaSettings({
    file: criteriaFile,
    initial: criteriaOnDisk,
    build: (criteria) => (config.anthropic ? createClaudeAnalyser(config.anthropic, criteria, { meter, log }) : createRulesAnalyser(criteria)),
    onWriteFailed: (failure) => haltRun({ bus, now, log }, failure),
  });
  const sqliteFile = path.join(config.dataDir, 'veille.sqlite');
  // One client for the store and the setup button: the base's 5 requests/s are shared by both.
  const airtable = config.airtable && {
    config: config.airtable,
    client: createAirtableClient(config.airtable, { meter, log, ...options.airtableTimings }),
  };
  // Emails and pages are parsed on worker threads, so that hostile HTML never stalls the API.
  const parsing = createParsePool({ log });
  const pages = createPageFetcher({
    allowPrivate: config.enrichAllowPrivate,
    perHostDelayMs: config.enrichHostDelayMs,
    selfOrigin: origin,
    meter,
    extract: parsing.extractPage,
  });
  const deps: Deps = {
    bus,
    store: (options.wrapStore ?? ((store: OfferStore) => store))(
      airtable
        ? createAirtableStore(airtable.config, { availability: availabilityOf, now, ...options.airtableTimings }, airtable.client)
        : openSqliteStore(sqliteFile, availabilityOf),
    ),
    storage: airtable
      ? { label: `Airtable (base ${airtable.config.baseId})`, prepare: () => setupAirtable(airtable.config, undefined, airtable.client) }
      : { label: `SQLite (${sqliteFile})` },
    mailbox: config.imap ? createImapMailbox(config.imap, { meter, log }) : createFolderMailbox(mailboxDir),
    fetchPage: pages,
    analyser,
    criteria: settings,
    meter,
    now,
    log,
    secrets: config.secrets,
    concurrency: { enrich: 4, analyse: config.anthropic?.concurrency ?? 3 },
  };
  const stream = createEventStream(bus);
  site.mount(deps, stream);

  if (firstStart && !config.imap) {
    const written = await seedDemo(mailboxDir, origin);
    log.info({ emails: written, mailbox: mailboxDir }, 'demo mailbox seeded');
  }
  try {
    await reload(deps);
  } catch (error) {
    // A base not prepared yet must not keep the page away: its setup button is there.
    if (!deps.storage.prepare) throw error;
    deps.storage.loadError = redact(messageOf(error), deps.secrets);
    log.error({ error: deps.storage.loadError }, 'the Airtable base could not be loaded');
  }
  const scheduler = startScheduler(
    deps,
    { import: importPhase({ ...deps, readOffers: parsing.readOffers }), enrich: enrichPhase(deps), analyse: analysePhase(deps) },
    { import: config.imap ? `IMAP ${config.imap.folder}` : 'dossier local', enrich: 'pages web', analyse: deps.analyser.label },
  );
  // Only now may a command start a run: the table is in the projection and the scheduler listens.
  bus.emit(event('StartupCompleted', { at: now().toISOString() }));
  log.info({ urls: listening.urls, dataDir: config.dataDir }, 'Veille is ready');

  return {
    url: origin,
    deps,
    scheduler,
    close: async () => {
      if (bus.current().run.active) bus.emit(event('RunStopRequested', { at: now().toISOString() }));
      await scheduler.idle();
      scheduler.close();
      stream.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await deps.store.close();
      await deps.mailbox.close();
      await pages.close();
      await parsing.close();
      await usageLog.flush();
    },
  };
};
