import { sleep } from './limiter';

export type Job<T, R> = { readonly item: T; resolve(result: R): void; reject(error: unknown): void };

export type Batcher<T, R> = {
  /** Resolves with one result per item once all of them are written; rejects with the first failure. */
  add(items: T[]): Promise<R[]>;
  /** Resolves once nothing is waiting or being written. */
  idle(): Promise<void>;
};

/**
 * Groups what many callers write within `delayMs` into one flush, so concurrent workers share
 * requests of 10 records instead of spending one each. `flush` must settle every job it gets;
 * any job it leaves unsettled is rejected with its error.
 */
export const createBatcher = <T, R>(delayMs: number, flush: (jobs: Job<T, R>[]) => Promise<void>): Batcher<T, R> => {
  let pending: Job<T, R>[] = [];
  let scheduled: Promise<void> | undefined;
  const running = new Set<Promise<void>>();

  const run = async (): Promise<void> => {
    await sleep(delayMs);
    scheduled = undefined;
    const jobs = pending;
    pending = [];
    const settled = new Set<Job<T, R>>();
    const tracked = jobs.map((job) => ({
      item: job.item,
      resolve: (result: R) => (settled.add(job), job.resolve(result)),
      reject: (error: unknown) => (settled.add(job), job.reject(error)),
    }));
    try {
      await flush(tracked);
      for (const job of jobs) if (!settled.has(job)) job.reject(new Error('Écriture Airtable sans réponse'));
    } catch (error) {
      for (const job of jobs) if (!settled.has(job)) job.reject(error);
    }
  };

  const schedule = (): void => {
    if (scheduled) return;
    const flushing = run();
    scheduled = flushing;
    running.add(flushing);
    void flushing.finally(() => running.delete(flushing));
  };

  return {
    add: async (items) => {
      const results = items.map((item) => new Promise<R>((resolve, reject) => pending.push({ item, resolve, reject })));
      if (items.length > 0) schedule();
      const outcomes = await Promise.allSettled(results);
      const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<R>).value);
    },
    idle: async () => {
      while (running.size > 0) await Promise.all(running);
    },
  };
};
