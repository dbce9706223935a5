import { watch, type FSWatcher } from 'node:fs';
import type { MailboxListener, MailboxWatch } from '@veille/domain';

/** A file copied in comes as several events (created, written, renamed): they make one change. */
export const SETTLE_MS = 200;

/**
 * The folder as the disk reports it (inotify on Linux): an .eml dropped in or taken out is one
 * change, once the events it makes have settled. The only timer is that short settling one.
 */
export function watchMailFolder(dir: string, listener: MailboxListener): MailboxWatch {
  let settle: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  const stop = (): void => {
    clearTimeout(settle);
    settle = undefined;
    watcher?.close();
    watcher = undefined;
  };

  try {
    watcher = watch(dir, (_event, name) => {
      // The archive folder and temporary files are not waiting mail; a platform that names nothing may be anything.
      if (name && !name.toLowerCase().endsWith('.eml')) return;
      clearTimeout(settle);
      settle = setTimeout(() => {
        settle = undefined;
        listener.changed();
      }, SETTLE_MS);
      // A change noticed as Veille closes must not hold the process: close() clears it anyway.
      settle.unref();
    });
    // The folder itself was removed: the audit says it; nothing is watched until the settings change.
    watcher.on('error', () => {
      stop();
      listener.state('off');
    });
    listener.state('listening');
  } catch {
    listener.state('off');
  }

  return {
    close: () => {
      stop();
      return Promise.resolve();
    },
  };
}
