import { normalizeSender, type CallMeter, type Mailbox, type MailRef } from '@veille/domain';
import type { FetchMessageObject, ImapFlow, MailboxLockObject } from 'imapflow';
import type { Logger } from 'pino';
import { UnavailableError } from '../../errors';
import { MAX_EMAIL_BYTES, tooLarge } from '../../mail/decode';
import { newImapClient } from './client';
import type { ImapConfig } from './config';
import { explain, explainUnavailable, isConnectionLost } from './failures';
import { watchImapFolder } from './watch';

export { imapConfigFromEnv, type ImapConfig } from './config';

type CommandGroup = 'audit' | 'read' | 'archive' | 'connect';

const uidOf = (id: string): string => {
  if (!/^[1-9]\d{0,9}$/.test(id)) throw new Error(`Identifiant IMAP invalide : ${id}`);
  return id;
};

const refOf = (message: FetchMessageObject): MailRef => ({
  id: String(message.uid),
  sender: normalizeSender(message.envelope?.from?.[0]?.address ?? ''),
  subject: message.envelope?.subject ?? '',
});

/**
 * The user's IMAP folder as the mailbox; ids are UIDs, so a resumed import never takes an email
 * twice. One client lives while its connection does. An ImapFlow instance is single-use: once the
 * connection drops, the next call opens a new client, and a call whose connection dropped under
 * it is run once more on a new one.
 */
export function createImapMailbox(config: ImapConfig, options: { meter?: CallMeter; log?: Logger } = {}): Mailbox {
  const { meter, log } = options;
  let client: ImapFlow | undefined;
  let connecting: Promise<ImapFlow> | undefined;
  const count = (kind: CommandGroup) => meter?.({ api: 'IMAP', kind, calls: 1 });

  const open = async (): Promise<ImapFlow> => {
    const fresh = newImapClient(config, { disableAutoIdle: true });
    // An 'error' event without a listener would crash the process; the command that fails says it.
    fresh.on('error', (error: Error) => log?.debug({ error: error.message }, 'imap: connection error'));
    fresh.on('close', () => {
      if (client === fresh) client = undefined;
      log?.debug('imap: connection closed');
    });
    count('connect');
    try {
      await fresh.connect();
    } catch (error) {
      fresh.close();
      throw explainUnavailable(error, config);
    }
    log?.debug({ host: config.host, port: config.port }, 'imap: connected');
    return fresh;
  };

  const connected = (): Promise<ImapFlow> => {
    if (client?.usable) return Promise.resolve(client);
    connecting ??= open()
      .then((fresh) => (client = fresh))
      .finally(() => {
        connecting = undefined;
      });
    return connecting;
  };

  const dropped = (imap: ImapFlow, error: unknown): boolean => !imap.usable || isConnectionLost(error);

  /** One command group with the folder locked. */
  const inFolder = async <T>(kind: CommandGroup, task: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const imap = await connected();
      count(kind);
      let lock: MailboxLockObject;
      try {
        lock = await imap.getMailboxLock(config.folder);
      } catch (error) {
        if (attempt === 1 && dropped(imap, error)) continue;
        throw explainUnavailable(error, config);
      }
      try {
        return await task(imap);
      } catch (error) {
        if (attempt === 1 && dropped(imap, error)) {
          log?.debug({ kind, error: (error as Error).message }, 'imap: connection lost during the command, once more on a new one');
          continue;
        }
        throw explain(error, config);
      } finally {
        lock.release();
      }
    }
  };

  const gone = (id: string): Error => new Error(`Email ${id} absent du dossier IMAP ${config.folder} (déjà archivé ?).`);

  const createArchive = async (imap: ImapFlow): Promise<void> => {
    try {
      await imap.mailboxCreate(config.archiveFolder);
    } catch (error) {
      if (dropped(imap, error)) throw error;
      throw new UnavailableError(`Dossier d'archive IMAP impossible à créer : « ${config.archiveFolder} ».`);
    }
    log?.debug({ folder: config.archiveFolder }, 'imap: archive folder ready');
  };

  return {
    audit: () =>
      inFolder('audit', async (imap) => {
        // The folder may have stayed selected since the last call: NOOP brings the count up to date,
        // and FETCH 1:* fails on an empty folder (Dovecot).
        await imap.noop();
        if (!imap.mailbox || imap.mailbox.exists === 0) return [];
        // Collected whole before anything else is sent: a command inside a fetch loop deadlocks.
        const messages = await imap.fetchAll('1:*', { uid: true, envelope: true });
        return messages.map(refOf);
      }),

    read: (id) =>
      inFolder('read', async (imap) => {
        // The size comes with at most the cap's worth of bytes: an oversized email is never downloaded whole.
        const message = await imap.fetchOne(uidOf(id), { uid: true, size: true, source: { maxLength: MAX_EMAIL_BYTES } }, { uid: true });
        if (!message || !message.source) throw gone(id);
        if ((message.size ?? 0) > MAX_EMAIL_BYTES) throw tooLarge(message.size ?? 0);
        return new Uint8Array(message.source);
      }),

    archive: (id) =>
      inFolder('archive', async (imap) => {
        const uid = uidOf(id);
        let moved = await imap.messageMove(uid, config.archiveFolder, { uid: true });
        if (!moved && imap.usable) {
          // Refused on a live connection: the archive folder is missing (first run, or deleted since).
          await createArchive(imap);
          moved = await imap.messageMove(uid, config.archiveFolder, { uid: true });
        }
        if (!moved) throw new Error(`Archivage IMAP refusé pour l'email ${id} (dossier d'archive « ${config.archiveFolder} »).`);
        // With UIDPLUS the server lists the UIDs it moved: none means the email had already left the folder.
        if (imap.capabilities.has('UIDPLUS') && !moved.uidMap?.has(Number(uid))) throw gone(id);
      }),

    watch: (listener) => watchImapFolder(config, listener, { log, meter }),

    close: async () => {
      const open = client;
      client = undefined;
      if (!open?.usable) return;
      await open.logout().catch(() => open.close());
      log?.debug('imap: logged out');
    },
  };
}
