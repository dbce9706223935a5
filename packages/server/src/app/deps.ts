import type { Analyser, CallMeter, Mailbox, OfferStore, PageFetcher } from '@veille/domain';
import type { Logger } from 'pino';
import type { Bus } from './bus';
import type { CriteriaSettings } from './criteriaSettings';

/** Everything the phases and the API work with, built once in the composition root. */
export type Deps = {
  readonly bus: Bus;
  readonly store: OfferStore;
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
