import type { AlertEmail, ParsedOffer } from '@veille/domain';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { untrack } from './tracking';

/** What a board says of one of its links: the job's stable key and canonical URL, or nothing. */
export type JobLink = { key: string; url: string };
export type LinkReader = (href: string, text: string) => JobLink | undefined;

/** A job card as text: its link's title, the lines before and after it, and the texts of the links to the job. */
export type Card = { title: string; before: string[]; after: string[]; texts: string[] };
export type CardFields = Pick<ParsedOffer, 'title' | 'company' | 'city' | 'department' | 'salary'>;
/** Reads a card's fields, or says (undefined) that this block is no job card (a footer link, a promo). */
export type CardReader = (card: Card) => CardFields | undefined;

const BLOCKS = 'p, div, tr, td, th, li, h1, h2, h3, h4, h5, h6, table';

/** Link texts that are buttons or navigation, never a job's title. */
export const NOISE =
  /^(voir( l['’]offre)?|postuler|view( job)?|apply( now)?|quick apply|nouveau|new|candidature simplifiée|easy apply|je postule|découvrir|voir toutes les offres|afficher tous les emplois|view all jobs|see all jobs|toutes les annonces|modifier( cette alerte)?|gérer mes alertes|se désabonner|cliquez ici|.{0,2})$/i;

export const SALARY = /(\d[\d\s.,]*\s?(k|K)?\s?(€|\$|£)|(€|\$|£)\s?\d|\d+\s?k€|\bEUR\b|par (an|mois|jour)|\/\s?(an|mois|year|yr|hour|hr)\b|an hour|a year|per (year|hour))/;

/** Strips the tracking parameters boards add to links, keeping what identifies the page. */
export const canonicalUrl = (href: string): string => {
  const url = new URL(href);
  for (const name of [...url.searchParams.keys()]) {
    if (/^(utm_|trk|ref|tracking|mc_|_hs|origin|xtor|lipi|midToken|midSig|eid|otpToken|from|alertAction|qd|tk)/i.test(name)) url.searchParams.delete(name);
  }
  url.hash = '';
  return url.toString();
};

/** Demo emails link to Veille's own pages: /demo/offres/<board slug>-<id>. */
export const demoLink =
  (slug: string): LinkReader =>
  (href) => {
    const path = href.split(/[?#]/)[0];
    const match = new RegExp(`/demo/offres/(${slug}-[\\w-]+)$`).exec(path);
    return match ? { key: `${slug}:${match[1].slice(slug.length + 1)}`, url: path } : undefined;
  };

/** Marks a line break; raw newlines in the HTML source are only white space. */
const BREAK = '\uE000';

export const linesOf = ($: cheerio.CheerioAPI, node: AnyNode): string[] => {
  const copy = $(node).clone();
  copy.find('br').replaceWith(BREAK);
  copy.find('style, script').remove();
  copy.find(BLOCKS).each((_index, element) => {
    $(element).prepend(BREAK).append(BREAK);
  });
  return copy
    .text()
    .replace(/[\s\u034f\u200c\u200b\u00ad]+/g, ' ')
    .split(BREAK)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && line.length < 300);
};

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

const safeRead = (readLink: LinkReader, href: string, text: string): JobLink | undefined => {
  try {
    return readLink(href, text) ?? readLink(untrack(href), text);
  } catch {
    return undefined;
  }
};

/**
 * Reads every job card of an alert: the links the board recognises are the jobs (several links
 * to one job make one card); the card's title is the first line of its first titled link, and
 * the board's reader takes its fields from the lines after it.
 */
export const readCards = (email: AlertEmail, readLink: LinkReader, readCard: CardReader): ParsedOffer[] => {
  const html = email.html || `<pre>${email.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/(https?:\/\/[^\s<>]+)/g, '<a href="$1">$1</a>')}</pre>`;
  const $ = cheerio.load(html);
  const links = new Map<Element, JobLink>();
  const byKey = new Map<string, { link: JobLink; anchors: Element[] }>();
  for (const anchor of $('a[href]').toArray()) {
    const text = linesOf($, anchor)[0] ?? '';
    const link = safeRead(readLink, $(anchor).attr('href') ?? '', NOISE.test(text) ? '' : text);
    if (!link) continue;
    links.set(anchor, link);
    const group = byKey.get(link.key) ?? { link, anchors: [] };
    group.anchors.push(anchor);
    byKey.set(link.key, group);
  }
  const keyOf = (element: Element): string | undefined => links.get(element)?.key;
  const offers: ParsedOffer[] = [];
  for (const { link, anchors } of byKey.values()) {
    const texts = anchors.map((anchor) => linesOf($, anchor)[0] ?? '').filter((text) => text && !NOISE.test(text));
    const lines = linesOf($, cardOf($, anchors[0], keyOf));
    const title = texts[0] ?? '';
    const at = title ? lines.indexOf(title) : -1;
    const fields = readCard({ title, before: at >= 0 ? lines.slice(0, at) : [], after: at >= 0 ? lines.slice(at + 1) : lines, texts });
    if (fields?.title) offers.push({ key: link.key, url: link.url, offerDate: '', ...fields });
  }
  return offers;
};

/** "Lyon (69)", "Courbevoie - 92", "69 - Lyon", "Lyon, Auvergne-Rhône-Alpes, France". */
export const placeOf = (location: string): { city: string; department: string } => {
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
};
