import type { OfferFields } from '@veille/domain';
import { plainText } from '../../parsing/html';
import type { Extractor, Page } from './page';
import { allText, visibleText } from './page';

const MIN_TEXT = 200;

const textOf = (page: Page, selectors: string): string => {
  const found = page.$(selectors).first();
  return plainText(found.toArray()).replace(/\s+/g, ' ').trim();
};

const compact = (fields: Partial<OfferFields>): Partial<OfferFields> => Object.fromEntries(Object.entries(fields).filter(([, value]) => value));

/** One board's page layout: where its description and details sit, and how it says an offer is closed. */
type Layout = { host: RegExp; description: string; title: string; company: string; place: string; closed?: RegExp };

const fromLayout =
  (layout: Layout): Extractor =>
  (page) => {
    if (!layout.host.test(new URL(page.url).hostname)) return undefined;
    const body = allText(page.$, 'body');
    if (layout.closed?.test(body)) return { kind: 'expired', reason: `Offre close : « ${layout.closed.exec(body)?.[0]} »` };
    const text = page.$(layout.description).length ? visibleText(page.$, layout.description) : '';
    if (text.length < MIN_TEXT) return undefined;
    const place = textOf(page, layout.place);
    return {
      kind: 'found',
      text,
      fields: compact({ title: textOf(page, layout.title), company: textOf(page, layout.company), city: place.split(',')[0].trim() }),
    };
  };

/** Boards whose public pages carry the offer in their own markup rather than in JSON-LD. */
export const BOARD_EXTRACTORS: readonly Extractor[] = [
  // LinkedIn's public ("guest") job page.
  fromLayout({
    host: /(^|\.)linkedin\.com$/,
    description: '.show-more-less-html__markup, .description__text',
    title: '.top-card-layout__title, .topcard__title',
    company: '.topcard__org-name-link, .topcard__flavor a',
    place: '.topcard__flavor--bullet',
    closed: /No longer accepting applications|Candidatures fermées|n’accepte plus de candidatures|n'accepte plus de candidatures/i,
  }),
  fromLayout({
    host: /(^|\.)indeed\.[a-z.]+$/,
    description: '#jobDescriptionText',
    title: '[data-testid="jobsearch-JobInfoHeader-title"], h1',
    company: '[data-testid="inlineHeader-companyName"], [data-company-name]',
    place: '[data-testid="inlineHeader-companyLocation"], [data-testid="job-location"]',
    closed: /This job has expired on Indeed|Cette offre (d’emploi |d'emploi )?a expiré/i,
  }),
  fromLayout({
    host: /(^|\.)cadremploi\.fr$/,
    description: '.job-description, [data-testid="job-description"]',
    title: 'h1',
    company: '.job-company, [data-testid="company-name"]',
    place: '.job-location, [data-testid="job-location"]',
    closed: /Cette offre n.est plus (en ligne|disponible)/i,
  }),
];
