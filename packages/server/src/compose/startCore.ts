import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { decideRunStop, event, type CallMeter, type OfferStore } from '@veille/domain';
import pino, { type Logger } from 'pino';
import { createPageFetcher } from '../adapters/page-fetcher';
import { openSqliteRunLog } from '../adapters/sqlite/runLog';
import { openUsageLog } from '../adapters/usage-log';
import type { Config } from '../config';
import { createBus } from '../core/bus';
import { criteriaSettings } from '../core/criteriaSettings';
import { dayOf } from '../core/day';
import { haltOnWriteError, haltRun } from '../core/halt';
import { sendDigests } from '../core/digest';
import { recordRuns } from '../core/history';
import { createOfferLocks } from '../core/offerLocks';
import { auditMailbox } from '../core/reload';
import { startScheduler, type Scheduler } from '../core/scheduler';
import { startUnattended, type Unattended } from '../core/unattended';
import { spendingGuard } from '../core/spendingGuard';
import { loadCriteria } from '../criteria/criteria';
import { demoPageAt } from '../demo/pages';
import { seedDemo } from '../demo/seed';
import { listeningOn } from '../http/addresses';
import { createParsePool } from '../parsing/pool';
import { analysePhase } from '../phases/analyse';
import { enrichPhase } from '../phases/enrich';
import { importPhase } from '../phases/import';
import type { Deps, SchedulePort } from '../ports';
import { readSettingsFile } from '../settings/file';
import { analyserFor, mailboxFolder, type AirtableTimings } from './adapters';
import { analysisBatchKeeper, type BatchTimings } from '../core/analysisBatches';
import { digestOptions } from './digest';
import { configWith, liveAdapters, reloadOrExplain } from './liveAdapters';
import { settingsService } from './settings';

export type CoreOptions = {
  /** Veille's own origin: the demo alerts seeded on a first start link to its demo pages there. */
  readonly origin: string;
  /** No server of this process serves the demo pages (a headless run): phase 2 reads them in this process. */
  readonly demoPagesInProcess?: boolean;
  readonly now?: () => Date;
  readonly log?: Logger;
  readonly airtableTimings?: AirtableTimings;
  /** How often a pending batch of analyses is asked for its state (30 s doubling up to 10 min; shorter in tests). */
  readonly batchTimings?: BatchTimings;
  /** Wraps the store the configuration built, for tests that hold its load on cue. */
  readonly wrapStore?: (store: OfferStore) => OfferStore;
  /** Veille stays up (not a one-off `pnpm process`): new mail is watched and runs may start by themselves. */
  readonly unattended?: boolean;
  /** How long the mailbox stays quiet before an automatic "mail" run (30 s; shorter in tests). */
  readonly autoRunQuietMs?: number;
};

const AUTO_RUN_QUIET_MS = 30_000;

/** The projection, bus, scheduler, phases, adapters, parse pool and usage log: Veille without its HTTP face. */
export type Core = {
  readonly deps: Deps;
  /** Seeds the demo on a first start, loads the table and audits the mailbox; then the scheduler listens and runs may start. */
  start(): Promise<Scheduler>;
  /** A run in progress stops (items in hand finish); resolves once no phase runs and the scheduler no longer listens. */
  stop(): Promise<void>;
  /** Stops, then lets go of the store, the mailbox, the page connections and the parse workers, and writes the usage counts. */
  close(): Promise<void>;
};

