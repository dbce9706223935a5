import { normalizeSender, type CallMeter, type Mailbox, type MailRef } from '@veille/domain';
import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import { UnavailableError } from '../../app/errors';
import { MAX_EMAIL_BYTES } from '../../mail/decode';
import type { ImapConfig } from './config';

export { imapConfigFromEnv, type ImapConfig } from './config';

type ImapError = Error & { authenticationFailed?: boolean; code?: string; serverResponseCode?: string; responseText?: string };

/** One clear line for the user; never the password, never a stack. */
const explain = (error: unknown, config: ImapConfig): Error => {
  if (error instanceof UnavailableError) return error;
  const failure = error as ImapError;
  if (failure.authenticationFailed) {
    return new UnavailableError(`Connexion IMAP refusée : identifiant ou mot de passe incorrect (IMAP_USER=${config.user}).`);
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'NoConnection'].includes(failure.code ?? '')) {
    return new UnavailableError(`Serveur IMAP injoignable : ${config.host}:${config.port} (${failure.code}).`);
  }
  if (failure.serverResponseCode === 'NONEXISTENT' || /doesn't exist|does not exist|not found|unknown mailbox/i.test(failure.responseText ?? '')) {
    return new UnavailableError(`Dossier IMAP introuvable : IMAP_FOLDER=${config.folder}.`);
  }
  return new Error(`Erreur IMAP : ${failure.responseText ?? failure.message}`);
};

const isConnectionLost = (error: unknown): boolean => {
  const code = (error as ImapError).code ?? '';
  return ['NoConnection', 'ECONNRESET', 'EPIPE', 'ETIMEOUT', 'ClosedAfterConnectTLS', 'ClosedAfterConnectText'].includes(code) ||
    /connection (not available|closed)|socket/i.test((error as Error).message ?? '');
};

/**
 * The user's IMAP folder as the mailbox. One client lives while the connection does; a dropped
 * connection is replaced by a new client (an ImapFlow instance is single-use) and the call is tried
 * once more. Ids are UIDs, so a resumed import never takes an email twice.
 */
export const createImapMailbox = (config: ImapConfig, options: { meter?: CallMeter; log?: Logger } = {}): Mailbox => {
  let client: ImapFlow | undefined;
  let connecting: Promise<ImapFlow> | undefined;
  let archiveReady = false;
  const meter = (kind: string) => options.meter?.({ api: 'IMAP', kind, calls: 1 });

  const connect = (): Promise<ImapFlow> => {
    if (client?.usable) return Promise.resolve(client);
    connecting ??= (async () => {
      const fresh = new ImapFlow({
        host: config.host,
        port: config.port,
        secure: config.secure,
        auth: { user: config.user, pass: config.password },
        logger: false,
        disableAutoIdle: true,
      });
      fresh.on('error', (error: Error) => options.log?.debug({ error: error.message }, 'imap connection error'));
      meter('connect');
      try {
        await fresh.connect();
      } catch (error) {
        fresh.close();
        throw explain(error, config);
      }
      client = fresh;
      return fresh;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  /** Runs a command group with the folder locked; once more on a new client if the connection dropped. */
  const withFolder = async <T>(kind: string, task: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      const imap = await connect();
      meter(kind);
      let lock;
      try {
        lock = await imap.getMailboxLock(config.folder);
      } catch (error) {
        if (attempt === 0 && isConnectionLost(error)) continue;
        throw explain(error, config);
      }
      try {
        return await task(imap);
      } catch (error) {
        if (attempt === 0 && isConnectionLost(error)) continue;
        throw explain(error, config);
      } finally {
        lock.release();
      }
    }
  };

  const uidOf = (id: string): string => {
    if (!/^\d+$/.test(id)) throw new Error(`Identifiant IMAP invalide : ${id}`);
    return id;
  };

  return {
    audit: () =>
      withFolder('audit', async (imap) => {
        if (imap.mailbox === false || imap.mailbox.exists === 0) return [];
        // One envelope fetch for the whole folder, collected before anything else is sent.
        const messages = await imap.fetchAll('1:*', { uid: true, envelope: true });
        return messages.map(
          (message): MailRef => ({
            id: String(message.uid),
            sender: normalizeSender(message.envelope?.from?.[0]?.address ?? ''),
            subject: message.envelope?.subject ?? '',
          }),
        );
      }),
    read: (id) =>
      withFolder('read', async (imap) => {
        const uid = uidOf(id);
        const sized = await imap.fetchOne(uid, { uid: true, size: true }, { uid: true });
        if (!sized) throw new Error(`Email ${id} absent du dossier ${config.folder} (déjà archivé ?)`);
        if ((sized.size ?? 0) > MAX_EMAIL_BYTES) {
          throw new Error(`Email trop volumineux (${Math.round((sized.size ?? 0) / 1024)} Ko, limite ${MAX_EMAIL_BYTES / 1024} Ko) : laissé dans la boîte.`);
        }
        const message = await imap.fetchOne(uid, { uid: true, source: true }, { uid: true });
        if (!message || !message.source) throw new Error(`Email ${id} absent du dossier ${config.folder} (déjà archivé ?)`);
        return new Uint8Array(message.source);
      }),
    archive: (id) =>
      withFolder('archive', async (imap) => {
        if (!archiveReady) {
          const boxes = await imap.list();
          if (!boxes.some((box) => box.path === config.archiveFolder)) await imap.mailboxCreate(config.archiveFolder);
          archiveReady = true;
        }
        const uid = uidOf(id);
        const moved = await imap.messageMove(uid, config.archiveFolder, { uid: true });
        // The server says which UIDs it moved (UIDPLUS): no map means the email was no longer there.
        if (!moved || !moved.uidMap?.has(Number(uid))) throw new Error(`Email ${id} absent du dossier ${config.folder} : rien à archiver.`);
      }),
    close: async () => {
      const open = client;
      client = undefined;
      if (open?.usable) await open.logout().catch(() => open.close());
    },
  };
};
