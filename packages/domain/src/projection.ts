import type { AutoRunPlan } from './autoRun';
import type { DomainEvent } from './events';
import type { MailboxWatchState, RefusedMail } from './ports';
import type { OfferSummary } from './offer';
import { perPhase, PHASES, type PhaseId } from './phases';
import type { Source } from './source';
import { columnOf, emptyCounts, type Counts } from './statuses';
import { addCall, type Usage } from './usage';
import { holdBatch, leaveBatch, noAnalysisBatch, releaseBatch, type AnalysisBatch } from './workflow/analysisBatch';
import { clearSameJobIndex, emptySameJobIndex, indexSameJob, unindexSameJob, type SameJobIndex } from './workflow/duplicates';
import { OFFER_PHASES, phaseWaitingOn } from './workflow/flow';

export type PhaseState = 'idle' | 'running' | 'finished' | 'failed';

export type PhaseRun = {
  readonly state: PhaseState;
  readonly done: number;
  readonly total: number;
  readonly current: string;
  /** Items (emails or offers) that failed in this run. */
  readonly failed: number;
  readonly error?: string;
  /** Who does the work: "règles", a model's name, "dossier local"… */
  readonly worker?: string;
};

/** What the run's digest became: told to the open pages, and its email on its way, sent, or refused (with why). */
export type RunDigest = {
  readonly count: number;
  readonly minScore: number;
  readonly mail: 'none' | 'sending' | 'sent' | 'failed';
  readonly error?: string;
};

export type RunState = {
  readonly active: boolean;
  readonly stopping: boolean;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly outcome?: 'done' | 'stopped';
  /** Why Veille stopped the run itself (a write failed), kept once it has ended. */
  readonly stopReason?: string;
  readonly phases: Readonly<Record<PhaseId, PhaseRun>>;
  /** Set after the run has ended, when it found offers worth telling. */
  readonly digest?: RunDigest;
};

/**
 * The single source of truth. The collections are owned by the projection and updated in place
 * by `evolve`, which returns a new envelope: an event then costs O(1) instead of a copy of every
 * offer. Keep only the latest state; an older envelope shares the same collections.
 */
export type Projection = {
  readonly version: number;
  readonly sources: Map<string, Source>;
  /** Per source: offers per column. */
  readonly counts: Map<string, Counts>;
  /** Per sender: emails waiting in the mailbox, from the last audit minus those archived since. */
  readonly toImport: Map<string, number>;
  readonly offers: Map<string, OfferSummary>;
  /** Per status: ids of the offers holding it, in arrival order (the work queues of phases 2 and 3). */
  readonly byStatus: Map<string, Set<string>>;
  /** Offers by same-job key, and each kept offer's duplicates: phase 2 tells a job already known without a store query. */
  readonly sameJobs: SameJobIndex;
  /** Per phase: ids of the items that failed in this run. */
  readonly failed: Record<PhaseId, Set<string>>;
  /** Per phase and source: failed items still waiting for that phase, so they are not counted as work. */
  readonly failedWaiting: Record<PhaseId, Map<string, number>>;
  readonly run: RunState;
  readonly usage: Usage;
  /** 'starting' until the table is loaded and the scheduler listens: commands wait for 'ready'. */
  readonly startup: 'starting' | 'ready';
  /** A store query is under way (at startup or on "Mise à jour"). */
  readonly tableLoading: boolean;
  /** Why the mailbox could not be read at the last audit, or ''. */
  readonly mailboxError: string;
  /** What the last audit found in the mailbox but will never import, with why. */
  readonly mailboxRefused: readonly RefusedMail[];
  /** Whether new mail shows by itself: the watch on the mailbox listens, or is reconnecting. */
  readonly mailboxWatch: MailboxWatchState;
  /** Automatic runs: their mode, and when the next one wakes. */
  readonly autoRun: AutoRunPlan;
  /** The batch of analyses pending at half price, if any: its offers are not phase 3's work meanwhile. */
  readonly analysisBatch: AnalysisBatch;
};

export function idlePhase(): PhaseRun {
  return { state: 'idle', done: 0, total: 0, current: '', failed: 0 };
}

const idlePhases = (): Record<PhaseId, PhaseRun> => perPhase(idlePhase);

