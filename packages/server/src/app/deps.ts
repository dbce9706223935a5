import type { Analyser, CallMeter, Mailbox, OfferStore, PageFetcher } from '@veille/domain';
import type { Logger } from 'pino';
import type { Bus } from './bus';
import type { CriteriaSettings } from './criteriaSettings';

/** Where offers live, as the page names it; `prepare` (Airtable only) creates what the base lacks and checks the rest. */
export type Storage = {
  readonly label: string;
  readonly prepare?: () => Promise<{ created: string[]; problems: string[] }>;
  /** Why the table could not be loaded at startup (a base not prepared yet), until a setup succeeds. */
  loadError?: string;
};

/** Everything the phases and the API work with, built once in the composition root. */
export type Deps = {
  readonly bus: Bus;
  readonly store: OfferStore;
  readonly storage: Storage;
  readonly mailbox: Mailbox;
  readonly fetchPage: PageFetcher;
  readonly analyser: Analyser;
  readonly criteria: CriteriaSettings;
  readonly meter: CallMeter;
  readonly now: () => Date;
  readonly log: Logger;
  readonly secrets: readonly string[];
  readonly concurrency: { readonly enrich: number; readonly analyse: number };
};
