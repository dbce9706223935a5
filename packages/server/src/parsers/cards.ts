import type { AlertEmail, ParsedOffer } from '@veille/domain';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** What a board says of one of its job links: the stable key and the canonical URL, or nothing. */
export type JobLink = { key: string; url: string };
export type LinkReader = (href: string) => JobLink | undefined;

const BLOCKS = 'p, div, tr, td, th, li, h1, h2, h3, h4, h5, h6, table';
const SALARY = /(\d[\d\s.,]*\s?(k|K)?\s?€|€\s?\d|\d+\s?k€|EUR|par mois|\/\s?an|\/\s?mois|brut)/;
const LOCATION = /\((\d{2}|2A|2B)\)|^\s*(\d{2}|2A|2B)\s*-\s*\S|,\s*France\b|télétravail|Remote|Île-de-France/i;
const NOISE = /^(voir l'offre|postuler|view job|apply|nouveau|new|candidature simplifiée|easy apply|je postule|voir|découvrir)$/i;

/** Strips the tracking parameters boards add to links, keeping what identifies the page. */
export const canonicalUrl = (href: string): string => {
  const url = new URL(href);
  for (const name of [...url.searchParams.keys()]) {
    if (/^(utm_|trk|ref|tracking|mc_|_hs|origin|xtor|lipi|midToken|midSig|eid|otpToken)/i.test(name)) url.searchParams.delete(name);
  }
  url.hash = '';
  return url.toString();
};

/** Demo emails link to Veille's own pages: /demo/offres/<board slug>-<id>. */
export const demoLink =
  (slug: string): LinkReader =>
  (href) => {
    const match = new RegExp(`/demo/offres/(${slug}-[\\w-]+)$`).exec(href.split(/[?#]/)[0]);
    return match ? { key: `${slug}:${match[1].slice(slug.length + 1)}`, url: href.split(/[?#]/)[0] } : undefined;
  };

const linesOf = ($: cheerio.CheerioAPI, node: AnyNode): string[] => {
  const copy = $(node).clone();
  copy.find('br').replaceWith('\n');
  copy.find('style, script').remove();
  copy.find(BLOCKS).each((_index, element) => {
    $(element).append('\n');
  });
  return copy
    .text()
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0 && line.length < 200);
};

const departmentOf = (location: string): string => /\((\d{2}|2A|2B)\)/i.exec(location)?.[1] ?? /^\s*(\d{2}|2A|2B)\s*-/.exec(location)?.[1] ?? '';

const cityOf = (location: string): string =>
  location
    .replace(/\((\d{2}|2A|2B)\)/i, '')
    .replace(/^\s*(\d{2}|2A|2B)\s*-\s*/, '')
    .replace(/,\s*France\b.*$/i, '')
    .replace(/\s+[-–|·•]\s.*$/, '')
    .trim();

/** The largest element around a link that holds no other job: the job card. */
const cardOf = ($: cheerio.CheerioAPI, anchor: Element, keyOf: (element: Element) => string | undefined): AnyNode => {
  const own = keyOf(anchor);
  let card: AnyNode = anchor;
  for (const parent of $(anchor).parents().toArray()) {
    if (parent.tagName === 'body' || parent.tagName === 'html') break;
    const keys = new Set($(parent).find('a[href]').toArray().map(keyOf).filter(Boolean));
    if (keys.size > 1 || (keys.size === 1 && !keys.has(own))) break;
    card = parent;
  }
  return card;
};

/**
 * Reads every job card of an alert: each link the board recognises is one job; the lines around
 * it give the title, the company, the place and the salary.
 */
export const readCards = (email: AlertEmail, readLink: LinkReader): ParsedOffer[] => {
  const html = email.html || `<pre>${email.text.replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')}</pre>`;
  const $ = cheerio.load(html);
  const links = new Map<Element, JobLink>();
  for (const anchor of $('a[href]').toArray()) {
    const link = safeRead(readLink, $(anchor).attr('href') ?? '');
    if (link) links.set(anchor, link);
  }
  const keyOf = (element: Element): string | undefined => links.get(element)?.key;
  const offers = new Map<string, ParsedOffer>();
  for (const [anchor, link] of links) {
    const lines = linesOf($, cardOf($, anchor, keyOf)).filter((line) => !NOISE.test(line));
    const anchorText = $(anchor).text().replace(/\s+/g, ' ').trim();
    const title = anchorText && !NOISE.test(anchorText) && !/^https?:/.test(anchorText) ? anchorText : (lines[0] ?? '');
    const rest = lines.filter((line) => line !== title);
    const location = rest.find((line) => LOCATION.test(line)) ?? '';
    const salary = rest.find((line) => line !== location && SALARY.test(line)) ?? '';
    const company = rest.find((line) => line !== location && line !== salary) ?? '';
    const previous = offers.get(link.key);
    if (previous && previous.title) continue;
    offers.set(link.key, {
      key: link.key,
      url: link.url,
      title,
      company,
      city: cityOf(location),
      department: departmentOf(location),
      salary,
      offerDate: '',
    });
  }
  return [...offers.values()].filter((offer) => offer.title);
};

const safeRead = (readLink: LinkReader, href: string): JobLink | undefined => {
  try {
    return readLink(href);
  } catch {
    return undefined;
  }
};
