import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AlertEmail, ParsedOffer } from '@veille/domain';
import { decodeAlert } from '../src/mail/decode';
import { EMAILS_DIR } from './fixtures';

/**
 * `describe` when the real alerts are there; a loud skip on a clone without them; never a skip
 * under CI, where their absence must fail the run.
 */
export function describeRealAlerts(name: string, body: () => void): void {
  if (existsSync(EMAILS_DIR) || process.env.CI) {
    describe(name, body);
    return;
  }
  console.warn(`\n*** ${name}: SKIPPED, no real alerts in ${EMAILS_DIR} ***\n`);
  describe.skip(name, body);
}

type IndexRow = { folder: string; file: string; sender: string };

const indexRows = (): IndexRow[] => {
  const [, ...rows] = readFileSync(path.join(EMAILS_DIR, 'INDEX.tsv'), 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [folder, file, sender] = row.split('\t');
    return { folder, file, sender };
  });
};

/** HTML-only fixtures name their sender in INDEX.tsv, or in an HTML comment at the top. */
const senderOf = (row: IndexRow, html: string): string => (row.sender.includes('@') ? row.sender : (/<!--\s*From:[^<]*<([^>]+)>/i.exec(html)?.[1] ?? ''));

/** Every real alert of a fixtures folder (`linkedin`, `wttj`…), by file name, as parsers see it. */
export async function realAlerts(folder: string): Promise<Map<string, AlertEmail>> {
  const alerts = new Map<string, AlertEmail>();
  for (const row of indexRows().filter((candidate) => candidate.folder === folder)) {
    const content = readFileSync(path.join(EMAILS_DIR, row.file));
    if (row.file.endsWith('.eml')) {
      alerts.set(row.file, await decodeAlert(content));
      continue;
    }
    const html = content.toString('utf8');
    alerts.set(row.file, { sender: senderOf(row, html), subject: '', html, text: '' });
  }
  return alerts;
}

/** Folders of boards Veille has no parser for. */
export const UNKNOWN_FOLDERS = ['trueup', 'greenhouse', 'jobright', 'jobbank-canada', 'getro'];

export type Expected = {
  cards: number;
  first?: Partial<Record<'key' | 'url' | 'title' | 'company' | 'city' | 'department' | 'salary', string>>;
};

/** What every parse of a real alert must hold: the counted cards, distinct keys, titled offers, clean links. */
export function expectCards(offers: ParsedOffer[], expected: Expected): void {
  expect(offers).toHaveLength(expected.cards);
  expect(new Set(offers.map((offer) => offer.key)).size).toBe(offers.length);
  if (expected.first) expect(offers[0]).toMatchObject(expected.first);
  for (const offer of offers) {
    expect(offer.title).not.toBe('');
    expect(offer.url).toMatch(/^https?:\/\//);
    expect([...new URL(offer.url).searchParams.keys()].filter((name) => /^(utm_|trk|refId|trackingId)/.test(name))).toEqual([]);
  }
}
