import { ImapFlow } from 'imapflow';
import { createImapMailbox } from '../../src/adapters/imap';
import type { ImapConfig } from '../../src/adapters/imap/config';
import { demoEmails } from '../../src/demo/emails';
import { dovecotAvailable, startDovecot, type Dovecot } from '../dovecot';
import { report } from './measure';

const EMAILS = 2_000;
const RUNS = 5;

const fill = async (dovecot: Dovecot): Promise<void> => {
  const samples = demoEmails('http://127.0.0.1:3000', new Date());
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await client.connect();
  for (let index = 0; index < EMAILS; index += 1) await client.append('INBOX', samples[index % samples.length].content);
  await client.logout();
};

const timed = async (audit: () => Promise<unknown[]>): Promise<number> => {
  const started = process.hrtime.bigint();
  const refs = await audit();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (refs.length !== EMAILS) throw new Error(`audit saw ${refs.length} emails, not ${EMAILS}`);
  return elapsed;
};

/**
 * The audit behind "A importer": one envelope FETCH over a folder of 2,000 alerts on a real
 * loopback Dovecot, first on a new connection (login and SELECT included), then on the live one.
 */
export async function benchImapAudit(): Promise<void> {
  if (!dovecotAvailable()) return;
  const dovecot = await startDovecot();
  try {
    await fill(dovecot);
    const config: ImapConfig = {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
      folder: 'INBOX',
      archiveFolder: 'Archive',
    };
    const mailbox = createImapMailbox(config);
    const cold = await timed(() => mailbox.audit());
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run += 1) warm.push(await timed(() => mailbox.audit()));
    await mailbox.close();
    warm.sort((a, b) => a - b);
    report(`IMAP audit of ${EMAILS.toLocaleString('en')} emails, new connection`, `${cold.toFixed(0)} ms`, '≤ 2,000 ms');
    report(
      `IMAP audit of ${EMAILS.toLocaleString('en')} emails, live (median / worst of ${RUNS})`,
      `${warm[Math.floor(RUNS / 2)].toFixed(0)} / ${warm[RUNS - 1].toFixed(0)} ms`,
      '≤ 2,000 ms',
    );
  } finally {
    await dovecot.remove();
  }
}
