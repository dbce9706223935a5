import type { OfferSummary } from '../offer';

/**
 * How far apart two offers with the same employer, title and city may arrive and still be one job:
 * beyond, the employer is hiring again.
 */
export const SAME_JOB_WINDOW_DAYS = 42;

/** Query parameters that say who sent the reader, never which job: dropped before comparing pages. */
const TRACKING =
  /^(utm_|trk|ref|tracking|mc_|_hs|origin|xtor|lipi|midtoken|midsig|eid|otptoken|from|alertaction|qd|tk|gclid|fbclid|msclkid|at_|src$|source$|cmp$|campaign)/i;

/**
 * The key of a page's address as a job's own: scheme and `www.` folded, host lowercased, tracking
 * parameters and fragment dropped, the rest sorted. A site's home page is no job's address (a
 * board that sends every closed offer there must not make them one). A key that is no web address
 * (a board's own id for the job, `id:host/value`) is kept as it is, lowercased.
 */
export function canonicalKey(address: string): string | undefined {
  const trimmed = address.trim();
  if (!trimmed) return undefined;
  if (!/^https?:\/\//i.test(trimmed)) return trimmed.toLowerCase();
  // Most addresses are plain (no query, fragment, port, escape nor credentials): read without building a URL, a load keys every offer.
  const plain = PLAIN_ADDRESS.exec(trimmed);
  if (plain) {
    const path = (plain[2] ?? '').replace(/\/+$/, '');
    return path ? `${plain[1].toLowerCase().replace(/^www\./, '')}${path}` : undefined;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name)).sort(([a], [b]) => a.localeCompare(b));
  if (!path && params.length === 0) return undefined;
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${url.host.toLowerCase().replace(/^www\./, '')}${path}${query}`;
}

const PLAIN_ADDRESS = /^https?:\/\/([a-z0-9.-]+)(\/[a-z0-9\-._~/]*)?$/i;

/** "H/F", "(F/H)", "H-F", "F/H/X", "(e)"…: how French offers say they are open to all, never part of the job. */
const GENDER = /\(\s*[hfmx](\s*[/-]\s*[hfmx]){1,2}\s*\)|\b[hfmx](\s*[/-]\s*[hfmx]){1,2}\b|\(e\)|\(s\)/gi;
const LEGAL_FORM = /\b(sas|sasu|sarl|sa|eurl|sci|inc|ltd|llc|gmbh|group|groupe)\b/g;
const ARRONDISSEMENT = /\b\d+\s*(e|er|eme|ème)?\b|\barrondissement\b|\bcedex\b/g;

/** Lowercase, accents and punctuation folded to spaces, spaces collapsed. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex -- plain ASCII needs no decomposition, the common case on a load.
  const ascii = /^[\u0000-\u007f]*$/.test(text) ? text : text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Employers and cities repeat from offer to offer: each is folded once, up to a bound that keeps memory flat. */
const memo = (fn: (text: string) => string, bound = 20_000): ((text: string) => string) => {
  const folded = new Map<string, string>();
  return (text) => {
    let result = folded.get(text);
    if (result === undefined) {
      if (folded.size >= bound) folded.clear();
      result = fn(text);
      folded.set(text, result);
    }
    return result;
  };
};

const titleOf = (title: string): string => fold(title.replace(GENDER, ' '));
const companyOf = memo((company) => fold(company).replace(LEGAL_FORM, ' ').replace(/\s+/g, ' ').trim());
/** "Lyon 3e", "Lyon (69)", "Lyon, Auvergne-Rhône-Alpes, France", "69003 Lyon" are all Lyon. */
const cityOf = memo((city) =>
  fold(city.split(',')[0].replace(/\([^)]*\)/g, ' '))
    .replace(ARRONDISSEMENT, ' ')
    .replace(/\s+/g, ' ')
    .trim(),
);

/** Employer, title and city as one key, once folded; none when one of them is unknown (too loose to tell jobs apart). */
export function jobIdentity(offer: Pick<OfferSummary, 'title' | 'company' | 'city'>): string | undefined {
  if (!offer.company || !offer.title || !offer.city) return undefined;
  const company = companyOf(offer.company);
  const city = company && cityOf(offer.city);
  const title = city && titleOf(offer.title);
  return title ? `${company}|${title}|${city}` : undefined;
}

/** Keys under which an offer is found as a job: the page's own address, its link, its employer + title + city. */
export function sameJobKeys(offer: Pick<OfferSummary, 'url' | 'canonical' | 'title' | 'company' | 'city'>): string[] {
  const keys = new Set<string>();
  const link = canonicalKey(offer.url);
  if (link) keys.add(`url:${link}`);
  if (offer.canonical) keys.add(`url:${offer.canonical}`);
  const identity = jobIdentity(offer);
  if (identity) keys.add(`job:${identity}`);
  return [...keys];
}
