import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mimeMessage } from '../src/demo/emails';

/** `../shared` beside the repository root: material for tests, absent on a user's clone. */
export const SHARED_DIR = path.resolve(__dirname, '../../../../shared');
export const EMAILS_DIR = path.join(SHARED_DIR, 'fixtures', 'emails');

/** Fixture tests skip loudly where ../shared is absent, and never when CI is set (they fail there). */
export function fixturesAvailable(): boolean {
  if (existsSync(EMAILS_DIR) || process.env.CI) return true;
  console.warn(`\n*** Fixture tests SKIPPED: no ${EMAILS_DIR} (the shared test material sits beside the repository) ***\n`);
  return false;
}

export type FixtureEmail = { file: string; board: string; sender: string; raw: Buffer };

const fromComment = (html: string): { sender: string; subject: string } => ({
  sender: /<!--\s*From:[^<]*<([^>]+)>/i.exec(html)?.[1] ?? '',
  subject: /<!--\s*Subject:\s*(.*?)\s*-->/i.exec(html)?.[1] ?? '',
});

/** Every fixture as an RFC 822 message: HTML-only ones wrapped with the sender INDEX.tsv gives. */
export function fixtureEmails(): FixtureEmail[] {
  const [, ...rows] = readFileSync(path.join(EMAILS_DIR, 'INDEX.tsv'), 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [board, file, indexSender] = row.split('\t');
    const content = readFileSync(path.join(EMAILS_DIR, file));
    if (file.endsWith('.eml')) return { file, board, sender: indexSender, raw: content };
    const html = content.toString('utf8');
    const comment = fromComment(html);
    const sender = indexSender.includes('@') ? indexSender : comment.sender;
    const raw = mimeMessage({ name: board, address: sender }, comment.subject || `Alerte ${board}`, new Date('2026-11-20T08:00:00Z'), {
      text: '',
      html,
    });
    return { file, board, sender, raw: Buffer.from(raw) };
  });
}
