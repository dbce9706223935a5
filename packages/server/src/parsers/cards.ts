import type { AlertEmail, ParsedOffer } from '@veille/domain';
import type { AnyNode, Element } from 'domhandler';
import { isMarkupElement, isText, loadHtml, walk } from '../parsing/html';
import { isThisMachine } from './thisMachine';
import { untrack } from './tracking';

/** What a board says of one of its links: the job's stable key and canonical URL, or nothing. */
export type JobLink = { key: string; url: string };
export type LinkReader = (href: string, text: string) => JobLink | undefined;

/** A job card as text: its link's title, the lines before and after it, and the texts of the links to the job. */
export type Card = { title: string; before: string[]; after: string[]; texts: string[] };
export type CardFields = Pick<ParsedOffer, 'title' | 'company' | 'city' | 'department' | 'salary'>;
/** Reads a card's fields, or says (undefined) that this block is no job card (a footer link, a promo). */
export type CardReader = (card: Card) => CardFields | undefined;

const BLOCKS = new Set(['p', 'div', 'tr', 'td', 'th', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'br']);

/** Link texts that are buttons or navigation, never a job's title. */
export const NOISE =
  /^(voir( l['’]offre)?|postuler|view( job)?|apply( now)?|quick apply|nouveau|new|candidature simplifiée|easy apply|je postule|découvrir|voir toutes les offres|afficher tous les emplois|view all jobs|see all jobs|toutes les annonces|modifier( cette alerte)?|gérer mes alertes|se désabonner|cliquez ici|.{0,2})$/i;

export const SALARY =
  /(\d[\d\s.,]*\s?(k|K)?\s?(€|\$|£)|(€|\$|£)\s?\d|\d+\s?k€|\bEUR\b|par (an|mois|jour)|\/\s?(an|mois|year|yr|hour|hr)\b|an hour|a year|per (year|hour))/;

/** Strips the tracking parameters boards add to links, keeping what identifies the page. */
export function canonicalUrl(href: string): string {
  const url = new URL(href);
  for (const name of [...url.searchParams.keys()]) {
    if (/^(utm_|trk|ref|tracking|mc_|_hs|origin|xtor|lipi|midToken|midSig|eid|otpToken|from|alertAction|qd|tk)/i.test(name)) url.searchParams.delete(name);
  }
  url.hash = '';
  return url.toString();
}

/**
 * Demo emails link to Veille's own pages, /demo/offres/<board slug>-<id>, on this machine. The same
 * path on any other host is no demo page: it would pass a stranger's link off as a board's job.
 */
export function demoLink(slug: string): LinkReader {
  return (href) => {
    const url = new URL(href);
    const match = new RegExp(`^/demo/offres/(${slug}-[\\w-]+)$`).exec(url.pathname);
    if (!match || !isThisMachine(url.hostname)) return undefined;
    return { key: `${slug}:${match[1].slice(slug.length + 1)}`, url: `${url.origin}${url.pathname}` };
  };
}

const WEB_SCHEMES = new Set(['http:', 'https:']);

/** Marks a line break; raw newlines in the HTML source are only white space. */
const BREAK = '\uE000';

const isBlock = (node: AnyNode): boolean => isMarkupElement(node) && BLOCKS.has(node.name);

const collect = (root: AnyNode): string[] => {
  const parts: string[] = [];
  walk([root], {
    enter: (node) => {
      if (isText(node)) parts.push(node.data);
      else if (!isMarkupElement(node)) return false;
      else if (isBlock(node)) parts.push(BREAK);
      return true;
    },
    leave: (node) => {
      if (isBlock(node)) parts.push(BREAK);
    },
  });
  return parts;
};

/** The text of an element as the reader sees it: one line per block, white space folded. */
export function linesOf(node: AnyNode): string[] {
  return collect(node)
    .join('')
    .replace(/[\s\u034f\u200c\u200b\u00ad]+/g, ' ')
    .split(BREAK)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && line.length < 300);
}

/** For every element, the jobs linked from inside it: one walk up from each job link. */
const jobsInside = (links: Map<Element, JobLink>): Map<AnyNode, Set<string>> => {
  const inside = new Map<AnyNode, Set<string>>();
  for (const [anchor, link] of links) {
    for (let node = anchor.parent; node; node = node.parent) {
      const keys = inside.get(node) ?? new Set<string>();
      keys.add(link.key);
      inside.set(node, keys);
    }
  }
  return inside;
};

/** The largest element around a link that holds no other job: the job card. */
const cardOf = (anchor: Element, key: string, inside: Map<AnyNode, Set<string>>): AnyNode => {
  let card: AnyNode = anchor;
  for (let node = anchor.parent; node && isMarkupElement(node) && node.name !== 'body' && node.name !== 'html'; node = node.parent) {
    const keys = inside.get(node);
    if (keys && (keys.size > 1 || !keys.has(key))) break;
    card = node;
  }
  return card;
};

const isWebLink = (href: string): boolean => {
  try {
    return WEB_SCHEMES.has(new URL(href).protocol);
  } catch {
    return false;
  }
};

/**
 * A link is read at the destination its tracker carries: a decoded destination that is no job
 * page (feedback, settings) is no job, even though the tracker's own host is the board's. Only a
 * web page becomes an offer, whatever the board's reader makes of a `javascript:` or `file:` link,
 * since an offer's URL ends up as a link in the page.
 */
const safeRead = (readLink: LinkReader, href: string, text: string): JobLink | undefined => {
  try {
    const destination = untrack(href);
    if (!isWebLink(destination)) return undefined;
    const link = readLink(destination, text);
    return link && isWebLink(link.url) ? link : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Reads every job card of an alert: the links the board recognises are the jobs (several links
 * to one job make one card); the card's title is the first line of its first titled link, and
 * the board's reader takes its fields from the lines after it.
 */
export function readCards(email: AlertEmail, readLink: LinkReader, readCard: CardReader): ParsedOffer[] {
  const html =
    email.html ||
    `<pre>${email.text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/(https?:\/\/[^\s<>]+)/g, '<a href="$1">$1</a>')}</pre>`;
  const $ = loadHtml(html);
  const links = new Map<Element, JobLink>();
  const byKey = new Map<string, { link: JobLink; anchors: Element[] }>();
  for (const anchor of $('a[href]').toArray()) {
    const text = linesOf(anchor)[0] ?? '';
    const link = safeRead(readLink, $(anchor).attr('href') ?? '', NOISE.test(text) ? '' : text);
    if (!link) continue;
    links.set(anchor, link);
    const group = byKey.get(link.key) ?? { link, anchors: [] };
    group.anchors.push(anchor);
    byKey.set(link.key, group);
  }
  const inside = jobsInside(links);
  const offers: ParsedOffer[] = [];
  for (const { link, anchors } of byKey.values()) {
    const texts = anchors.map((anchor) => linesOf(anchor)[0] ?? '').filter((text) => text && !NOISE.test(text));
    const lines = linesOf(cardOf(anchors[0], link.key, inside));
    const title = texts[0] ?? '';
    const at = title ? lines.indexOf(title) : -1;
    const fields = readCard({ title, before: at >= 0 ? lines.slice(0, at) : [], after: at >= 0 ? lines.slice(at + 1) : lines, texts });
    if (fields?.title) offers.push({ key: link.key, url: link.url, offerDate: '', ...fields });
  }
  return offers;
}

/** "Lyon (69)", "Courbevoie - 92", "69 - Lyon", "Lyon, Auvergne-Rhône-Alpes, France". */
export function placeOf(location: string): { city: string; department: string } {
  const department =
    /\((\d{2}|2A|2B)\)/i.exec(location)?.[1] ?? /^\s*(\d{2}|2A|2B)\s*-/.exec(location)?.[1] ?? /-\s*(\d{2}|2A|2B)\s*$/.exec(location)?.[1] ?? '';
  const city = location
    .replace(/\((\d{2}|2A|2B)\)/i, '')
    .replace(/^\s*(\d{2}|2A|2B)\s*-\s*/, '')
    .replace(/\s*-\s*(\d{2}|2A|2B)\s*$/, '')
    .replace(/\s*\((remote|hybrid|on-site|sur site|hybride|télétravail)\)\s*$/i, '')
    .split(',')[0]
    .trim();
  return { city, department };
}
