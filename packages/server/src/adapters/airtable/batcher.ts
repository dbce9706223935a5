export type Job<T, R> = { readonly item: T; resolve(result: R): void; reject(error: unknown): void };

export type Batcher<T, R> = {
  /** Resolves with one result per item once all of them are written; rejects with the first failure. */
  add(items: readonly T[]): Promise<R[]>;
  /** Sends what is waiting, and what callers are about to add, without waiting for the delay. */
  flush(): void;
  /** Resolves once nothing is waiting or being written. */
  idle(): Promise<void>;
};

/**
 * Groups what many callers write into one request: a full batch of `size` leaves at once, a
 * partial one after `delayMs` (or at `flush()`), so concurrent workers share requests of 10
 * records instead of spending one each. `send` must settle every job it gets; any job it leaves
 * unsettled is rejected with its error.
 */
export function createBatcher<T, R>(size: number, delayMs: number, send: (jobs: Job<T, R>[]) => Promise<void>): Batcher<T, R> {
  const pending: Job<T, R>[] = [];
  let timer: NodeJS.Timeout | undefined;
  const running = new Set<Promise<void>>();

  const write = async (jobs: Job<T, R>[]): Promise<void> => {
    const settled = new Set<Job<T, R>>();
    const tracked = jobs.map((job) => ({
      item: job.item,
      resolve: (result: R) => (settled.add(job), job.resolve(result)),
      reject: (error: unknown) => (settled.add(job), job.reject(error)),
    }));
    try {
      await send(tracked);
      for (const job of jobs) if (!settled.has(job)) job.reject(new Error('Écriture Airtable sans réponse'));
    } catch (error) {
      for (const job of jobs) if (!settled.has(job)) job.reject(error);
    }
  };

  const start = (jobs: Job<T, R>[]): Promise<void> => {
    const writing = write(jobs);
    running.add(writing);
    void writing.finally(() => running.delete(writing));
    return writing;
  };

  let flushing: NodeJS.Immediate | undefined;
  /** The partial request on its way (it may be queued behind the base's rate limit), and whether more is to follow it. */
  let partial: Promise<void> | undefined;
  let more = false;

  // One partial request at a time: what is flushed while one is still on its way follows it as one
  // request, instead of each flush queueing a small request of its own behind the rate limit.
  const sendNow = (): void => {
    clearTimeout(timer);
    timer = undefined;
    clearImmediate(flushing);
    flushing = undefined;
    if (pending.length === 0) return;
    if (partial) {
      more = true;
      return;
    }
    const writing = start(pending.splice(0));
    partial = writing;
    void writing.finally(() => {
      partial = undefined;
      if (!more) return;
      more = false;
      sendNow();
    });
  };

  // A caller's write reaches `add` a few promise turns after it is issued: a flush sends once what
  // has landed when the event loop moves on, so a straggler shares the request instead of making its own.
  const flush = (): void => {
    flushing ??= setImmediate(sendNow);
  };

  return {
    add: async (items) => {
      const results = items.map((item) => new Promise<R>((resolve, reject) => pending.push({ item, resolve, reject })));
      while (pending.length >= size) void start(pending.splice(0, size));
      if (pending.length === 0) {
        clearTimeout(timer);
        timer = undefined;
      } else timer ??= setTimeout(sendNow, delayMs);
      const outcomes = await Promise.allSettled(results);
      const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<R>).value);
    },
    flush,
    idle: async () => {
      while (running.size > 0 || pending.length > 0) {
        sendNow();
        await Promise.all(running);
      }
    },
  };
}
