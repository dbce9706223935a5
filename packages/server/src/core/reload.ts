import { decideAudit, event, type MailRef } from '@veille/domain';
import { attemptWrite } from '../disk/writeFailures';
import { messageOf, redact, UnavailableError } from '../errors';
import type { Deps } from '../ports';
import { newSource } from './sources';

type LoadDeps = Pick<Deps, 'bus' | 'store' | 'secrets' | 'log'>;

/**
 * Folds what changed in the store since the last look, as the events the phases emit: an offer
 * read again replaces its summary, one gone is deleted. Says whether the store could tell: a store
 * never loaded (at startup, just swapped in from the settings) cannot, so it is loaded whole.
 */
export async function foldChanges({ bus, store, secrets, log }: LoadDeps): Promise<boolean> {
  if (!store.changes) return false;
  const changes = await store.changes().catch((error: unknown) => {
    log.warn({ error: redact(messageOf(error), secrets) }, 'the changes in the store could not be read');
    return undefined;
  });
  if (!changes) return false;
  for (const source of changes.sources) bus.emit(event('SourceAdded', { source }));
  for (const offer of changes.offers) bus.emit(event('OfferRefreshed', { offer }));
  for (const id of changes.removed) {
    const held = bus.current().offers.get(id);
    if (held) bus.emit(event('OfferDeleted', { offerId: id, source: held.source, status: held.status }));
  }
  log.info({ sources: changes.sources.length, offers: changes.offers.length, removed: changes.removed.length }, 'table refreshed from what changed');
  return true;
}

/**
 * The one store query behind the projection: at startup and on "Mise à jour", never to decide
 * work. After the first load, only what changed is read, unless `full` asks for everything.
 */
export async function loadTable(deps: LoadDeps, { full = false }: { full?: boolean } = {}): Promise<void> {
  const { bus, store, secrets } = deps;
  if (!full && (await foldChanges(deps))) return;
  bus.emit(event('TableLoadStarted', {}));
  const snapshot = await store.load().catch((error: unknown) => {
    bus.emit(event('TableLoadFailed', { error: redact(messageOf(error), secrets) }));
    throw error;
  });
  bus.emit(event('TableLoaded', snapshot));
}

type AuditDeps = Pick<Deps, 'bus' | 'store' | 'mailbox' | 'secrets'>;

const readMailbox = async ({ bus, mailbox, secrets }: AuditDeps): Promise<MailRef[]> => {
  try {
    return await mailbox.audit();
  } catch (error) {
    if (error instanceof UnavailableError) bus.emit(event('MailboxUnavailable', { error: redact(error.message, secrets) }));
    throw error;
  }
};

const recordAudit = async (deps: AuditDeps, listed: MailRef[]): Promise<MailRef[]> => {
  const { bus, store } = deps;
  const { sources, events, importable } = decideAudit({ listed, sourceOf: newSource }, bus.current());
  if (sources.length > 0) {
    const senders = sources.map((source) => source.sender).join(', ');
    await attemptWrite(
      { failed: `les nouvelles sources (${senders}) n'ont pas pu être enregistrées dans la base`, kept: 'leurs emails restent dans la boîte' },
      () => store.addSources(sources),
    );
  }
  for (const event of events) bus.emit(event);
  return importable;
};

/**
 * Counts the emails waiting per sender; a sender seen for the first time becomes a source. What
 * the mailbox refuses is listed with why, never counted nor handed to the import.
 */
export async function auditMailbox(deps: AuditDeps): Promise<MailRef[]> {
  return recordAudit(deps, await readMailbox(deps));
}

/**
 * The same count, for mail that arrived or left outside a run: a run that started while the
 * mailbox was read owns it (its import archives as it goes), so that count is dropped rather than
 * laid over the run's. Says whether it was recorded.
 */
export async function auditOutsideRuns(deps: AuditDeps): Promise<boolean> {
  const listed = await readMailbox(deps);
  if (deps.bus.current().run.active) return false;
  await recordAudit(deps, listed);
  return true;
}

/** "Mise à jour": the table always loads (what changed, or all with `full`); a mailbox that cannot be read is said in the UI, not fatal. */
export async function reload(deps: AuditDeps & Pick<Deps, 'log'>, options: { full?: boolean } = {}): Promise<void> {
  await loadTable(deps, options);
  try {
    await auditMailbox(deps);
  } catch (error) {
    if (!(error instanceof UnavailableError)) throw error;
    deps.log.error({ error: redact(error.message, deps.secrets) }, 'mailbox unavailable');
  }
}
