import type { OfferFields, PageOutcome } from '@veille/domain';
import { plainText } from '../../parsing/html';
import type { Page } from './page';
import { htmlToText } from './text';

const MIN_DESCRIPTION = 200;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const string = (value: Json | undefined): string => (typeof value === 'string' ? value.trim() : '');

/** The JSON a page's script carries: a JSON script, or an assignment like `window.__INITIAL_DATA__ = {…}`. */
const scriptJson = (source: string): Json | undefined => {
  const trimmed = source.trim();
  const start = trimmed.startsWith('{') || trimmed.startsWith('[') ? 0 : trimmed.search(/=\s*[{[]/) + 1;
  if (start < 0) return undefined;
  const body = trimmed.slice(start).trim().replace(/;\s*$/, '');
  try {
    return JSON.parse(body) as Json;
  } catch {
    return undefined;
  }
};

/** The first object, depth first, that looks like a job: a title and a long description. */
const findJob = (node: Json, depth = 0): { [key: string]: Json } | undefined => {
  if (depth > 12 || node === null || typeof node !== 'object') return undefined;
  if (!Array.isArray(node)) {
    const description = string(node.description) || string(node.descriptionHtml) || string(node.body) || string(node.content);
    const title = string(node.title) || string(node.name);
    if (title && htmlToText(description).length >= MIN_DESCRIPTION) return node;
  }
  for (const child of Array.isArray(node) ? node : Object.values(node)) {
    const found = findJob(child, depth + 1);
    if (found) return found;
  }
  return undefined;
};

const nameOf = (value: Json | undefined): string => (typeof value === 'object' && value !== null && !Array.isArray(value) ? string(value.name) : string(value));

/**
 * Single-page boards (HelloWork, Welcome to the Jungle, Jobs That Make Sense…) ship the offer in
 * their app state: a JSON script (`__NEXT_DATA__`, `application/json`) or a global assignment.
 */
export function embeddedJsonExtractor({ $ }: Page): PageOutcome | undefined {
  for (const script of $('script:not([src])').toArray()) {
    const type = $(script).attr('type') ?? '';
    if (type && !/json|javascript/.test(type)) continue;
    const data = scriptJson(plainText([script]));
    const job = data === undefined ? undefined : findJob(data);
    if (!job) continue;
    const fields: Partial<OfferFields> = {
      title: string(job.title) || string(job.name),
      company: nameOf(job.company) || nameOf(job.organization) || nameOf(job.companyName),
      city: nameOf(job.city) || nameOf(job.location) || nameOf(job.office),
    };
    const text = htmlToText(string(job.description) || string(job.descriptionHtml) || string(job.body) || string(job.content));
    return { kind: 'found', text, fields: Object.fromEntries(Object.entries(fields).filter(([, value]) => value)) };
  }
  return undefined;
}
