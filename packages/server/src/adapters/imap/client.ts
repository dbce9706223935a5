import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ImapConfig } from './config';

/** Past this an unreachable host is said to the user; imapflow's own default is 90 s. */
export const CONNECT_TIMEOUT_MS = 15_000;

/**
 * A new imapflow client on the user's server: how Veille connects (host, TLS, login, no imapflow
 * log, a connection timeout it can say) is written once for the mailbox, its watch and « Tester ».
 */
export function newImapClient(config: ImapConfig, options: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: { user: config.user, pass: config.password },
    logger: false,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    ...options,
  });
}
