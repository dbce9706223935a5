import type { OfferFields, PageOutcome } from '@veille/domain';
import { z } from 'zod';
import { HtmlTooDeepError, loadHtml } from '../../parsing/html';
import { BOARD_EXTRACTORS } from './boardExtractors';
import { canonicalOf } from './canonical';
import { embeddedJsonExtractor } from './embeddedJson';
import { jobPostingNodes } from './jsonLd';
import { htmlToText } from './text';

export type { Extractor, Page } from './page';
import type { Extractor, Page } from './page';

const text = z.string().trim();
const named = z.union([text, z.object({ name: text.optional() }).passthrough()]).optional();
const amount = z.union([z.number(), z.string()]).optional();
const address = z
  .object({ addressLocality: text.optional(), postalCode: z.union([text, z.number()]).optional(), addressRegion: text.optional() })
  .passthrough();
const place = z.object({ address: z.union([address, text]).optional() }).passthrough();

const jobPosting = z
  .object({
    title: text.optional(),
    description: text.optional(),
    hiringOrganization: named,
    jobLocation: z.union([place, z.array(place)]).optional(),
    baseSalary: z
      .object({
        currency: text.optional(),
        value: z.union([amount, z.object({ value: amount, minValue: amount, maxValue: amount, unitText: text.optional() }).passthrough()]).optional(),
      })
      .passthrough()
      .optional(),
    datePosted: text.optional(),
    validThrough: text.optional(),
  })
  .passthrough();

type JobPosting = z.infer<typeof jobPosting>;

const UNITS: Record<string, string> = { YEAR: 'an', MONTH: 'mois', WEEK: 'semaine', DAY: 'jour', HOUR: 'heure' };

const money = (value: string | number | undefined): string =>
  value === undefined || value === ''
    ? ''
    : Number(value)
        .toLocaleString('fr-FR')
        .replace(/\u202f/g, ' ');

const salaryOf = (salary: JobPosting['baseSalary']): string => {
  if (!salary?.value) return '';
  const currency = salary.currency ?? 'EUR';
  if (typeof salary.value !== 'object') return `${money(salary.value)} ${currency}`;
  const { minValue, maxValue, value, unitText } = salary.value;
  const range =
    minValue !== undefined && maxValue !== undefined && minValue !== maxValue
      ? `${money(minValue)} – ${money(maxValue)}`
      : money(value ?? minValue ?? maxValue);
  const unit = unitText ? ` / ${UNITS[unitText.toUpperCase()] ?? unitText.toLowerCase()}` : '';
  return range ? `${range} ${currency}${unit}` : '';
};

const fieldsOf = (posting: JobPosting): Partial<OfferFields> => {
  const places = Array.isArray(posting.jobLocation) ? posting.jobLocation : posting.jobLocation ? [posting.jobLocation] : [];
  const first = places[0]?.address;
  const where = typeof first === 'object' ? first : undefined;
  const postal = where?.postalCode === undefined ? '' : String(where.postalCode);
  const company = typeof posting.hiringOrganization === 'string' ? posting.hiringOrganization : posting.hiringOrganization?.name;
  const fields: Partial<OfferFields> = {
    title: posting.title,
    company,
    city: where?.addressLocality ?? (typeof first === 'string' ? first : undefined),
    department: /^\d{5}$/.test(postal) ? postal.slice(0, 2) : where?.addressRegion,
    salary: salaryOf(posting.baseSalary),
    offerDate: posting.datePosted && /^\d{4}-\d{2}-\d{2}/.test(posting.datePosted) ? posting.datePosted.slice(0, 10) : undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value));
};

/** schema.org JobPosting in JSON-LD, the structured data most boards publish for search engines. */
export function jsonLdExtractor({ $, now }: Page): PageOutcome | undefined {
  for (const node of jobPostingNodes($)) {
    const posting = jobPosting.safeParse(node);
    if (!posting.success) continue;
    const validThrough = posting.data.validThrough ? new Date(posting.data.validThrough) : undefined;
    if (validThrough && !Number.isNaN(validThrough.getTime()) && validThrough < now) {
      return { kind: 'expired', reason: `Offre expirée le ${validThrough.toLocaleDateString('fr-FR')}` };
    }
    const description = posting.data.description ? htmlToText(posting.data.description) : '';
    if (description) return { kind: 'found', text: description, fields: fieldsOf(posting.data) };
  }
  return undefined;
}

const EXPIRED = [
  /no longer accepting applications/i,
  /this job has expired/i,
  /job (is )?no longer available/i,
  /n'est plus disponible/i,
  /n’est plus disponible/i,
  /offre (a )?expirée?/i,
  /cette annonce a expiré/i,
  /offre (n'est plus|n’est plus) en ligne/i,
];

import { visibleText } from './page';

/** A board's "this offer is closed" notice, in French or English. */
export function expiredNoticeExtractor({ $ }: Page): PageOutcome | undefined {
  const body = visibleText($, 'body');
  const notice = EXPIRED.find((pattern) => pattern.test(body));
  return notice ? { kind: 'expired', reason: `Offre close : « ${notice.exec(body)?.[0]} »` } : undefined;
}

const MIN_READABLE = 300;

/** The page's main text when nothing structured is there. */
export function readableTextExtractor({ $ }: Page): PageOutcome | undefined {
  const text = visibleText($, $('main').length ? 'main' : $('article').length ? 'article' : 'body');
  return text.length >= MIN_READABLE ? { kind: 'found', text, fields: {} } : undefined;
}

/** Tried in order: structured data, the boards' own layouts, embedded app state, then the generic fallbacks. */
export const EXTRACTORS: readonly Extractor[] = [jsonLdExtractor, ...BOARD_EXTRACTORS, embeddedJsonExtractor, expiredNoticeExtractor, readableTextExtractor];

const readPage = (url: string, html: string, now: Date): PageOutcome => {
  const page = { url, html, $: loadHtml(html), now };
  for (const extractor of EXTRACTORS) {
    const outcome = extractor(page);
    if (outcome?.kind !== 'found') {
      if (outcome) return outcome;
      continue;
    }
    // Where the page says the job lives, whichever extractor read it: the same job from another link is known by it.
    const canonical = canonicalOf(page);
    return canonical ? { ...outcome, canonical } : outcome;
  }
  return { kind: 'ignored', reason: "Aucun texte d'offre trouvé sur la page" };
};

/** A page's outcome; one nested past the depth cap (its body or a description it embeds) is set aside. */
export function extract(url: string, html: string, now: Date): PageOutcome {
  try {
    return readPage(url, html, now);
  } catch (error) {
    if (error instanceof HtmlTooDeepError) return { kind: 'ignored', reason: error.message };
    throw error;
  }
}
