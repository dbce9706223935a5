import { ImapFlow } from 'imapflow';
import { createImapMailbox } from '../adapters/imap';
import { demoEmails } from '../demo/emails';
import { dovecotAvailable, startDovecot } from '../testing/dovecot';
import { report } from './measure';

const EMAILS = 2_000;

/** The audit behind "A importer": one envelope fetch over a folder of 2,000 alerts on a real Dovecot. */
export const benchImapAudit = async (): Promise<void> => {
  if (!dovecotAvailable()) return;
  const dovecot = await startDovecot();
  const samples = demoEmails('http://127.0.0.1:3000', new Date());
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await client.connect();
  for (let index = 0; index < EMAILS; index += 1) await client.append('INBOX', samples[index % samples.length].content);
  await client.logout();

  const mailbox = createImapMailbox({ host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password, folder: 'INBOX', archiveFolder: 'Archive' });
  await mailbox.audit();
  const timings: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = process.hrtime.bigint();
    const refs = await mailbox.audit();
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (refs.length !== EMAILS) throw new Error(`audit saw ${refs.length} emails, not ${EMAILS}`);
  }
  await mailbox.close();
  await dovecot.remove();
  timings.sort((a, b) => a - b);
  report(`IMAP audit of ${EMAILS.toLocaleString('en')} emails (median / worst of 5)`, `${timings[2].toFixed(0)} / ${timings[4].toFixed(0)} ms`, '≤ 2,000 ms');
};
