import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { decideBatch, decideBatchResult, event, nextOffers, type AnalysisBatches, type BatchResult, type OfferRecord } from '@veille/domain';
import { z } from 'zod';
import { writeFileAtomically } from '../disk/atomicWrite';
import type { Deps } from '../ports';

/** The pending batch as $DATA_DIR keeps it, so that a restart of Veille fetches its results. */
const pendingFile = z.object({ id: z.string().min(1), offerIds: z.array(z.string()) });
type Pending = z.infer<typeof pendingFile>;

export type BatchTimings = {
  /** The first look at a batch's state, then doubling up to `maxDelayMs`: the API takes minutes to hours. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
};

export const BATCH_TIMINGS: BatchTimings = { firstDelayMs: 30_000, maxDelayMs: 10 * 60_000 };

export type AnalysisBatchKeeper = {
  /** Phase 3's start: sends its backlog as one batch when the domain says so; false when nothing was sent. */
  sendBacklog(batches: AnalysisBatches): Promise<boolean>;
  /** At startup: a batch still pending is resumed, its results applied once it ends. */
  resume(batches: () => AnalysisBatches | undefined): Promise<void>;
  close(): void;
};

export type AnalysisBatchDeps = Pick<Deps, 'bus' | 'store' | 'locks' | 'log'> & {
  readonly dataDir: string;
  readonly min: () => number;
  readonly timings?: BatchTimings;
};

/** A store read brings this many offers' texts. */
const READ_PAGE = 100;

/**
 * The one batch of analyses pending at a time: sent at the start of phase 3 when the backlog is
 * large, kept in $DATA_DIR, asked for its state with a capped backoff only while it is pending
 * (no timer otherwise), and its results applied through the same domain decision and store writes
 * as the normal path. A batch that cannot be asked any more (gone from the API) puts its offers back.
 */
export function analysisBatchKeeper({ bus, store, locks, log, dataDir, min, timings = BATCH_TIMINGS }: AnalysisBatchDeps): AnalysisBatchKeeper {
  const file = path.join(dataDir, 'lot-analyse.json');
  let pending: Pending | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Decides and writes one result, its events following its write. */
  const applyOne = async (result: BatchResult, letGo: () => void): Promise<void> => {
    try {
      const decision = decideBatchResult(result, bus.current());
      if (decision.updates.length > 0) await store.updateOffers(decision.updates);
      for (const change of decision.events) bus.emit(change);
      if (decision.putBack) log.warn({ offer: result.offerId, reason: decision.putBack }, 'batch result put back');
      if (decision.failed) bus.emit(decision.failed);
    } finally {
      letGo();
    }
  };

  // Results are written without waiting for each other, so a store that writes by 10 fills its
  // requests; a failed write makes the whole batch read again later (applied results are then no-ops).
  const apply = async (batches: AnalysisBatches, batch: Pending): Promise<void> => {
    const writes: Promise<void>[] = [];
    const reading = (async () => {
      for await (const result of batches.results(batch.id, batch.offerIds)) writes.push(applyOne(result, await locks.hold([result.offerId])));
    })();
    // Whatever stopped the reading, the results already taken are written before the error is told.
    const read = await Promise.allSettled([reading]);
    store.flush('updated');
    const outcomes = [...read, ...(await Promise.allSettled(writes))];
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  };

  const finish = async (batch: Pending, reason?: string): Promise<void> => {
    if (reason) {
      // Offers of a batch that cannot be asked any more wait for the next run, with why.
      for (const offerId of batch.offerIds) {
        const decision = decideBatchResult({ offerId, failure: reason }, bus.current());
        if (decision.putBack) log.warn({ offer: offerId, reason: decision.putBack }, 'batch offer put back');
        if (decision.failed) bus.emit(decision.failed);
      }
    }
    await rm(file, { force: true });
    pending = undefined;
    bus.emit(event('AnalysisBatchEnded', { batchId: batch.id }));
  };

  const watch = (batches: () => AnalysisBatches | undefined, batch: Pending, delayMs: number): void => {
    if (closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void look(batches, batch, delayMs);
    }, delayMs);
  };

  const look = async (batches: () => AnalysisBatches | undefined, batch: Pending, delayMs: number): Promise<void> => {
    const client = batches();
    const next = Math.min(delayMs * 2, timings.maxDelayMs);
    if (!client) return watch(batches, batch, next);
    try {
      const state = await client.check(batch.id);
      bus.emit(event('AnalysisBatchProgressed', { batchId: batch.id, done: state.done, total: state.total }));
      if (!state.ended) return watch(batches, batch, next);
      await apply(client, batch);
      await finish(batch);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ batch: batch.id, error: message }, 'analysis batch not read');
      if (/\(404\)|introuvable|not.found/i.test(message)) await finish(batch, `lot introuvable : ${message}`).catch(() => undefined);
      else watch(batches, batch, next);
    }
  };

  const start = (batches: () => AnalysisBatches | undefined, batch: Pending): void => {
    pending = batch;
    bus.emit(event('AnalysisBatchSent', { batchId: batch.id, offerIds: batch.offerIds }));
    watch(batches, batch, timings.firstDelayMs);
  };

  return {
    sendBacklog: async (batches) => {
      const backlog = nextOffers(bus.current(), 'analyse', new Set(), Number.POSITIVE_INFINITY).map((offer) => offer.id);
      const chosen = decideBatch({ backlog, pending: pending !== undefined, min: min() });
      if (chosen.length === 0) return false;
      const records: OfferRecord[] = [];
      for (let from = 0; from < chosen.length; from += READ_PAGE) records.push(...(await store.readOffers(chosen.slice(from, from + READ_PAGE))));
      const id = await batches.submit(records);
      const batch = { id, offerIds: records.map((record) => record.id) };
      await writeFileAtomically(file, JSON.stringify(batch));
      log.info({ batch: id, offers: batch.offerIds.length }, 'analysis backlog sent as a batch');
      start(() => batches, batch);
      return true;
    },
    resume: async (batches) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return;
      }
      const parsed = pendingFile.safeParse(JSON.parse(text));
      if (!parsed.success) return void log.error({ file }, 'pending analysis batch file unreadable: ignored');
      log.info({ batch: parsed.data.id }, 'pending analysis batch resumed');
      start(batches, parsed.data);
    },
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
