import type { OfferSummary } from '../offer';
import { STATUS } from '../statuses';
import { SAME_JOB_WINDOW_DAYS, sameJobKeys } from './sameJob';

/**
 * What the projection keeps to tell one job from another without asking the store: the offers
 * under each same-job key, and the duplicates each kept offer has.
 */
export type SameJobIndex = {
  /**
   * Offers by same-job key. Folding the keys of every offer costs a load a fifth more, and the page
   * folds loads too but never asks: built at the first question after a load, then kept up to date.
   */
  readonly byKey: Map<string, Ids>;
  built: boolean;
  /** Per kept offer: the ids of the offers marked as its duplicates (cheap: kept from the load on). */
  readonly duplicates: Map<string, Set<string>>;
};

/** Most keys hold one offer: a set of one for each would make the index several times heavier. */
type Ids = string | Set<string>;

export function emptySameJobIndex(): SameJobIndex {
  return { byKey: new Map(), built: false, duplicates: new Map() };
}

/** A load replaces every offer: the keys are built again at the next question. */
export function clearSameJobIndex(index: SameJobIndex): void {
  index.byKey.clear();
  index.built = false;
  index.duplicates.clear();
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

const addId = (map: Map<string, Ids>, key: string, id: string): void => {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, id);
  else if (typeof ids !== 'string') ids.add(id);
  else if (ids !== id) map.set(key, new Set([ids, id]));
};

const removeId = (map: Map<string, Ids>, key: string, id: string): void => {
  const ids = map.get(key);
  if (ids === id) map.delete(key);
  else if (typeof ids !== 'string' && ids?.delete(id) && ids.size === 1) map.set(key, ids.values().next().value as string);
};

const idsOf = (ids: Ids | undefined): Iterable<string> => (ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids);

export function indexSameJob(index: SameJobIndex, offer: OfferSummary): void {
  if (index.built) for (const key of sameJobKeys(offer)) addId(index.byKey, key, offer.id);
  if (offer.duplicateOf) add(index.duplicates, offer.duplicateOf, offer.id);
}

export function unindexSameJob(index: SameJobIndex, offer: OfferSummary): void {
  if (index.built) for (const key of sameJobKeys(offer)) removeId(index.byKey, key, offer.id);
  if (offer.duplicateOf) remove(index.duplicates, offer.duplicateOf, offer.id);
}

/** The keys of every offer, in the projection's order, once per load: a memo, whose answers never depend on when it was built. */
const ensureBuilt = (index: SameJobIndex, offers: ReadonlyMap<string, OfferSummary>): void => {
  if (index.built) return;
  for (const offer of offers.values()) for (const key of sameJobKeys(offer)) addId(index.byKey, key, offer.id);
  index.built = true;
};

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
  ensureBuilt(index, offers);
  let kept: OfferSummary | undefined;
  for (const key of sameJobKeys(offer)) {
    const byIdentity = key.startsWith('job:');
    for (const id of idsOf(index.byKey.get(key))) {
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
