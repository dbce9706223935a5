import type { CallMeter, MailboxListener, MailboxWatch, MailboxWatchState } from '@veille/domain';
import type { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import { newImapClient } from './client';
import type { ImapConfig } from './config';

/** The first wait before reconnecting, doubled at each failure up to the cap: never a busy loop on a server that is down. */
export const RECONNECT_FIRST_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

/** A refusal no retry can fix (wrong password, folder gone): the audit says it, and the watch waits for new settings. */
const hopeless = (error: unknown): boolean => {
  const failure = error as { authenticationFailed?: boolean; mailboxMissing?: boolean; serverResponseCode?: string };
  return !!failure.authenticationFailed || !!failure.mailboxMissing || failure.serverResponseCode === 'NONEXISTENT';
};

/**
 * One more connection, selected read-only on the folder and kept in IDLE: the server pushes each
 * email that arrives or leaves, and nothing is asked between runs. A dropped connection (network,
 * server restart) is opened again after a wait that doubles up to a cap; the only timer is that
 * wait. A server without IDLE is not watched at all, rather than asked again and again.
 */
export function watchImapFolder(config: ImapConfig, listener: MailboxListener, { log, meter }: { log?: Logger; meter?: CallMeter } = {}): MailboxWatch {
  let closed = false;
  let client: ImapFlow | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let said: MailboxWatchState | undefined;

  const say = (state: MailboxWatchState): void => {
    if (state === said) return;
    said = state;
    listener.state(state);
  };

  const reconnectLater = (): void => {
    if (closed || retry) return;
    say('reconnecting');
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** failures);
    failures += 1;
    log?.debug({ delay }, 'imap watch: reconnecting later');
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delay);
    // Veille's own server keeps the process up; a headless caller must not be held by a retry.
    retry.unref();
  };

  /** This client is done with: the next one comes after a wait, unless nothing can help. */
  const lost = (fresh: ImapFlow, error?: unknown): void => {
    if (client !== fresh) return;
    client = undefined;
    fresh.close();
    if (error !== undefined && hopeless(error)) {
      log?.warn('imap watch: refused by the server, new mail is not watched until the settings change');
      say('off');
      return;
    }
    reconnectLater();
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const fresh = newImapClient(config);
    client = fresh;
    // An 'error' event without a listener would crash the process; 'close' follows it.
    fresh.on('error', (error: Error) => log?.debug({ error: error.message }, 'imap watch: connection error'));
    fresh.on('close', () => lost(fresh));
    fresh.on('exists', () => listener.changed());
    fresh.on('expunge', () => listener.changed());
    meter?.({ api: 'IMAP', kind: 'connect', calls: 1 });
    try {
      await fresh.connect();
      if (!fresh.capabilities.has('IDLE')) {
        log?.warn({ host: config.host }, 'imap watch: the server has no IDLE, new mail shows at the next audit only');
        client = undefined;
        say('off');
        await fresh.logout();
        return;
      }
      await fresh.mailboxOpen(config.folder, { readOnly: true });
    } catch (error) {
      log?.debug({ error: (error as Error).message }, 'imap watch: could not listen');
      lost(fresh, error);
      return;
    }
    if (closed || client !== fresh) return;
    failures = 0;
    say('listening');
    // Whatever arrived while no one listened (at startup, or while reconnecting) is counted now.
    listener.changed();
    fresh.idle({ whenFree: true }).catch(() => undefined);
  };

  void connect();

  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      retry = undefined;
      const open = client;
      client = undefined;
      if (!open) return;
      if (open.usable) await open.logout().catch(() => open.close());
      else open.close();
    },
  };
}
