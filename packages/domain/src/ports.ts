import type { Board } from './boards';
import type { OfferSummary } from './offer';
import type { PhaseId } from './phases';
import type { Source } from './source';
import type { Status } from './statuses';
import type { ApiCall } from './usage';
import type { AnalysisBatches } from './workflow/analysisBatch';

/** The fields of an offer a user reads and may edit by hand. */
export type OfferFields = {
  title: string;
  company: string;
  city: string;
  department: string;
  salary: string;
  /** ISO date (YYYY-MM-DD) the board gives for the offer, or ''. */
  offerDate: string;
};

/** An offer as parsed from an alert email, before the store gives it an id. */
export type NewOffer = OfferFields & {
  /** Stable per board: the board's job id, else the canonical URL. Re-imports never duplicate it. */
  readonly key: string;
  readonly source: string;
  readonly url: string;
};

export type DealBreakerVerdict = { title: string; hit: boolean; justification: string };

export type Analysis = {
  summary: string;
  /** Scores from 0 to 20, by criterion name (localisation, salaire, culture, qualité…). */
  scores: Record<string, number>;
  /** Why each score, by criterion name: one short sentence (absent from analyses stored before they were asked for). */
  justifications: Record<string, string>;
  /** Weighted total computed by the product, from 0 to 20. */
  total: number;
  dealBreakers: DealBreakerVerdict[];
  /** Who scored: the transparent rules, or a named model. */
  analyser: string;
  /** What the analyser's calls for this offer cost, in US dollars (0 for the rules; unknown for older analyses). */
  costUsd?: number;
  /** Fields the offer's text gives better than the alert did. */
  corrections?: Partial<Pick<OfferFields, 'title' | 'company' | 'city' | 'salary'>>;
};

/** Everything stored about an offer. */
export type OfferRecord = OfferFields & {
  readonly id: string;
  readonly key: string;
  readonly source: string;
  readonly url: string;
  status: string;
  text: string;
  /** Why the offer was set aside (Ignoré, Expiré), shown on hover. */
  reason: string;
  addedAt: string;
  analysis?: Analysis;
};

export type OfferPatch = {
  status: Status;
  reason?: string;
  text?: string;
  /** Fields set only where the stored value is empty: never overwrite what the user typed. */
  fill?: Partial<OfferFields>;
  analysis?: Analysis;
  /** The normalised address the page gave for the job (see `canonicalKey`). */
  canonical?: string;
  /** The id of the offer kept for the same job: this one is its duplicate. */
  duplicateOf?: string;
};

export type OfferUpdate = { readonly id: string; readonly patch: OfferPatch };

export type StoreSnapshot = { sources: Source[]; offers: OfferSummary[] };

/** What changed in the store since the last look: sources and offers as they are now, and the ids of offers gone. */
export type StoreChanges = { sources: Source[]; offers: OfferSummary[]; removed: string[] };

/** Writes a store may hold back to share a request: new offers, or status updates. */
export type HeldWrites = 'created' | 'updated';

export interface OfferStore {
  /** The one query behind the projection: every source and every offer, with the fields it needs. */
  load(): Promise<StoreSnapshot>;
  /**
   * What changed since the last `load` or `changes`, at the cost of the change, not of the base:
   * undefined when only a full load can tell (nothing watched yet, the watch expired or is gone).
   */
  changes?(): Promise<StoreChanges | undefined>;
  addSources(sources: readonly Source[]): Promise<void>;
  setActivation(sender: string, phase: PhaseId, enabled: boolean): Promise<void>;
  /** Stores offers in `NEW_OFFER_STATUS`, idempotent on `key`; answers only the offers it created. */
  saveOffers(offers: readonly NewOffer[]): Promise<OfferSummary[]>;
  /** Writes exactly what a decision produced. */
  updateOffers(updates: readonly OfferUpdate[]): Promise<void>;
  /** Content the projection does not hold (the text for phase 3), read in batches. */
  readOffers(ids: string[]): Promise<OfferRecord[]>;
  /** The id of the offer stored under this key, if any: an offer added by hand that is already known. */
  offerIdOf(key: string): Promise<string | undefined>;
  /**
   * Writes held back to share a request leave now: the caller has nothing more to add for a
   * while. `writes` names which (new offers, or status updates) when the caller only knows of its
   * own, so another caller's partial request keeps waiting for company; all when omitted. A store
   * that writes at once ignores it.
   */
  flush(writes?: HeldWrites): void;
  close(): Promise<void>;
}

/** An email waiting in the mailbox, as the audit sees it. */
export type MailRef = {
  readonly id: string;
  readonly sender: string;
  readonly subject: string;
  /** Why the mailbox will never import it (a link leading out of the folder): shown, not counted. */
  readonly refused?: string;
};

export type RefusedMail = { readonly id: string; readonly reason: string };

/** How the watch on the mailbox is doing: told by the server as it pushes, or trying to reach it again. */
export type MailboxWatchState = 'off' | 'listening' | 'reconnecting';

/** Who a mailbox tells when its folder changes outside Veille (mail arrived or left), and how its watch is doing. */
export type MailboxListener = { changed(): void; state(state: MailboxWatchState): void };

export type MailboxWatch = { close(): Promise<void> };

export interface Mailbox {
  /** Every email waiting in the folder, without reading bodies. */
  audit(): Promise<MailRef[]>;
  /** The raw RFC 822 message. */
  read(id: string): Promise<Uint8Array>;
  archive(id: string): Promise<void>;
  /**
   * Listens to the folder until closed, by what the server or the disk pushes (never by asking
   * again and again): a mailbox that cannot be watched so has no `watch`.
   */
  watch?(listener: MailboxListener): MailboxWatch;
  close(): Promise<void>;
}

/** A decoded alert email, as parsers see it. */
export type AlertEmail = { sender: string; subject: string; html: string; text: string };

export type ParsedOffer = Omit<NewOffer, 'source'>;

export type AlertParser = {
  readonly board: Board;
  /** Whether this parser reads alerts from that sender (a fallback on links stays the parser's own). */
  readonly accepts: (sender: string) => boolean;
  readonly parse: (email: AlertEmail) => ParsedOffer[];
};

export type PageOutcome =
  | {
      kind: 'found';
      text: string;
      fields: Partial<OfferFields>;
      /** Where the page says the job lives: its `<link rel=canonical>`, JSON-LD `url`, or `id:host/identifier`, as written there. */
      canonical?: string;
    }
  | { kind: 'expired'; reason: string }
  | { kind: 'ignored'; reason: string };

export type PageFetcher = (url: string) => Promise<PageOutcome>;

export type Analyser = {
  /** Shown in the UI: "règles" for the transparent rules, the model's name otherwise. */
  readonly label: string;
  readonly analyse: (offer: OfferRecord) => Promise<Analysis>;
  /** The same analysis at half price through a batch, when the analyser offers it (Claude). */
  readonly batches?: AnalysisBatches;
};

/** Where each adapter reports the requests it made, for the Consommation API block. */
export type CallMeter = (call: Omit<ApiCall, 'day'>) => void;