export function initialProjection(): Projection {
  return {
    version: 0,
    sources: new Map(),
    counts: new Map(),
    toImport: new Map(),
    offers: new Map(),
    byStatus: new Map(),
    sameJobs: emptySameJobIndex(),
    failed: perPhase(() => new Set<string>()),
    failedWaiting: perPhase(() => new Map<string, number>()),
    run: { active: false, stopping: false, phases: idlePhases() },
    usage: { day: '', run: {}, today: {} },
    startup: 'starting',
    tableLoading: false,
    mailboxError: '',
    mailboxRefused: [],
    mailboxWatch: 'off',
    autoRun: { mode: 'off', next: null },
    analysisBatch: noAnalysisBatch(),
  };
}

const countsOf = (state: Projection, source: string): Counts => {
  let counts = state.counts.get(source);
  if (!counts) {
    counts = emptyCounts();
    state.counts.set(source, counts);
  }
  return counts;
};

const bump = (map: Map<string, number>, key: string, delta: number): void => {
  map.set(key, Math.max(0, (map.get(key) ?? 0) + delta));
};

const indexOffer = (state: Projection, offer: OfferSummary): void => {
  let ids = state.byStatus.get(offer.status);
  if (!ids) {
    ids = new Set();
    state.byStatus.set(offer.status, ids);
  }
  ids.add(offer.id);
};

const addOffer = (state: Projection, offer: OfferSummary): void => {
  state.offers.set(offer.id, { ...offer });
  indexOffer(state, offer);
  indexSameJob(state.sameJobs, offer);
  countsOf(state, offer.source)[columnOf(offer.status)] += 1;
};

/** A failed offer leaving the status its phase works on no longer counts as failed work. */
const releaseFailure = (state: Projection, offerId: string, source: string, status: string): void => {
  const phase = phaseWaitingOn(status);
  if (phase && state.failed[phase].delete(offerId)) bump(state.failedWaiting[phase], source, -1);
};

const removeOffer = (state: Projection, offerId: string, source: string, status: string): void => {
  const offer = state.offers.get(offerId);
  if (offer) unindexSameJob(state.sameJobs, offer);
  state.offers.delete(offerId);
  state.byStatus.get(status)?.delete(offerId);
  countsOf(state, source)[columnOf(status)] -= 1;
  releaseFailure(state, offerId, source, status);
  leaveBatch(state, offerId, source);
};

/** The stored offer replaces the summary whole; a failure mark stays only while the offer still waits where it failed. */
const replaceOffer = (state: Projection, offer: OfferSummary): void => {
  const held = state.offers.get(offer.id);
  if (!held) return addOffer(state, offer);
  unindexSameJob(state.sameJobs, held);
  countsOf(state, held.source)[columnOf(held.status)] -= 1;
  if (held.status !== offer.status || held.source !== offer.source) {
    state.byStatus.get(held.status)?.delete(offer.id);
    releaseFailure(state, offer.id, held.source, held.status);
    leaveBatch(state, offer.id, held.source);
  }
  addOffer(state, offer);
};

const changeStatus = (state: Projection, data: Extract<DomainEvent, { type: 'OfferStatusChanged' }>['data']): void => {
  const counts = countsOf(state, data.source);
  counts[columnOf(data.from)] -= 1;
  counts[columnOf(data.to)] += 1;
  state.byStatus.get(data.from)?.delete(data.offerId);
  releaseFailure(state, data.offerId, data.source, data.from);
  leaveBatch(state, data.offerId, data.source);
  const offer = state.offers.get(data.offerId);
  if (!offer) return;
  // Only what changes the same-job keys is indexed again: a plain status change costs nothing more.
  const rekeyed = !!(data.details || data.canonical || data.duplicateOf);
  if (rekeyed) unindexSameJob(state.sameJobs, offer);
  offer.status = data.to;
  offer.reason = data.reason ?? '';
  if (data.details) Object.assign(offer, data.details);
  if (data.canonical) offer.canonical = data.canonical;
  if (data.duplicateOf) offer.duplicateOf = data.duplicateOf;
  if (rekeyed) indexSameJob(state.sameJobs, offer);
  if (data.hasText) offer.hasText = true;
  if (data.analysis) {
    offer.analysis = data.analysis;
    offer.analysed = true;
  }
  indexOffer(state, offer);
};

