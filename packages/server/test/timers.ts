import { AsyncLocalStorage, createHook } from 'node:async_hooks';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Follows the timers that code run through `run` starts, and those of every callback it leads to
 * (its server's requests included). A process-wide count would also see the test runner's own:
 * jest's status line starts a 100 ms timer every second, in the same process when it runs in band.
 */
export function trackTimers() {
  const scope = new AsyncLocalStorage<true>();
  const live = new Map<number, NodeJS.Timeout>();
  let started = 0;
  const hook = createHook({
    init: (asyncId, type, _trigger, resource) => {
      if (type !== 'Timeout' || !scope.getStore()) return;
      started += 1;
      live.set(asyncId, resource as NodeJS.Timeout);
    },
    destroy: (asyncId) => void live.delete(asyncId),
  }).enable();

  return {
    run: <T>(code: () => T): T => scope.run(true, code),
    started: (): number => started,
    /** Timers still due that keep the process alive; Node reports cleared and fired ones on its next turn. */
    pending: async (): Promise<number> => {
      await nextTurn();
      await nextTurn();
      return [...live.values()].filter((timer) => timer.hasRef()).length;
    },
    stop: (): void => void hook.disable(),
  };
}
