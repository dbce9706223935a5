type Host = { active: number; waiting: (() => void)[]; nextAt: number };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * At most `concurrency` requests at a time per host, spaced by `delayMs`. No interval: a request
 * waits on a promise that the previous one releases, and a delay is one awaited timeout.
 */
export function createHostLimiter(concurrency: number, delayMs: number) {
  const hosts = new Map<string, Host>();

  return async <T>(host: string, task: () => Promise<T>): Promise<T> => {
    let state = hosts.get(host);
    if (!state) {
      state = { active: 0, waiting: [], nextAt: 0 };
      hosts.set(host, state);
    }
    const slot = state;
    if (slot.active >= concurrency) await new Promise<void>((resolve) => slot.waiting.push(resolve));
    slot.active += 1;
    const wait = slot.nextAt - Date.now();
    slot.nextAt = Math.max(Date.now(), slot.nextAt) + delayMs;
    if (wait > 0) await sleep(wait);
    try {
      return await task();
    } finally {
      slot.active -= 1;
      slot.waiting.shift()?.();
      if (slot.active === 0 && slot.waiting.length === 0 && slot.nextAt <= Date.now()) hosts.delete(host);
    }
  };
}
