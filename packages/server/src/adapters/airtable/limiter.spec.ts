import { createRateLimiter, type RateLimiter } from './limiter';

const WINDOW_MS = 1_050;

describe('The rate limiter of one base (5 starts per window, all requests held during a penalty)', () => {
  let limiter: RateLimiter;
  /** When each take resolved, in ms on the fake clock, in the order they were asked. */
  let started: (number | undefined)[];

  const take = (count: number) => {
    for (let index = 0; index < count; index += 1) {
      const slot = started.push(undefined) - 1;
      void limiter.take().then(() => (started[slot] = Date.now()));
    }
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    limiter = createRateLimiter(5, WINDOW_MS);
    started = [];
  });

  afterEach(() => jest.useRealTimers());

  describe('Given no pause', () => {
    it('should let 5 requests start at once and the 6th one window after the first', async () => {
      take(6);

      await jest.advanceTimersByTimeAsync(WINDOW_MS);

      expect(started).toEqual([0, 0, 0, 0, 0, WINDOW_MS]);
    });
  });

  describe('Given a penalty (a 429)', () => {
    it('should hold the requests asked meanwhile until it ends, then let them start', async () => {
      take(1);
      await jest.advanceTimersByTimeAsync(10);
      limiter.pause(30_000);
      take(2);

      await jest.advanceTimersByTimeAsync(29_999);
      expect(started).toEqual([0, undefined, undefined]);
      await jest.advanceTimersByTimeAsync(1);

      expect(started).toEqual([0, 30_010, 30_010]);
    });

    it('should hold a request already waiting for its slot when a penalty arrives, then let it start when the penalty ends', async () => {
      take(6);
      await jest.advanceTimersByTimeAsync(100);
      limiter.pause(30_000);

      await jest.advanceTimersByTimeAsync(30_000);

      expect(started).toEqual([0, 0, 0, 0, 0, 30_100]);
    });

    it('should keep the longer of two penalties', async () => {
      limiter.pause(30_000);
      limiter.pause(1_000);
      take(1);

      await jest.advanceTimersByTimeAsync(29_999);
      expect(started).toEqual([undefined]);
      await jest.advanceTimersByTimeAsync(1);

      expect(started).toEqual([30_000]);
    });
  });
});
