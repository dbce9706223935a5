import type { PageOutcome } from '@veille/domain';
import type * as cheerio from 'cheerio';
import { plainText } from '../../parsing/html';
import { CODE, textOf } from './text';

export type Page = { url: string; html: string; $: cheerio.CheerioAPI; now: Date };

/** Reads a page into an outcome, or passes (undefined) to the next extractor. */
export type Extractor = (page: Page) => PageOutcome | undefined;

const CHROME = [...CODE, 'nav', 'header', 'footer', 'aside', 'form'];

/** The first element the selector finds; the whole document stands for a `body` the HTML never opened. */
const first = ($: cheerio.CheerioAPI, selector: string) => {
  const found = $(selector).first();
  return found.length || selector !== 'body' ? found : $.root();
};

/** The text a reader sees in an element: no scripts, menus, headers, footers or forms. */
export function visibleText($: cheerio.CheerioAPI, selector: string): string {
  return textOf(first($, selector).contents().toArray(), CHROME);
}

/** All the text an element holds, as `.text()` gives it. */
export function allText($: cheerio.CheerioAPI, selector: string): string {
  return plainText(first($, selector).toArray());
}
