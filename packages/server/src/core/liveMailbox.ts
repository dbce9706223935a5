import { event, type MailboxWatch, type MailboxWatchState } from '@veille/domain';
import { messageOf, redact, UnavailableError } from '../errors';
import type { Deps } from '../ports';
import { auditOutsideRuns } from './reload';

export type LiveMailbox = {
  /** Watches the mailbox in place (after a change of settings, the new one). */
  restart(): Promise<void>;
  close(): Promise<void>;
};

type LiveDeps = Pick<Deps, 'bus' | 'store' | 'mailbox' | 'secrets' | 'log'>;

/**
 * New mail shows by itself: when the mailbox says its folder changed, it is counted again and
 * every page follows (MailboxAudited), a new sender becoming a source as at any audit. During a
 * run the import owns the mailbox: a change is only noted then, and counted once the run ends.
 * Changes that come while a count is under way make one more count, not one each.
 */
export function liveMailbox(deps: LiveDeps, { onCounted }: { onCounted: () => void }): LiveMailbox {
  const { bus, log } = deps;
  let watch: MailboxWatch | undefined;
  let changedDuringRun = false;
  let counting = false;
  let again = false;

  const count = async (): Promise<void> => {
    counting = true;
    try {
      do {
        again = false;
        if (await auditOutsideRuns(deps)) onCounted();
        else changedDuringRun = true;
      } while (again && !bus.current().run.active);
      if (again) changedDuringRun = true;
    } catch (error) {
      // Said at the top of the page when the mailbox cannot be read (MailboxUnavailable).
      if (!(error instanceof UnavailableError)) log.error({ error: redact(messageOf(error), deps.secrets) }, 'live mailbox: count failed');
    } finally {
      counting = false;
    }
  };

  const changed = (): void => {
    if (bus.current().run.active) changedDuringRun = true;
    else if (counting) again = true;
    else void count();
  };

  const subscription = bus.changes$.subscribe(({ event }) => {
    if (event.type !== 'RunEnded' || !changedDuringRun) return;
    changedDuringRun = false;
    changed();
  });

  let said: MailboxWatchState = 'off';
  const state = (next: MailboxWatchState): void => {
    if (next === said) return;
    said = next;
    bus.emit(event('MailboxWatchChanged', { state: next }));
  };

  const open = (): void => {
    watch = deps.mailbox.watch?.({ changed, state });
  };

  const stop = async (): Promise<void> => {
    const closing = watch;
    watch = undefined;
    await closing?.close();
    state('off');
  };

  open();
  return {
    restart: async () => {
      await stop();
      open();
    },
    close: async () => {
      subscription.unsubscribe();
      await stop();
    },
  };
}
