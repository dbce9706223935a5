import type { Mailbox, OfferStore } from '@veille/domain';
import type { Config } from '../config';
import { auditMailbox, reload } from '../core/reload';
import { swappable } from '../core/swappable';
import { messageOf, redact, UnavailableError } from '../errors';
import type { Deps, Storage } from '../ports';
import type { Services } from '../settings/resolve';
import { openMailbox, openStore, type AdapterDeps, type AirtableTimings } from './adapters';

/** The configuration with the services the settings chose (the environment's, settings.json's or none). */
export function configWith(config: Config, { imap, airtable, anthropic }: Services): Config {
  return { ...config, imap, airtable, anthropic };
}

/** Loads the table and audits the mailbox; a base not prepared yet is said in the page (its setup button is there), not fatal. */
export async function reloadOrExplain(deps: Deps): Promise<void> {
  try {
    await reload(deps);
  } catch (error) {
    if (!deps.storage.prepare) throw error;
    deps.storage.loadError = redact(messageOf(error), deps.secrets);
    deps.log.error({ error: deps.storage.loadError }, 'the Airtable base could not be loaded');
  }
}

export type LiveAdapters = {
  readonly store: OfferStore;
  readonly storage: Storage;
  readonly mailbox: Mailbox;
  /** Who imports, as the import line names it: the IMAP folder or the local one. */
  worker(): string;
  /** Settings were saved while no run is active: the adapters whose service changed are replaced, the old ones closed. */
  apply(next: Services, previous: Services, deps: Deps): Promise<void>;
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The store, its storage and the mailbox as ports that follow the settings: a new store reloads
 * the table with its one query, a new mailbox is audited at once, a new analyser is built on the
 * criteria in use. The next run uses them; phases and routes keep the same references.
 */
export function liveAdapters(
  config: Config,
  adapterDeps: AdapterDeps,
  options: { timings?: AirtableTimings; wrapStore?: (store: OfferStore) => OfferStore; rebuildAnalyser: () => void },
): LiveAdapters {
  const openedStore = (target: Config) => {
    const { store, storage } = openStore(target, adapterDeps, options.timings);
    return { store: options.wrapStore ? options.wrapStore(store) : store, storage };
  };
  const first = openedStore(config);
  const store = swappable(first.store);
  const storage = swappable<Storage>(first.storage);
  const firstMailbox = openMailbox(config, adapterDeps);
  const mailbox = swappable(firstMailbox.mailbox);
  let worker = firstMailbox.worker;

  return {
    store: store.port,
    storage: storage.port,
    mailbox: mailbox.port,
    worker: () => worker,
    apply: async (next, previous, deps) => {
      const target = configWith(config, next);
      const storeChanged = !same(next.airtable, previous.airtable);
      const mailboxChanged = !same(next.imap, previous.imap);
      if (!same(next.anthropic, previous.anthropic)) options.rebuildAnalyser();
      if (storeChanged) {
        const opened = openedStore(target);
        storage.replace(opened.storage);
        await store.replace(opened.store).close();
      }
      if (mailboxChanged) {
        const opened = openMailbox(target, adapterDeps);
        worker = opened.worker;
        await mailbox.replace(opened.mailbox).close();
      }
      if (storeChanged) await reloadOrExplain(deps);
      else if (mailboxChanged) {
        await auditMailbox(deps).catch((error: unknown) => {
          // Said at the top of the page (MailboxUnavailable): the save itself went through.
          if (!(error instanceof UnavailableError)) throw error;
        });
      }
    },
  };
}
