import { nextOffers, type OfferPhaseId, type OfferRecord } from '@veille/domain';
import type { Deps } from '../ports';

/** A page of Airtable's list: reading fewer offers per request would only spend more requests. */
export const READ_BATCH = 100;

/**
 * An offer's whole record as the store holds it, read with the next offers the phase will take, so
 * a phase never reads one offer per request. What the store already knows (what this run wrote)
 * costs no request at all.
 */
export function readAhead({ bus, store }: Pick<Deps, 'bus' | 'store'>, phase: OfferPhaseId): (id: string) => Promise<OfferRecord> {
  const reads = new Map<string, Promise<Map<string, OfferRecord>>>();
  const handedOut = new Set<string>();

  return async (id) => {
    if (!reads.has(id)) {
      const known = new Set([...reads.keys(), ...handedOut]);
      const ahead = nextOffers(bus.current(), phase, known, READ_BATCH).map((offer) => offer.id);
      const batch = [...new Set([id, ...ahead])].slice(0, READ_BATCH);
      const read = store.readOffers(batch).then((records) => new Map(records.map((record) => [record.id, record])));
      for (const wanted of batch) reads.set(wanted, read);
    }
    const record = (await reads.get(id))?.get(id);
    reads.delete(id);
    handedOut.add(id);
    if (!record) throw new Error(`Offre ${id} introuvable dans la base`);
    return record;
  };
}
