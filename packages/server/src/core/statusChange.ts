import { decideStatusChange, type ChangeStatus, type OfferDecision } from '@veille/domain';
import { attemptWrite } from '../disk/writeFailures';
import { messageOf } from '../errors';
import type { Deps } from '../ports';

export type StatusChanged = { readonly changed: number; readonly version: number };

type ChangeDeps = Pick<Deps, 'bus' | 'store' | 'locks' | 'log'>;

const WRITE = { failed: "le nouveau statut des offres choisies n'a pas pu être enregistré dans la base", kept: 'elles gardent leur statut' };

/**
 * A store that writes in several requests (Airtable, by 10) may have kept some of a change before
 * it failed: the projection follows what it holds, so the table never says more nor less.
 */
async function followStore({ bus, store, log }: ChangeDeps, status: string, { updates, events }: OfferDecision): Promise<void> {
  try {
    const stored = await store.readOffers(updates.map((update) => update.id));
    const landed = new Set(stored.filter((record) => record.status === status).map((record) => record.id));
    for (const event of events) if (landed.has(event.data.offerId)) bus.emit(event);
  } catch (error) {
    log.error({ error: messageOf(error) }, 'after a failed status change, the store could not be read: the table follows it at the next "Mise à jour"');
  }
}

/**
 * A person sets a status on one offer or many. The domain decides from the projection alone (a
 * refusal changes nothing), the store keeps it, then the same `OfferStatusChanged` events the
 * phases emit move every open page, and a run takes the offers sent back to its phases.
 *
 * An offer a phase is working on (its page being read, its analysis asked) takes the person's
 * status at once, and the phase's result is dropped when it comes back. One whose result is being
 * written waits for that write, then takes the person's status: what the person set always wins,
 * and the store and the table never disagree.
 */
export async function changeStatus(deps: ChangeDeps, command: ChangeStatus): Promise<StatusChanged> {
  const { bus, store, locks } = deps;
  // A refusal is said at once, before waiting for anything.
  decideStatusChange(command, bus.current().offers);
  const holding = locks.hold(command.ids);
  // A phase's write held back to share a request leaves now rather than after its delay.
  store.flush('updated');
  const letGo = await holding;
  try {
    const { updates, events } = decideStatusChange(command, bus.current().offers);
    if (updates.length > 0) {
      try {
        await attemptWrite(WRITE, () => {
          const writing = store.updateOffers(updates);
          store.flush('updated');
          return writing;
        });
      } catch (error) {
        await followStore(deps, command.status, { updates, events });
        throw error;
      }
    }
    for (const event of events) bus.emit(event);
    return { changed: events.length, version: bus.current().version };
  } finally {
    letGo();
  }
}
