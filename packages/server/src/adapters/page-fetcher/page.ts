import type { PageOutcome } from '@veille/domain';
import type * as cheerio from 'cheerio';
import { htmlToText } from './text';

export type Page = { url: string; html: string; $: cheerio.CheerioAPI; now: Date };

/** Reads a page into an outcome, or passes (undefined) to the next extractor. */
export type Extractor = (page: Page) => PageOutcome | undefined;

/** The text a reader sees in an element: no scripts, menus, headers, footers or forms. */
export const visibleText = ($: cheerio.CheerioAPI, selector: string): string => {
  const copy = $(selector).first().clone();
  copy.find('script, style, noscript, nav, header, footer, aside, form').remove();
  return htmlToText(copy.html() ?? '');
};
