import { event, type MailRef } from '@veille/domain';
import type { Deps } from './deps';
import { newSource } from './sources';

/** The one store query behind the projection: at startup and on "Mise à jour", never to decide work. */
export const loadTable = async ({ bus, store }: Pick<Deps, 'bus' | 'store'>): Promise<void> => {
  const snapshot = await store.load();
  bus.emit(event('TableLoaded', snapshot));
};

/** Counts the emails waiting per sender; a sender seen for the first time becomes a source. */
export const auditMailbox = async ({ bus, store, mailbox }: Pick<Deps, 'bus' | 'store' | 'mailbox'>): Promise<MailRef[]> => {
  const refs = await mailbox.audit();
  const bySender: Record<string, number> = {};
  for (const ref of refs) bySender[ref.sender] = (bySender[ref.sender] ?? 0) + 1;
  const known = bus.current().sources;
  const added = Object.keys(bySender)
    .filter((sender) => sender && !known.has(sender))
    .map(newSource);
  if (added.length > 0) {
    await store.addSources(added);
    for (const source of added) bus.emit(event('SourceAdded', { source }));
  }
  bus.emit(event('MailboxAudited', { bySender }));
  return refs;
};

export const reload = async (deps: Pick<Deps, 'bus' | 'store' | 'mailbox'>): Promise<void> => {
  await loadTable(deps);
  await auditMailbox(deps);
};
