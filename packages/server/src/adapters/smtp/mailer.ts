import { createTransport } from 'nodemailer';
import { UnavailableError } from '../../errors';
import type { SmtpConfig } from './config';

/** A send or a check answers within this, whatever the server does. */
export const SMTP_TIMEOUT_MS = 15_000;

export type MailMessage = { readonly subject: string; readonly text: string; readonly html: string };

export type Mailer = {
  /** Sends one message to the configured recipient; a refusal is an UnavailableError said in French. */
  send(message: MailMessage): Promise<void>;
  /** Connects and logs in, as « Tester » does, without sending anything. */
  verify(): Promise<void>;
};

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** What went wrong, in French, naming what the user set: never the password. */
function explain(error: unknown, { host, port, user }: SmtpConfig): UnavailableError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const raw = error instanceof Error ? error.message : String(error);
  const where = `${host}:${port}`;
  if (code === 'EAUTH' || code === 'ENOAUTH')
    return new UnavailableError(`Identifiant ou mot de passe refusé par le serveur SMTP ${host} (identifiant : ${user || 'aucun'}).`);
  if (code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(raw)) return new UnavailableError(`Serveur SMTP introuvable : ${host} (vérifiez son nom).`);
  if (/ECONNREFUSED/.test(raw)) return new UnavailableError(`Serveur SMTP injoignable : ${where} (connexion refusée, vérifiez le port).`);
  if (code === 'ETIMEDOUT') return new UnavailableError(`Serveur SMTP injoignable : ${where} (pas de réponse en ${SMTP_TIMEOUT_MS / 1_000} s).`);
  if (code === 'ETLS' || /certificate|self[- ]signed|wrong version number|SSL/i.test(raw)) {
    return new UnavailableError(`Connexion TLS refusée avec ${where} : vérifiez le port et l'option TLS (465 : TLS dès le début ; 587 : sans).`);
  }
  if (code === 'EENVELOPE') return new UnavailableError(`Adresse refusée par le serveur SMTP ${host} : ${raw}`);
  return new UnavailableError(`Envoi refusé par le serveur SMTP ${where} : ${raw}`);
}

/** The sender: the login when it is an address (what most servers require), else the recipient. */
const senderOf = ({ user, to }: SmtpConfig): string => (EMAIL.test(user) ? user : to);

/** Sends through the user's SMTP server with nodemailer, one connection per message (a digest per run). */
export function smtpMailer(config: SmtpConfig): Mailer {
  const transport = () =>
    createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.password } : undefined,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
  const attempt = async <T>(work: (mail: ReturnType<typeof transport>) => Promise<T>): Promise<T> => {
    const mail = transport();
    try {
      return await work(mail);
    } catch (error) {
      throw explain(error, config);
    } finally {
      mail.close();
    }
  };
  return {
    send: (message) =>
      attempt(async (mail) => {
        await mail.sendMail({ from: { name: 'Veille', address: senderOf(config) }, to: config.to, ...message });
      }),
    verify: () =>
      attempt(async (mail) => {
        await mail.verify();
      }),
  };
}
