export type RateLimiter = {
  /** Resolves when one more request may start. */
  take(): Promise<void>;
  /** Holds every request back until `ms` from now (Airtable's penalty after a 429 covers the whole base). */
  pause(ms: number): void;
};

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * At most `requests` starts in any window of `windowMs`, in the order asked. Airtable counts
 * arrivals, so the window carries a small margin over one second for network jitter.
 */
export function createRateLimiter(requests: number, windowMs: number): RateLimiter {
  const starts: number[] = [];
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  const nextSlot = (): number => Math.max(pausedUntil, starts.length < requests ? 0 : starts[starts.length - requests] + windowMs);

  const wait = async (): Promise<void> => {
    // A pause may arrive while waiting: look again after each sleep.
    for (let slot = nextSlot(); slot > Date.now(); slot = nextSlot()) await sleep(slot - Date.now());
    starts.push(Date.now());
    if (starts.length > requests) starts.splice(0, starts.length - requests);
  };

  return {
    take: () => {
      const turn = queue.then(wait);
      queue = turn;
      return turn;
    },
    pause: (ms) => {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
  };
}
