import { UNKNOWN_BOARD, type AlertParser, type Board } from '@veille/domain';
import { cadremploiParser } from './cadremploi';
import { canonicalUrl, type JobLink } from './cards';
import { franceTravailParser } from './francetravail';
import { glassdoorParser } from './glassdoor';
import { helloWorkParser } from './hellowork';
import { indeedParser } from './indeed';
import { jtmsParser } from './jtms';
import { linkedInParser } from './linkedin';
import type { BoardParser } from './links';
import { monsterParser } from './monster';
import { untrack } from './tracking';
import { wttjParser } from './wttj';

export const PARSERS: readonly BoardParser[] = [
  linkedInParser,
  helloWorkParser,
  wttjParser,
  jtmsParser,
  cadremploiParser,
  indeedParser,
  glassdoorParser,
  monsterParser,
  franceTravailParser,
];

/**
 * Links that give a board away when the sender does not (an alert forwarded from one's own
 * address): job pages, and the trackers only its alerts use. Never a bare domain, which any
 * newsletter's "follow us" footer links to.
 */
const JOB_LINKS: [RegExp, Board][] = [
  [/linkedin\.com\/(comm\/)?jobs\/view\//, 'LinkedIn'],
  [/hellowork\.com\/fr-fr\/emplois\/\d+/, 'HelloWork'],
  [/welcometothejungle\.com\/\w+\/companies\/[\w-]+\/jobs\//, 'Welcome to the Jungle'],
  [/jobs\.makesense\.org\//, 'Jobs That Make Sense'],
  [/cadremploi\.fr\/emploi\/detail_offre/, 'Cadremploi'],
  [/indeed\.[a-z.]+\/(viewjob|rc\/clk|pagead\/clk)/, 'Indeed'],
  [/glassdoor\.[a-z.]+\/[^"'\s]*jobListingId=/, 'Glassdoor'],
  [/monster\.(com|fr)\/job-openings\//, 'Monster'],
  [/(francetravail|pole-emploi)\.fr\/candidat\/offres\/recherche\/detail\//, 'France Travail'],
  [/^https?:\/\/t\.welcometothejungle\.com\/ls\/click/, 'Welcome to the Jungle'],
  [/^https?:\/\/engage\.indeed\.com\//, 'Indeed'],
  [/^https?:\/\/r\.emails\d*\.alertes\.cadremploi\.fr\//, 'Cadremploi'],
  [/^https?:\/\/click\.monster\.com\//, 'Monster'],
];

const HREF = /href\s*=\s*["']([^"']+)["']/gi;

const boardOfLinks = (html: string): Board | undefined => {
  for (const [, href] of html.matchAll(HREF)) {
    const link = href.replace(/&amp;/g, '&');
    for (const candidate of [link, untrack(link)]) {
      const found = JOB_LINKS.find(([pattern]) => pattern.test(candidate));
      if (found) return found[1];
    }
  }
  return undefined;
};

/** The board of an email: from its sender first, else from the job links its HTML holds. */
export function detectBoard(sender: string, html?: string): Board {
  const bySender = PARSERS.find((parser) => parser.accepts(sender));
  if (bySender) return bySender.board;
  if (!html) return UNKNOWN_BOARD;
  return boardOfLinks(html) ?? UNKNOWN_BOARD;
}

export function parserFor(board: Board): AlertParser | undefined {
  return PARSERS.find((candidate) => candidate.board === board);
}

export function hasParser(board: Board): boolean {
  return parserFor(board) !== undefined;
}

/**
 * The key and URL of a job link pasted by hand, by the rules of import: the board's job id when the
 * link is a known board's (its tracking read through), else the link without tracking parameters.
 * The same job imported from an alert and added by hand is then one offer.
 */
export function jobLinkOf(href: string): JobLink {
  const untracked = untrack(href);
  // A target read out of a tracker that is no valid URL after all: the link as it was pasted.
  const target = URL.canParse(untracked) ? untracked : href;
  for (const parser of PARSERS) {
    const link = parser.jobLink(target);
    if (link) return link;
  }
  const url = canonicalUrl(target);
  return { key: url, url };
}
