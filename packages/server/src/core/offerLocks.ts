import type { OfferLocks } from '../ports';

/**
 * One writer at a time per offer: a phase recording what it decided and a person changing a
 * status never interleave. Each decides against the projection once it holds the offer, so the
 * one that comes second sees what the first stored and emitted.
 */
export function createOfferLocks(): OfferLocks {
  const held = new Map<string, Promise<void>>();
  return {
    hold: async (ids) => {
      const wanted = [...new Set(ids)];
      const busy = (): Promise<void>[] => wanted.flatMap((id) => held.get(id) ?? []);
      // Another writer waiting too may take them first: look again after each wait.
      for (let waiting = busy(); waiting.length > 0; waiting = busy()) await Promise.all(waiting);
      let release = (): void => undefined;
      const done = new Promise<void>((resolve) => (release = resolve));
      for (const id of wanted) held.set(id, done);
      return () => {
        for (const id of wanted) if (held.get(id) === done) held.delete(id);
        release();
      };
    },
  };
}
