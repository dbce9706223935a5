import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { demoEmails } from './emails';

/** Writes the demo alerts into a new mailbox folder; their links point at this server's origin. */
export async function seedDemo(mailboxDir: string, origin: string, now = new Date()): Promise<number> {
  const emails = demoEmails(origin, now);
  for (const email of emails) await writeFile(path.join(mailboxDir, email.fileName), email.content, { flag: 'wx' });
  return emails.length;
}