const withPhase = (state: Projection, phase: PhaseId, patch: Partial<PhaseRun>): RunState => ({
  ...state.run,
  phases: { ...state.run.phases, [phase]: { ...state.run.phases[phase], ...patch } },
});

const clearFailures = (state: Projection): void => {
  for (const phase of PHASES) {
    state.failed[phase].clear();
    state.failedWaiting[phase].clear();
  }
};

const resetCollections = (state: Projection): void => {
  state.sources.clear();
  state.counts.clear();
  state.offers.clear();
  state.byStatus.clear();
  clearSameJobIndex(state.sameJobs);
};

/** After a reload, an offer that failed in this run still counts as failed only if it still waits. */
const recountFailures = (state: Projection): void => {
  for (const phase of OFFER_PHASES) {
    state.failedWaiting[phase].clear();
    for (const id of state.failed[phase]) {
      const offer = state.offers.get(id);
      if (offer && phaseWaitingOn(offer.status) === phase) bump(state.failedWaiting[phase], offer.source, 1);
      else state.failed[phase].delete(id);
    }
  }
};

/**
 * The next envelope, written out field by field: an object spread here costs more than the whole
 * rest of a status change.
 */
const advance = (
  state: Projection,
  changed: {
    run?: RunState;
    usage?: Usage;
    startup?: Projection['startup'];
    tableLoading?: boolean;
    mailboxError?: string;
    mailboxRefused?: readonly RefusedMail[];
    mailboxWatch?: MailboxWatchState;
    autoRun?: AutoRunPlan;
  } = {},
): Projection => ({
  version: state.version + 1,
  sources: state.sources,
  counts: state.counts,
  toImport: state.toImport,
  offers: state.offers,
  byStatus: state.byStatus,
  sameJobs: state.sameJobs,
  failed: state.failed,
  failedWaiting: state.failedWaiting,
  run: changed.run ?? state.run,
  usage: changed.usage ?? state.usage,
  startup: changed.startup ?? state.startup,
  tableLoading: changed.tableLoading ?? state.tableLoading,
  mailboxError: changed.mailboxError ?? state.mailboxError,
  mailboxRefused: changed.mailboxRefused ?? state.mailboxRefused,
  mailboxWatch: changed.mailboxWatch ?? state.mailboxWatch,
  autoRun: changed.autoRun ?? state.autoRun,
  analysisBatch: state.analysisBatch,
});

