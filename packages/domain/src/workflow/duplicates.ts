import type { OfferSummary } from '../offer';
import { STATUS } from '../statuses';
import { SAME_JOB_WINDOW_DAYS, sameJobKeys } from './sameJob';

/**
 * What the projection keeps to tell one job from another without asking the store: the offers
 * under each same-job key, and the duplicates each kept offer has.
 */
export type SameJobIndex = {
  readonly byKey: Map<string, Set<string>>;
  /** Per kept offer: the ids of the offers marked as its duplicates. */
  readonly duplicates: Map<string, Set<string>>;
};

export function emptySameJobIndex(): SameJobIndex {
  return { byKey: new Map(), duplicates: new Map() };
}

const add = (map: Map<string, Set<string>>, key: string, id: string): void => {
  let ids = map.get(key);
  if (!ids) {
    ids = new Set();
    map.set(key, ids);
  }
  ids.add(id);
};

const remove = (map: Map<string, Set<string>>, key: string, id: string): void => {
  const ids = map.get(key);
  if (!ids?.delete(id)) return;
  if (ids.size === 0) map.delete(key);
};

export function indexSameJob(index: SameJobIndex, offer: OfferSummary): void {
  for (const key of sameJobKeys(offer)) add(index.byKey, key, offer.id);
  if (offer.duplicateOf) add(index.duplicates, offer.duplicateOf, offer.id);
}

export function unindexSameJob(index: SameJobIndex, offer: OfferSummary): void {
  for (const key of sameJobKeys(offer)) remove(index.byKey, key, offer.id);
  if (offer.duplicateOf) remove(index.duplicates, offer.duplicateOf, offer.id);
}

const DAY_MS = 86_400_000;

const withinWindow = (a: string, b: string): boolean => Math.abs(Date.parse(a) - Date.parse(b)) <= SAME_JOB_WINDOW_DAYS * DAY_MS;

/**
 * An offer another can be the duplicate of: one whose page was read (it has a text), still open
 * (not `Expiré`: a job posted again after its first offer closed is worth reading again), and not
 * itself a duplicate (the first of a job is the one kept, whatever came after).
 */
const canBeKept = (candidate: OfferSummary): boolean => candidate.hasText && candidate.status !== STATUS.expired && !candidate.duplicateOf;

/**
 * The offer already known for the same job as `offer` (as its page made it: its canonical address
 * and the fields the page filled), or none. Same job = the same address (the page's canonical link,
 * JSON-LD `url` or `identifier`, or the alert's link once normalised), at any date; or the same
 * employer, title and city (folded) added within SAME_JOB_WINDOW_DAYS. Among several, the earliest
 * added is kept; on the same day, the one Veille met first (the store's order at load, then
 * arrival), matches by address before matches by employer, title and city.
 */
export function findKeptOffer(offer: OfferSummary, offers: ReadonlyMap<string, OfferSummary>, index: SameJobIndex): OfferSummary | undefined {
  let kept: OfferSummary | undefined;
  for (const key of sameJobKeys(offer)) {
    const byIdentity = key.startsWith('job:');
    for (const id of index.byKey.get(key) ?? []) {
      const candidate = offers.get(id);
      if (!candidate || candidate.id === offer.id || !canBeKept(candidate)) continue;
      if (byIdentity && !withinWindow(candidate.addedAt, offer.addedAt)) continue;
      if (!kept || candidate.addedAt < kept.addedAt) kept = candidate;
    }
  }
  return kept;
}

/** The offers marked as duplicates of this one, in the order they were marked. */
export function duplicatesOf(offerId: string, offers: ReadonlyMap<string, OfferSummary>, index: SameJobIndex): OfferSummary[] {
  return [...(index.duplicates.get(offerId) ?? [])].flatMap((id) => offers.get(id) ?? []);
}
