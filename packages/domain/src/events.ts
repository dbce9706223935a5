import type { AutoRunMode } from './autoRun';
import type { OfferSummary } from './offer';
import type { AnalysisDigest } from './offers/digest';
import type { MailboxWatchState, RefusedMail } from './ports';
import type { PhaseId } from './phases';
import type { RunTrigger } from './runRecord';
import type { Source } from './source';
import type { ApiCall, ApiUsage } from './usage';

type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

/** The one store query: every source and every offer, replacing what the projection held. */
export type TableLoaded = Event<'TableLoaded', { sources: Source[]; offers: OfferSummary[] }>;
/** A store query began (at startup or on "Mise à jour"): the page says the table is loading. */
export type TableLoadStarted = Event<'TableLoadStarted', Record<string, never>>;
/** The store query failed: the table keeps what it held. */
export type TableLoadFailed = Event<'TableLoadFailed', { error: string }>;
/** The table is loaded and the scheduler listens: commands are taken from now on. */
export type StartupCompleted = Event<'StartupCompleted', { at: string }>;
/** The mailbox cannot be read (wrong password, host or folder): said once, clearly, in the UI. */
export type MailboxUnavailable = Event<'MailboxUnavailable', { error: string }>;
/** Emails waiting in the mailbox, per sender address, and those it refuses (with why). */
export type MailboxAudited = Event<'MailboxAudited', { bySender: Record<string, number>; refused?: RefusedMail[] }>;
/** The watch on the mailbox is listening, reconnecting, or off (none for this mailbox, or it cannot be reached so). */
export type MailboxWatchChanged = Event<'MailboxWatchChanged', { state: MailboxWatchState }>;
/** The mode of automatic runs, and when the next one wakes (ISO), or null when none is due. */
export type AutoRunPlanned = Event<'AutoRunPlanned', { mode: AutoRunMode; next: string | null }>;
export type SourceAdded = Event<'SourceAdded', { source: Source }>;
export type SourceActivationChanged = Event<'SourceActivationChanged', { sender: string; phase: PhaseId; enabled: boolean }>;
export type OfferCreated = Event<'OfferCreated', { offer: OfferSummary }>;
/** Fields a phase fills where the projection had nothing: what the user typed stays. */
export type OfferDetails = Partial<Pick<OfferSummary, 'title' | 'company' | 'city' | 'salary' | 'offerDate'>>;
export type OfferStatusChanged = Event<
  'OfferStatusChanged',
  {
    offerId: string;
    source: string;
    from: string;
    to: string;
    reason?: string;
    /** Fields a phase corrected on the way (a better title from the page, say). */
    details?: OfferDetails;
    /** Phase 2 stored the offer's text: it may be analysed again from now on. */
    hasText?: true;
    /** Phase 3's analysis, as the list shows it: the table and every open list move without a reload. */
    analysis?: AnalysisDigest;
    /** Phase 2 read where the job's page says it lives (normalised): later offers of the same job are found by it. */
    canonical?: string;
    /** Phase 2 found the offer is a job already known: the id of the offer kept for it. */
    duplicateOf?: string;
  }
>;
/**
 * An offer as the store holds it after a change Veille did not make itself or has not seen (by
 * hand in Airtable, in the SQLite file): "Mise à jour" reads only what changed and the projection
 * takes it whole, moving the offer between its columns.
 */
