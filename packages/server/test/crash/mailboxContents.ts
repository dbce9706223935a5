import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedDemo } from '../../src/demo/seed';
import { fixtureEmails } from '../fixtures';

export type MailFile = { readonly where: string; readonly sha: string };

const sha = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** The demo set (its links on `origin`) and every real alert of ../shared, as a user drops them in. */
export async function fillMailbox(mailboxDir: string, origin: string): Promise<void> {
  mkdirSync(mailboxDir, { recursive: true });
  await seedDemo(mailboxDir, origin);
  fixtureEmails().forEach((fixture, index) => {
    const name = `fixture-${String(index).padStart(2, '0')}-${path.basename(fixture.file).replace(/\.[^.]+$/, '')}.eml`;
    writeFileSync(path.join(mailboxDir, name), fixture.raw);
  });
}

/** Every file under the mailbox folder (waiting ones and the archive, at any depth), by content. */
export function mailboxContents(mailboxDir: string): MailFile[] {
  const files: MailFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else files.push({ where: path.relative(mailboxDir, file), sha: sha(readFileSync(file)) });
    }
  };
  walk(mailboxDir);
  return files.sort((a, b) => a.where.localeCompare(b.where));
}

/**
 * Where each original email's bytes are now: no place is a lost email, two places an email
 * archived twice or left behind after its archive. Files matching no original are `strangers`.
 */
export function placesOf(originals: MailFile[], now: MailFile[]): { places: Map<string, string[]>; strangers: string[] } {
  const owner = new Map(originals.map((original) => [original.sha, original.where]));
  if (owner.size !== originals.length) throw new Error('Deux emails de départ ont le même contenu : leurs places seraient confondues');
  const places = new Map<string, string[]>(originals.map((original) => [original.where, []]));
  const strangers: string[] = [];
  for (const file of now) {
    const original = owner.get(file.sha);
    if (original) places.get(original)!.push(file.where);
    else strangers.push(file.where);
  }
  return { places, strangers };
}