/** Folds one event into the projection. Total and never throws: unknown input leaves the state as it is. */
export function evolve(state: Projection, event: DomainEvent): Projection {
  switch (event.type) {
    case 'TableLoaded': {
      resetCollections(state);
      for (const source of event.data.sources) {
        state.sources.set(source.sender, source);
        countsOf(state, source.sender);
      }
      for (const offer of event.data.offers) addOffer(state, offer);
      recountFailures(state);
      return advance(state, { tableLoading: false });
    }
    case 'TableLoadStarted':
      return advance(state, { tableLoading: true });
    case 'TableLoadFailed':
      return advance(state, { tableLoading: false });
    case 'StartupCompleted':
      return advance(state, { startup: 'ready' });
    case 'MailboxAudited': {
      state.toImport.clear();
      for (const [sender, count] of Object.entries(event.data.bySender)) state.toImport.set(sender, count);
      return advance(state, { mailboxError: '', mailboxRefused: event.data.refused ?? [] });
    }
    case 'MailboxUnavailable':
      return advance(state, { mailboxError: event.data.error });
    case 'MailboxWatchChanged':
      return advance(state, { mailboxWatch: event.data.state });
    case 'AutoRunPlanned':
      return advance(state, { autoRun: { mode: event.data.mode, next: event.data.next } });
    case 'SourceAdded': {
      state.sources.set(event.data.source.sender, event.data.source);
      countsOf(state, event.data.source.sender);
      return advance(state);
    }
    case 'SourceActivationChanged': {
      const source = state.sources.get(event.data.sender);
      if (!source) return advance(state);
      state.sources.set(source.sender, {
        ...source,
        activation: { ...source.activation, [event.data.phase]: event.data.enabled },
      });
      return advance(state);
    }
    case 'OfferCreated': {
      if (state.offers.has(event.data.offer.id)) return advance(state);
      addOffer(state, event.data.offer);
      return advance(state);
    }
    case 'OfferStatusChanged': {
      changeStatus(state, event.data);
      return advance(state);
    }
    case 'OfferRefreshed': {
      replaceOffer(state, event.data.offer);
      return advance(state);
    }
    case 'OfferDeleted': {
      if (!state.offers.has(event.data.offerId)) return advance(state);
      removeOffer(state, event.data.offerId, event.data.source, event.data.status);
      return advance(state);
    }
    case 'AnalysisBatchSent':
      holdBatch(state, event.data.batchId, event.data.offerIds);
      return advance(state);
    case 'AnalysisBatchProgressed': {
      if (state.analysisBatch.id !== event.data.batchId) return advance(state);
      state.analysisBatch.done = event.data.done;
      state.analysisBatch.total = event.data.total;
      return advance(state);
    }
    case 'AnalysisBatchEnded':
      if (state.analysisBatch.id === event.data.batchId) releaseBatch(state);
      return advance(state);
    case 'EmailArchived': {
      bump(state.toImport, event.data.sender, -1);
      return advance(state);
    }
    case 'ItemFailed': {
      const { phase, itemId, source } = event.data;
      if (phase === 'analyse') leaveBatch(state, itemId, source);
      if (!state.failed[phase].has(itemId)) {
        state.failed[phase].add(itemId);
        bump(state.failedWaiting[phase], source, 1);
      }
      return advance(state, { run: withPhase(state, phase, { failed: state.run.phases[phase].failed + 1 }) });
    }
    case 'RunStarted': {
      clearFailures(state);
      return advance(state, {
        run: { active: true, stopping: false, startedAt: event.data.at, phases: idlePhases() },
        usage: { ...state.usage, run: {} },
      });
    }
    case 'RunStopRequested':
      return state.run.active ? advance(state, { run: { ...state.run, stopping: true } }) : advance(state);
    case 'RunHalted':
      // The first failure is the one to fix: those after it are its consequences.
      return state.run.active && !state.run.stopReason
        ? advance(state, { run: { ...state.run, stopping: true, stopReason: event.data.reason } })
        : advance(state);
    case 'RunEnded':
      // Failures are set aside for one run only: the next "Lancer" tries them again.
      clearFailures(state);
      return advance(state, {
        run: { ...state.run, active: false, stopping: false, endedAt: event.data.at, outcome: event.data.outcome },
      });
    case 'PhaseStarted':
      return advance(state, {
        // A phase restarted in the same run (new work arrived) goes on counting from where it was.
        run: withPhase(state, event.data.phase, {
          state: 'running',
          total: state.run.phases[event.data.phase].done + event.data.total,
          worker: event.data.worker,
          current: '',
          error: undefined,
        }),
      });
    case 'PhaseProgressed': {
      const { phase, done, total, current } = event.data;
      return advance(state, { run: withPhase(state, phase, { done, total, current }) });
    }
    case 'PhaseFinished':
      return advance(state, { run: withPhase(state, event.data.phase, { state: 'finished', current: '' }) });
    case 'PhaseFailed':
      return advance(state, {
        run: withPhase(state, event.data.phase, { state: 'failed', current: '', error: event.data.error }),
      });
    case 'ApiCallsCounted': {
      const call = event.data;
      const today = state.usage.day === call.day ? state.usage.today : {};
      return advance(state, {
        usage: {
          day: call.day,
          run: { ...state.usage.run, [call.api]: addCall(state.usage.run[call.api], call) },
          today: { ...today, [call.api]: addCall(today[call.api], call) },
        },
      });
    }
    case 'UsageLoaded':
      return advance(state, { usage: { ...state.usage, day: event.data.day, today: event.data.today } });
    case 'DigestReady': {
      const { count, minScore, mailing } = event.data;
      return advance(state, { run: { ...state.run, digest: { count, minScore, mail: mailing ? 'sending' : 'none' } } });
    }
    case 'DigestMailed':
    case 'DigestMailFailed': {
      // An email that took longer than the next run's start belongs to a run no longer shown.
      const { digest } = state.run;
      if (digest?.mail !== 'sending' || state.run.active) return advance(state);
      const mailed = event.type === 'DigestMailed' ? { ...digest, mail: 'sent' as const } : { ...digest, mail: 'failed' as const, error: event.data.error };
      return advance(state, { run: { ...state.run, digest: mailed } });
    }
    default:
      return state;
  }
}
