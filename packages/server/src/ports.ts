import type {
  AnalysisBatches,
  Analyser,
  AutoRunMode,
  AutoRunPlan,
  CallMeter,
  DayUsage,
  DomainEvent,
  Mailbox,
  MailRef,
  OfferStore,
  PageFetcher,
  PhaseId,
  Projection,
  RecordedRun,
  RunRecord,
} from '@veille/domain';
import type { Logger } from 'pino';
import type { Observable } from 'rxjs';
import type { Criteria, CriteriaFile } from './criteria/criteria';
import type { SettingsView } from './settings/view';

// The server's own ports, beside the domain's (store, mailbox, page fetcher, analyser): what the
// core hands the phases and the HTTP face. Types only, so that phases and the face depend on them
// and never on the core's modules; compose/ builds what fills them.

export type Change = { readonly event: DomainEvent; readonly state: Projection };

export type Bus = {
  /** Folds the event into the projection; every subscriber sees it before the next one. */
  emit(event: DomainEvent): void;
  current(): Projection;
  /** Each event with the projection after it, for the scheduler and the SSE stream. */
  readonly changes$: Observable<Change>;
};

/** Where offers live, as the page names it; `prepare` (Airtable only) creates what the base lacks and checks the rest. */
export type Storage = {
  readonly label: string;
  readonly prepare?: () => Promise<{ created: string[]; problems: string[] }>;
  /** Why the table could not be loaded at startup (a base not prepared yet), until a setup succeeds. */
  loadError?: string;
  /** Where the offers can be opened in the store's own UI (Airtable): the base, and each record. */
  readonly links?: StorageLinks;
  /** Why "Mise à jour" reads the whole store each time (a token that cannot manage Airtable's webhooks), or undefined. */
  readonly refreshNote?: () => string | undefined;
};

export type StorageLinks = {
  readonly baseUrl: string;
  /** The record's page, or the base's while the table's id is unknown. */
  recordUrl(id: string): string;
};

export type CriteriaSettings = {
  /** The criteria in use, or the broken file with what is wrong, for the page to show and fix. */
  current(): CriteriaFile;
  /** Validates, stores, then analyses with the new criteria from the next offer on. */
  update(json: unknown): Promise<Criteria>;
};

/** "Tester" in the settings page: whether it worked, what to tell the user, and what was found (a mailbox's folders and count…). */
export type SettingsTest = { readonly ok: boolean; readonly message: string; readonly details: Record<string, unknown> };

/** The settings page's port: settings.json over the environment, saved whole, applied without a restart. */
export type SettingsPort = {
  view(): SettingsView;
  /** Validates a part of the settings, saves it (nothing half-saved) and applies it to the next run. */
  update(body: unknown): Promise<SettingsView>;
  /** Tries one part, with unsaved values laid over the saved ones. */
  test(body: unknown): Promise<SettingsTest>;
};

/** Phase 3's spending cap, asked before each call with its worst case: refuses by throwing, and hears each call's cost. */
export type SpendingGuard = { reserve(worstCaseUsd: number): (costUsd: number) => void };

/** Who is writing an offer now: a phase recording its decision, or a person's change of status. */
export type OfferLocks = {
  /** Resolves once no one else writes these offers, with the function that lets them go. */
  hold(ids: readonly string[]): Promise<() => void>;
};

/** Past runs, kept in $DATA_DIR whatever the store, and the API consumption per day. */
export type RunHistory = {
  /** Keeps a run that ended; never throws (a write the disk refuses is logged, and tried again with the next run). */
  record(run: RunRecord): void;
  /** The last runs, newest first. */
  list(limit: number): Promise<RecordedRun[]>;
  /** The `count` days up to today, oldest first. */
  usageByDay(count: number): DayUsage[];
};

/** When Veille runs by itself, as `GET /api/schedule` answers it: the mode, the next run, and where the mode comes from. */
export type ScheduleView = AutoRunPlan & { readonly from: 'env' | 'file' | 'default'; readonly timeZone: string };

/** Automatic runs: the plan in force, and a new mode saved in the settings (the environment's stays). */
export type SchedulePort = {
  view(): ScheduleView;
  update(mode: AutoRunMode): Promise<ScheduleView>;
};

/** Everything the phases and the API work with, built once by the composition (compose/startCore.ts). */
export type Deps = {
  readonly bus: Bus;
  readonly store: OfferStore;
  readonly storage: Storage;
  readonly mailbox: Mailbox;
  readonly fetchPage: PageFetcher;
  readonly analyser: Analyser;
  readonly criteria: CriteriaSettings;
  readonly settings: SettingsPort;
  readonly meter: CallMeter;
  readonly now: () => Date;
  readonly log: Logger;
  /** Grows as secrets are saved or tested from the settings page: whoever holds it redacts them all. */
  readonly secrets: readonly string[];
  readonly concurrency: { readonly enrich: number; readonly analyse: number };
  readonly locks: OfferLocks;
  readonly history: RunHistory;
  readonly schedule: SchedulePort;
  /** Phase 3's large backlog at half price: sent as one batch when the domain says so (Claude only). */
  readonly analysisBatch?: { sendBacklog(batches: AnalysisBatches): Promise<boolean> };
};

/** Counts the emails waiting per sender (a new sender becomes a source) and lists those an import may take. */
export type MailboxAudit = () => Promise<MailRef[]>;

/** What a running phase may do besides its own work: know a stop was asked, report progress and failures. */
export type PhaseContext = {
  readonly phase: PhaseId;
  stopping(): boolean;
  progress(done: number, total: number, current: string): void;
  /** One item failed: it is set aside for this run and the phase goes on. */
  failItem(itemId: string, source: string, error: unknown): void;
};

export type PhaseRunner = (context: PhaseContext) => Promise<void>;