/** Builds every adapter once and hands them to the phases; nothing is loaded, nothing listens yet. */
export async function openCore(config: Config, options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? pino({ level: config.logLevel });
  const firstStart = !existsSync(config.dataDir);
  mkdirSync(mailboxFolder(config), { recursive: true });

  const bus = createBus();
  const usageLog = openUsageLog(path.join(config.dataDir, 'usage.json'), {
    onWriteError: haltOnWriteError(
      { bus, now, log },
      { failed: "la consommation API n'a pas pu être enregistrée (usage.json)", kept: 'les compteurs restent en mémoire et seront écrits dès que possible' },
    ),
  });
  bus.emit(event('UsageLoaded', { day: dayOf(now()), today: usageLog.today(dayOf(now())) }));
  // Every run is recorded when it ends, whoever started it and whatever the store.
  const history = recordRuns(
    { bus, now, log },
    { runs: openSqliteRunLog(path.join(config.dataDir, 'runs.sqlite')), limit: config.runHistoryLimit, days: () => usageLog.days() },
  );
  const meter: CallMeter = (call) => {
    const counted = { ...call, day: dayOf(now()) };
    usageLog.record(counted);
    bus.emit(event('ApiCallsCounted', counted));
  };
  // The settings page's file over the environment: the services in use, and who replaces them when it is saved.
  const secrets = [...config.secrets];
  const settings = settingsService({
    config,
    file: path.join(config.dataDir, 'settings.json'),
    initial: await readSettingsFile(path.join(config.dataDir, 'settings.json'), config.settingsEnv.values),
    bus,
    now,
    log,
    meter,
    secrets,
    mailboxFolder: mailboxFolder(config),
    apply: async (next, previous) => {
      await live.apply(next, previous, deps);
      await unattended?.follow(next.autoRun, JSON.stringify(next.imap) !== JSON.stringify(previous.imap));
    },
  });
  const effective = () => configWith(config, settings.services());
  // When a run ends with new offers over the threshold: the open pages are told, and the email digest sent.
  const digests = sendDigests(
    { bus, now, log, secrets },
    digestOptions(() => settings.digest()),
  );
  const budget = spendingGuard({
    cap: () => settings.services().cap,
    spent: (day) => ({ day: usageLog.costOf('Claude', day), month: usageLog.costOf('Claude', day.slice(0, 7)) }),
    now,
  });
  const adapterDeps = { meter, log, now, budget };

  const criteriaFile = path.join(config.dataDir, 'criteres.json');
  const criteriaOnDisk = await loadCriteria(criteriaFile);
  if (!criteriaOnDisk.valid) log.error({ error: criteriaOnDisk.error }, 'criteria file broken: analysis suspended until it is fixed in the page');
  const criteria = criteriaSettings({
    file: criteriaFile,
    initial: criteriaOnDisk,
    build: (chosen) => analyserFor(effective(), adapterDeps)(chosen),
    onWriteFailed: (failure) => haltRun({ bus, now, log }, failure),
  });
  const live = liveAdapters(effective(), adapterDeps, { timings: options.airtableTimings, wrapStore: options.wrapStore, rebuildAnalyser: criteria.rebuild });
  // Emails and pages are parsed on worker threads, so that hostile HTML never stalls the API.
  const parsing = createParsePool({ log });
  const pages = createPageFetcher({
    allowPrivate: config.enrichAllowPrivate,
    perHostDelayMs: config.enrichHostDelayMs,
    selfOrigin: options.origin,
    readOwnPage: options.demoPagesInProcess ? demoPageAt : undefined,
    meter,
    extract: parsing.extractPage,
  });
  // The mode is the settings' (the environment's first); when the next run wakes, the projection's.
  const schedule: SchedulePort = {
    view: () => ({
      mode: settings.services().autoRun,
      next: bus.current().autoRun.next,
      from: settings.port.view().schedule.from.autoRun,
      timeZone: config.timeZone,
    }),
    update: async (mode) => {
      await settings.port.update({ schedule: { autoRun: mode } });
      return schedule.view();
    },
  };
  const deps: Deps = {
    bus,
    store: live.store,
    storage: live.storage,
    mailbox: live.mailbox,
    fetchPage: pages,
    analyser: criteria.analyser,
    criteria: criteria.settings,
    settings: settings.port,
    meter,
    now,
    log,
    secrets,
    concurrency: { enrich: 4, analyse: config.settingsEnv.analysisConcurrency },
    locks: createOfferLocks(),
    history,
    schedule,
  };
  const batches = analysisBatchKeeper({
    bus,
    store: deps.store,
    locks: deps.locks,
    log,
    dataDir: config.dataDir,
    min: () => config.settingsEnv.analysisBatchMin,
    timings: options.batchTimings,
  });
  Object.assign(deps, { analysisBatch: batches });

  let scheduler: Scheduler | undefined;
  let unattended: Unattended | undefined;
  const stop = async (): Promise<void> => {
    // No run starts by itself once Veille stops, and the mailbox is no longer watched.
    await unattended?.close();
    unattended = undefined;
    batches.close();
    if (bus.current().run.active) for (const stopped of decideRunStop({ at: now().toISOString() }, bus.current())) bus.emit(stopped);
    await scheduler?.idle();
    scheduler?.close();
  };

  return {
    deps,
    start: async () => {
      if (firstStart && !effective().imap) {
        const written = await seedDemo(mailboxFolder(config), options.origin);
        log.info({ emails: written, mailbox: mailboxFolder(config) }, 'demo mailbox seeded');
      }
      // A base not prepared yet must not keep the page away: its setup button is there.
      await reloadOrExplain(deps);
      // Before any run can start: a batch still pending keeps its offers out of phase 3's work.
      await batches.resume(() => deps.analyser.batches);
      scheduler = startScheduler(
        deps,
        {
          import: importPhase({ ...deps, readOffers: parsing.readOffers, audit: () => auditMailbox(deps) }),
          enrich: enrichPhase(deps),
          analyse: analysePhase(deps),
        },
        // Read as each phase starts: settings saved since may have changed who does the work.
        {
          get import() {
            return live.worker();
          },
          enrich: 'pages web',
          get analyse() {
            return deps.analyser.label;
          },
        },
      );
      // Only now may a command start a run: the table is in the projection and the scheduler listens.
      bus.emit(event('StartupCompleted', { at: now().toISOString() }));
      if (options.unattended) {
        unattended = startUnattended(deps, {
          mode: settings.services().autoRun,
          quietMs: options.autoRunQuietMs ?? AUTO_RUN_QUIET_MS,
          timeZone: config.timeZone,
        });
      }
      return scheduler;
    },
    stop,
    close: async () => {
      await stop();
      await deps.store.close();
      await deps.mailbox.close();
      await pages.close();
      await parsing.close();
      await usageLog.flush();
      await digests.settled();
      digests.close();
      history.close();
    },
  };
}

export type HeadlessCore = { readonly deps: Deps; readonly scheduler: Scheduler; close(): Promise<void> };

/**
 * The core alone, started, with no HTTP face: `pnpm process` binds no port, so it runs beside a
 * Veille that listens (or one started meanwhile). Demo alerts link to the address a Veille of this
 * configuration answers on, as `pnpm start` seeds them; their pages are read in this process.
 */
export async function startCore(config: Config, options: Omit<CoreOptions, 'origin' | 'demoPagesInProcess'> = {}): Promise<HeadlessCore> {
  const core = await openCore(config, { ...options, origin: listeningOn(config.host, config.port).url, demoPagesInProcess: true });
  try {
    return { deps: core.deps, scheduler: await core.start(), close: () => core.close() };
  } catch (error) {
    await core.close().catch(() => undefined);
    throw error;
  }
}
