import path from 'node:path';
import type { Analyser, CallMeter, Mailbox, OfferStore } from '@veille/domain';
import type { Logger } from 'pino';
import { createAirtableStore, type AirtableStoreOptions } from '../adapters/airtable';
import { createAirtableClient } from '../adapters/airtable/client';
import { setupAirtable } from '../adapters/airtable/setup';
import { createClaudeAnalyser, type SpendingBudget } from '../adapters/anthropic';
import { createFolderMailbox } from '../adapters/folder-mailbox';
import { createImapMailbox } from '../adapters/imap';
import { createRulesAnalyser } from '../adapters/rules-analyser';
import { openSqliteStore } from '../adapters/sqlite';
import type { Config } from '../config';
import { availabilityOf } from '../core/sources';
import type { Criteria } from '../criteria/criteria';
import type { Storage } from '../ports';

// The one place that reads the configuration to pick an adapter: each port has its embedded
// default (SQLite, the folder mailbox, the rules) and the user's service when it is configured.

/** What every adapter may need from the core: API calls are counted, failures logged, time read from one clock, spending capped. */
export type AdapterDeps = { readonly meter: CallMeter; readonly log: Logger; readonly now: () => Date; readonly budget?: SpendingBudget };

/** Airtable's timings, for tests that cannot wait its 30 s penalty, two-minute retry deadline or 5 requests/s (against a fake as fast). */
export type AirtableTimings = Pick<AirtableStoreOptions, 'rateLimitPenaltyMs' | 'retryDeadlineMs' | 'flushDelayMs' | 'requestsPerSecond'>;

/** The folder mailbox's folder under DATA_DIR: the demo is seeded there on a first start. */
export function mailboxFolder(config: Config): string {
  return path.join(config.dataDir, 'mailbox');
}

/** The user's Airtable base when configured, else SQLite under DATA_DIR; with how the page names it. */
export function openStore(config: Config, { meter, log, now }: AdapterDeps, timings: AirtableTimings = {}): { store: OfferStore; storage: Storage } {
  const { airtable } = config;
  if (!airtable) {
    const file = path.join(config.dataDir, 'veille.sqlite');
    return { store: openSqliteStore(file, availabilityOf), storage: { label: `SQLite (${file})` } };
  }
  // One client for the store and the setup button: the base's 5 requests/s are shared by both.
  const client = createAirtableClient(airtable, { meter, log, ...timings });
  // The webhook's id and cursor live beside the data, one file per base: a restart finds the same webhook.
  const watchFile = path.join(config.dataDir, `airtable-webhook-${airtable.baseId}.json`);
  const store = createAirtableStore(airtable, { availability: availabilityOf, now, log, watchFile, ...timings }, client);
  const baseUrl = `https://airtable.com/${airtable.baseId}`;
  return {
    store,
    storage: {
      label: `Airtable (base ${airtable.baseId})`,
      prepare: () => setupAirtable(airtable, undefined, client),
      refreshNote: () => store.refreshNote(),
      links: {
        baseUrl,
        recordUrl: (id) => {
          const table = store.offersTableId();
          return table ? `${baseUrl}/${table}/${id}` : baseUrl;
        },
      },
    },
  };
}

/** The user's IMAP folder when configured, else the folder mailbox; `worker` names it on the import line. */
export function openMailbox(config: Config, { meter, log }: AdapterDeps): { mailbox: Mailbox; worker: string } {
  if (config.imap) return { mailbox: createImapMailbox(config.imap, { meter, log }), worker: `IMAP ${config.imap.folder}` };
  return { mailbox: createFolderMailbox(mailboxFolder(config)), worker: 'dossier local' };
}

/** Claude when an API key is set, else the transparent rules analyser: one is built for each saved version of the criteria. */
export function analyserFor(config: Config, { meter, log, budget }: AdapterDeps): (criteria: Criteria) => Analyser {
  const { anthropic } = config;
  return (criteria) => (anthropic ? createClaudeAnalyser(anthropic, criteria, { meter, log, budget }) : createRulesAnalyser(criteria));
}
