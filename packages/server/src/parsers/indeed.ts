import { canonicalUrl, placeOf, SALARY, type CardReader, type LinkReader } from './cards';
import { anyOf, boardParser, byId, salaryIn, tracked } from './links';

/** "Company 3.7 - City (69)", or company, rating and place on lines of their own. */
const indeedCard: CardReader = ({ title, after }) => {
  const [first = '', second = '', third = ''] = after;
  const inline = /^(.+?)(?:\s+\d(?:[.,]\d)?)?\s+-\s+(.+)$/.exec(first);
  if (inline) return { title, company: inline[1].trim(), ...placeOf(inline[2]), salary: salaryIn(after) };
  const place = /^\d(?:[.,]\d)?$/.test(second) ? third : second;
  if (!first || !place || SALARY.test(place)) return undefined;
  return { title, company: first, ...placeOf(place), salary: salaryIn(after) };
};

/** Sponsored jobs carry an ad id instead of a job key. */
const sponsored: LinkReader = (href) => {
  const ad = /indeed\.[a-z.]+\/pagead\/clk[^?]*\?(?:.*&)?ad=([^&]+)/.exec(href)?.[1];
  return ad ? { key: `indeed:ad:${ad}`, url: canonicalUrl(href) } : undefined;
};

export const indeedParser = boardParser(
  'Indeed',
  /@(\w+\.)*indeed\.(com|fr)$/,
  anyOf(
    byId('indeed', /indeed\.[a-z.]+\/[^?]*\?(?:.*&)?jk=([0-9a-f]+)/, (id) => `https://www.indeed.com/viewjob?jk=${id}`),
    sponsored,
    // The French alerts' engage.indeed.com links are opaque (no jk= inside).
    tracked('indeed', /^(engage|cts)\.indeed\.com$/),
  ),
  indeedCard,
  'indeed',
);
