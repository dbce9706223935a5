import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Board, PageOutcome, ParsedOffer } from '@veille/domain';
import { Piscina } from 'piscina';
import type { Logger } from 'pino';
import { STARTED, type EmailReading, type ParseRequest } from './task';

/** Alerts and pages read in a few milliseconds; anything still busy after this is hostile or broken. */
export const PARSE_TIME_LIMIT_MS = 2_000;

/** Parsing off the event loop: the API and the live page keep answering whatever an email or a page holds. */
export type ParsePool = {
  /** An alert's offers as its board's parser reads them; a clear Error (in French) when it cannot be read. */
  readonly readOffers: (board: Board, raw: Uint8Array) => Promise<ParsedOffer[]>;
  /** A fetched page's outcome; one that cannot be read in time is set aside with the reason. */
  readonly extractPage: (url: string, html: string, now: Date) => Promise<PageOutcome>;
  readonly close: () => Promise<void>;
};

export type ParsePoolOptions = { timeLimitMs?: number; threads?: number; log?: Pick<Logger, 'error'> };

class TimeLimitError extends Error {}

const WORKER = path.join(__dirname, 'worker.cjs');

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A kept pool of worker threads, started at the first task (an app that never parses starts
 * none). A task busy past the time limit has its worker terminated and replaced.
 */
export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const timeLimitMs = options.timeLimitMs ?? PARSE_TIME_LIMIT_MS;
  // Phase 1 reads one email at a time and phase 2 fetches four pages at a time: two threads keep
  // up with both, and every app (each test's too) boots no more than that.
  const threads = options.threads ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  const limit = timeLimitMs < 1_000 ? `${timeLimitMs} ms` : `${timeLimitMs / 1_000} s`.replace('.', ',');
  const starts = new Map<number, () => void>();
  let pool: Piscina | undefined;
  let lastId = 0;

  const workers = (): Piscina => {
    if (pool) return pool;
    // minThreads = maxThreads and no idle timeout: no timer outlives a task, even while a terminated
    // worker's replacement briefly makes one thread too many. Idle workers are unref'd by piscina,
    // so they never keep the process alive. execArgv: [] keeps tsx from being loaded twice when the
    // parent runs under it.
    pool = new Piscina({
      filename: WORKER,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    pool.on('message', (message: Record<string, unknown> | null) => starts.get(Number(message?.[STARTED]))?.());
    pool.on('error', (error: unknown) => options.log?.error({ error: messageOf(error) }, 'a parse worker failed'));
    return pool;
  };

  const run = async <R>(request: ParseRequest): Promise<R> => {
    lastId += 1;
    const id = lastId;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The clock starts when a worker takes the task, not while it waits its turn.
    starts.set(id, () => {
      timer = setTimeout(() => controller.abort(), timeLimitMs);
    });
    try {
      return (await workers().run({ ...request, id }, { signal: controller.signal })) as R;
    } catch (error) {
      throw controller.signal.aborted ? new TimeLimitError() : error;
    } finally {
      starts.delete(id);
      clearTimeout(timer);
    }
  };

  return {
    readOffers: async (board, raw) => {
      let reading: EmailReading;
      try {
        reading = await run<EmailReading>({ kind: 'email', board, raw });
      } catch (error) {
        if (error instanceof TimeLimitError) throw new Error(`Email trop complexe à lire (plus de ${limit}) : laissé dans la boîte.`, { cause: error });
        throw new Error(`Lecture de l'email impossible : ${messageOf(error)}`, { cause: error });
      }
      if ('error' in reading) throw new Error(reading.error);
      return reading.offers;
    },
    extractPage: async (url, html, now) => {
      try {
        return await run<PageOutcome>({ kind: 'page', url, html, now });
      } catch (error) {
        if (error instanceof TimeLimitError) return { kind: 'ignored', reason: `Page trop complexe à lire (plus de ${limit})` };
        return { kind: 'ignored', reason: `Lecture de la page impossible : ${messageOf(error)}` };
      }
    },
    close: async () => {
      const closing = pool;
      pool = undefined;
      await closing?.destroy();
    },
  };
}