export type OfferRefreshed = Event<'OfferRefreshed', { offer: OfferSummary }>;
export type OfferDeleted = Event<'OfferDeleted', { offerId: string; source: string; status: string }>;
/** Phase 3 sent its backlog as one batch at half price (or a pending batch was resumed after a restart). */
export type AnalysisBatchSent = Event<'AnalysisBatchSent', { batchId: string; offerIds: string[] }>;
/** How far the pending batch is, as the API counts its requests: "lot en cours (N/M)". */
export type AnalysisBatchProgressed = Event<'AnalysisBatchProgressed', { batchId: string; done: number; total: number }>;
/** The batch's results are all applied (or put back for the next run): nothing is pending any more. */
export type AnalysisBatchEnded = Event<'AnalysisBatchEnded', { batchId: string }>;
export type EmailArchived = Event<'EmailArchived', { sender: string; emailId: string; offers: number }>;
/** One item (email or offer) failed; it is not work again before the next run. */
export type ItemFailed = Event<'ItemFailed', { phase: PhaseId; itemId: string; source: string; error: string }>;
/** `trigger`: how the run was asked for (the page's button, `pnpm process`, new mail, the schedule). */
export type RunStarted = Event<'RunStarted', { at: string; trigger: RunTrigger }>;
export type RunStopRequested = Event<'RunStopRequested', { at: string }>;
/** A write the run needs failed (disk full, read-only…): nothing new starts, and the page says why. */
export type RunHalted = Event<'RunHalted', { at: string; reason: string }>;
export type RunEnded = Event<'RunEnded', { at: string; outcome: 'done' | 'stopped' }>;
/** `worker` names who does the work, shown on the phase line (e.g. "règles" for the rules analyser). */
export type PhaseStarted = Event<'PhaseStarted', { phase: PhaseId; total: number; worker?: string }>;
export type PhaseProgressed = Event<'PhaseProgressed', { phase: PhaseId; done: number; total: number; current: string }>;
export type PhaseFinished = Event<'PhaseFinished', { phase: PhaseId }>;
/** The phase as a whole could not go on (mailbox unreachable, store down): not retried in this run. */
export type PhaseFailed = Event<'PhaseFailed', { phase: PhaseId; error: string }>;
export type ApiCallsCounted = Event<'ApiCallsCounted', ApiCall>;
/** Today's usage as kept on disk, so the day's figures survive a restart. */
export type UsageLoaded = Event<'UsageLoaded', { day: string; today: Record<string, ApiUsage> }>;
/** A run ended with new offers over the user's threshold: the open pages notify; `mailing` when an email digest is on its way. */
export type DigestReady = Event<
  'DigestReady',
  { at: string; minScore: number; count: number; best: { id: string; title: string; company: string; score: number }[]; mailing: boolean }
>;
export type DigestMailed = Event<'DigestMailed', { at: string; count: number }>;
/** The email digest could not be sent (said in French, secrets removed): the run had ended well all the same. */
export type DigestMailFailed = Event<'DigestMailFailed', { at: string; error: string }>;

export type DomainEvent =
  | TableLoaded
  | TableLoadStarted
  | TableLoadFailed
  | StartupCompleted
  | MailboxAudited
  | MailboxUnavailable
  | MailboxWatchChanged
  | AutoRunPlanned
  | SourceAdded
  | SourceActivationChanged
  | OfferCreated
  | OfferStatusChanged
  | OfferRefreshed
  | OfferDeleted
  | EmailArchived
  | AnalysisBatchSent
  | AnalysisBatchProgressed
  | AnalysisBatchEnded
  | ItemFailed
  | RunStarted
  | RunStopRequested
  | RunHalted
  | RunEnded
  | PhaseStarted
  | PhaseProgressed
  | PhaseFinished
  | PhaseFailed
  | ApiCallsCounted
  | UsageLoaded
  | DigestReady
  | DigestMailed
  | DigestMailFailed;

export type DomainEventType = DomainEvent['type'];

export function event<E extends DomainEvent>(type: E['type'], data: E['data']): E {
  return { type, data } as E;
}

/** Every event type, for clients that subscribe by name (EventSource listeners). */
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [
  'TableLoaded',
  'TableLoadStarted',
  'TableLoadFailed',
  'StartupCompleted',
  'MailboxAudited',
  'MailboxUnavailable',
  'MailboxWatchChanged',
  'AutoRunPlanned',
  'SourceAdded',
  'SourceActivationChanged',
  'OfferCreated',
  'OfferStatusChanged',
  'OfferRefreshed',
  'OfferDeleted',
  'EmailArchived',
  'AnalysisBatchSent',
  'AnalysisBatchProgressed',
  'AnalysisBatchEnded',
  'ItemFailed',
  'RunStarted',
  'RunStopRequested',
  'RunHalted',
  'RunEnded',
  'PhaseStarted',
  'PhaseProgressed',
  'PhaseFinished',
  'PhaseFailed',
  'ApiCallsCounted',
  'UsageLoaded',
  'DigestReady',
  'DigestMailed',
  'DigestMailFailed',
];
