import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'veille@example.org';
export const SMTP_PASSWORD = 'mot-de-passe-smtp-9f3k2';

/**
 * A real SMTP server on 127.0.0.1 that wants a login (plain, no TLS: the test's own loopback), and
 * keeps every message it accepts, parsed back by mailparser.
 */
export async function startSmtpServer() {
  const received: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth: (auth, _session, callback) => {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          const { mailFrom, rcptTo } = session.envelope;
          envelopes.push({ from: mailFrom ? mailFrom.address : '', to: rcptTo.map((rcpt) => rcpt.address) });
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    envelopes,
    /** Resolves once `count` messages in all have arrived. */
    receivedCount: (count: number): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => (received.length >= count ? resolve() : void waiters.push(check));
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** One SMTP server for a whole describe block, emptied of what it received after each test. */
export function smtpForSuite(): { readonly smtp: SmtpServer } {
  const suite = {} as { smtp: SmtpServer };
  beforeAll(async () => {
    suite.smtp = await startSmtpServer();
  });
  afterEach(() => {
    suite.smtp.received.length = 0;
    suite.smtp.envelopes.length = 0;
  });
  afterAll(async () => {
    await suite.smtp?.close();
  });
  return suite;
}
