import type { ImapFlowError } from 'imapflow';
import { messageOf, redact, UnavailableError } from '../../errors';
import type { ImapConfig } from './config';

/** Socket, DNS and timeout codes that mean the server was never reached, with what the user reads. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connexion refusée',
  ENOTFOUND: "nom d'hôte inconnu",
  EAI_AGAIN: "nom d'hôte introuvable pour l'instant",
  EHOSTUNREACH: 'hôte inaccessible',
  ENETUNREACH: 'réseau inaccessible',
  ETIMEDOUT: 'délai dépassé',
  CONNECT_TIMEOUT: 'délai de connexion dépassé',
  GREETING_TIMEOUT: 'le serveur ne répond pas',
};

/** Codes of a connection that was up and went away: a new client may well succeed. */
const LOST = new Set(['NoConnection', 'EConnectionClosed', 'ECONNRESET', 'EPIPE', 'ETIMEOUT', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS']);

const CERTIFICATE = /CERT|SIGNATURE|ISSUER/;

/**
 * An error raised by imapflow or by the socket under it, as opposed to one of this adapter's own.
 * Duck-typed: socket errors come from Node's own realm, where `instanceof Error` can be false (jest).
 */
const isImapFailure = (error: unknown): error is ImapFlowError =>
  typeof error === 'object' &&
  error !== null &&
  'message' in error &&
  !(error instanceof UnavailableError) &&
  ('code' in error || 'responseText' in error || 'responseStatus' in error || 'authenticationFailed' in error || 'mailboxMissing' in error);

export function isConnectionLost(error: unknown): boolean {
  return isImapFailure(error) && LOST.has(error.code ?? '');
}

/**
 * One French line the user can act on, never the password nor a stack. The adapter's own errors
 * (an email too large, an email gone) pass through unchanged; a failure that means the mailbox
 * cannot be used at all becomes an UnavailableError, so the phase stops instead of failing every email.
 */
export function explain(error: unknown, config: ImapConfig): Error {
  if (!isImapFailure(error)) return error instanceof Error ? error : new Error(messageOf(error));
  const where = `${config.host}:${config.port}`;
  const code = error.code ?? '';
  if (error.authenticationFailed) {
    return new UnavailableError(`Connexion IMAP refusée : identifiant ou mot de passe incorrect (identifiant : ${config.user}).`);
  }
  if (error.mailboxMissing || error.serverResponseCode === 'NONEXISTENT') {
    return new UnavailableError(`Dossier IMAP introuvable : « ${config.folder} ».`);
  }
  if (UNREACHABLE[code]) return new UnavailableError(`Serveur IMAP injoignable : ${where} (${UNREACHABLE[code]}).`);
  if (CERTIFICATE.test(code)) return new UnavailableError(`Certificat du serveur IMAP refusé : ${where} (${code}).`);
  if (error.tlsFailed || code.startsWith('ERR_SSL')) {
    return new UnavailableError(
      `Connexion IMAP chiffrée impossible avec ${where} : vérifiez le chiffrement TLS (${config.secure ? 'activé' : 'désactivé'}) et le port (993 chiffré, 143 en clair).`,
    );
  }
  if (LOST.has(code)) return new UnavailableError(`Connexion IMAP perdue avec ${where}.`);
  return new Error(redact(`Erreur IMAP : ${error.responseText ?? error.message}`, [config.password]));
}

/** Without a connection and an open folder nothing can be done: whatever the cause, the mailbox is unavailable. */
export function explainUnavailable(error: unknown, config: ImapConfig): UnavailableError {
  const explained = explain(error, config);
  if (explained instanceof UnavailableError) return explained;
  return new UnavailableError(
    redact(`Boîte IMAP inutilisable (${config.host}:${config.port}, dossier « ${config.folder} ») : ${explained.message}`, [config.password]),
  );
}
