import type * as cheerio from 'cheerio';
import { plainText } from '../../parsing/html';

/** JSON-LD nests its objects at most in arrays and `@graph`s, a level or two: deeper is no posting. */
const MAX_JSON_LD_NESTING = 8;

/** The JSON-LD objects in document order, arrays and `@graph`s opened without recursion. */
const flatten = (data: unknown): unknown[] => {
  const found: unknown[] = [];
  const pending: { node: unknown; level: number }[] = [{ node: data, level: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, level } = next;
    const inner = Array.isArray(node) ? node : node && typeof node === 'object' && '@graph' in node ? [node['@graph']] : undefined;
    if (!inner) found.push(node);
    else if (level < MAX_JSON_LD_NESTING) for (let index = inner.length - 1; index >= 0; index -= 1) pending.push({ node: inner[index], level: level + 1 });
  }
  return found;
};

const isJobPosting = (node: unknown): boolean => {
  const type = (node as { '@type'?: unknown } | null)?.['@type'];
  return type === 'JobPosting' || (Array.isArray(type) && type.includes('JobPosting'));
};

/** The first schema.org JobPosting of each JSON-LD script of the page, in document order (scripts that are no JSON skipped). */
export function jobPostingNodes($: cheerio.CheerioAPI): unknown[] {
  const postings: unknown[] = [];
  for (const script of $('script[type="application/ld+json"]').toArray()) {
    let data: unknown;
    try {
      data = JSON.parse(plainText([script]));
    } catch {
      continue;
    }
    const posting = flatten(data).find(isJobPosting);
    if (posting !== undefined) postings.push(posting);
  }
  return postings;
}
