import { parentPort } from 'node:worker_threads';
import type { Board, PageOutcome, ParsedOffer } from '@veille/domain';
import { extract } from '../adapters/page-fetcher/extractors';
import { decodeAlert } from '../mail/decode';
import { parserFor } from '../parsers/registry';
import { HtmlTooDeepError } from './html';

/** What a parse worker is asked: one email to read with its board's parser, or one page to extract. */
export type ParseRequest = { kind: 'email'; board: Board; raw: Uint8Array } | { kind: 'page'; url: string; html: string; now: Date };

export type ParseTask = ParseRequest & { id: number };

/** An email's offers, or why it cannot be read (it stays in the mailbox). */
export type EmailReading = { offers: ParsedOffer[] } | { error: string };

/** The message a worker posts as it takes a task: the task's time limit starts then, not in the queue. */
export const STARTED = 'veilleParseStarted';

/**
 * The busiest real alert holds 30 offers. Thousands would be stored and announced in one go on
 * the main thread, stalling the API as long as a deep parse would.
 */
export const MAX_OFFERS_PER_EMAIL = 200;

const readEmail = async (board: Board, raw: Uint8Array): Promise<EmailReading> => {
  const parser = parserFor(board);
  if (!parser) return { error: `Aucun parseur pour ${board}` };
  try {
    const offers = parser.parse(await decodeAlert(raw));
    if (offers.length > MAX_OFFERS_PER_EMAIL)
      return { error: `Email trop chargé (${offers.length} offres, limite ${MAX_OFFERS_PER_EMAIL}) : laissé dans la boîte.` };
    return { offers };
  } catch (error) {
    if (error instanceof HtmlTooDeepError) return { error: `${error.message} : laissé dans la boîte.` };
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

/** Runs on a worker thread: all the CPU work of reading an alert or a page. */
export async function runParseTask(task: ParseTask): Promise<EmailReading | PageOutcome> {
  parentPort?.postMessage({ [STARTED]: task.id });
  return task.kind === 'email' ? readEmail(task.board, task.raw) : extract(task.url, task.html, task.now);
}

const SAMPLE_EMAIL = [
  'From: LinkedIn <jobalerts-noreply@linkedin.com>',
  'Subject: =?utf-8?q?Nouvelles_offres?=',
  'Content-Type: text/html; charset=iso-8859-1',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<div><a href=3D"https://www.linkedin.com/jobs/view/4000000001/">Ing=E9nieur</a><p>Acme =B7 Lyon</p></div>',
].join('\r\n');

const SAMPLE_PAGE =
  '<html><head><script type="application/ld+json">{"@type":"JobPosting","description":"<p>Texte</p>"}</script></head><body><main><p>Texte</p></main></body></html>';

/**
 * Reads a sample email and page once, before the worker says it is ready: the libraries' lazy
 * loading and first compilations are not charged to the first real item's time limit.
 */
export async function warmUp(): Promise<void> {
  await readEmail('LinkedIn', Buffer.from(SAMPLE_EMAIL));
  extract('https://www.example.com/offre', SAMPLE_PAGE, new Date());
}
