import { UnavailableError } from '../../errors';
import { newImapClient } from './client';
import type { ImapConfig } from './config';
import { explainUnavailable } from './failures';

/** "Tester la connexion" answers within this, whatever the server does. */
export const CHECK_TIMEOUT_MS = 15_000;

/** The server's folders, and how many emails the one to read holds (null: it does not exist). */
export type MailboxCheck = { folders: string[]; count: number | null };

/**
 * Connects with these values, lists the folders and counts the emails of the folder to read, then
 * logs out. What goes wrong is said in French (password, unreachable server, certificate), as an
 * UnavailableError; a folder missing is not an error here: the page offers the list instead.
 */
export async function checkImap(config: ImapConfig): Promise<MailboxCheck> {
  const client = newImapClient(config, { disableAutoIdle: true, connectionTimeout: CHECK_TIMEOUT_MS, greetingTimeout: CHECK_TIMEOUT_MS });
  // An 'error' event without a listener would crash the process: the failing command says it.
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      client.close();
      reject(new UnavailableError(`Serveur IMAP injoignable : ${config.host}:${config.port} (pas de réponse en ${CHECK_TIMEOUT_MS / 1_000} s).`));
    }, CHECK_TIMEOUT_MS);
  });
  const check = async (): Promise<MailboxCheck> => {
    await client.connect();
    const folders = (await client.list()).map((entry) => entry.path);
    if (!folders.includes(config.folder)) return { folders, count: null };
    const status = await client.status(config.folder, { messages: true });
    return { folders, count: status ? (status.messages ?? 0) : 0 };
  };
  try {
    return await Promise.race([check(), timeout]);
  } catch (error) {
    throw error instanceof UnavailableError ? error : explainUnavailable(error, config);
  } finally {
    clearTimeout(timer);
    if (client.usable) await client.logout().catch(() => client.close());
    else client.close();
  }
}
