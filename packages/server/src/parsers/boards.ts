import type { AlertParser, Board } from '@veille/domain';
import { canonicalUrl, demoLink, placeOf, readCards, SALARY, type CardReader, type LinkReader } from './cards';

const anyOf =
  (...readers: LinkReader[]): LinkReader =>
  (href, text) => {
    for (const read of readers) {
      const link = read(href, text);
      if (link) return link;
    }
    return undefined;
  };

/** A board link that names its job: the id becomes the key, the URL is rebuilt without tracking. */
const byId =
  (slug: string, pattern: RegExp, url: (id: string) => string): LinkReader =>
  (href) => {
    const id = pattern.exec(href)?.[1];
    return id ? { key: `${slug}:${id}`, url: url(id) } : undefined;
  };

/** Footer and account links of mailers, never a job. */
const NAVIGATION = /désinscri|désabonn|unsubscribe|préférences|paramètres|confidentialit|privacy|conditions d|terms|alertes?\b|alerts?\b|feedback|\b(ici|here|cv|aide|help|avis|modifier)\b|^(indeed|monster|glassdoor|cadremploi|hellowork|linkedin|welcome to the jungle)$/i;

/** An opaque tracked link (its target cannot be read without a request): one job when it carries a title. */
const tracked =
  (slug: string, host: RegExp): LinkReader =>
  (href, text) => {
    if (!text || NAVIGATION.test(text) || !host.test(new URL(href).hostname)) return undefined;
    const url = canonicalUrl(href);
    return { key: `${slug}:${url}`, url };
  };

const salaryIn = (lines: string[]): string => lines.find((line) => SALARY.test(line) && line.length < 80) ?? '';

const parser = (board: Board, senders: RegExp, link: LinkReader, card: CardReader, demo: string): AlertParser => ({
  board,
  accepts: (sender) => senders.test(sender),
  parse: (email) => readCards(email, anyOf(link, demoLink(demo)), card),
});

/** Title, company, "City (69)" or "City - 69", contract, salary: HelloWork's cards and Veille's demo. */
const stackedCard: CardReader = ({ title, after }) => {
  const company = after[0];
  if (!company) return undefined;
  const location = after.slice(1).find((line) => /\((\d{2}|2A|2B)\)|\s-\s*(\d{2}|2A|2B)$|^(\d{2}|2A|2B)\s*-/.test(line)) ?? '';
  return { title, company, ...placeOf(location), salary: salaryIn(after.slice(1)) };
};

/** "Company · City, Region, Country" under the title. */
const linkedInCard: CardReader = ({ title, after }) => {
  const line = after.find((candidate) => candidate.includes(' · '));
  if (!line) return undefined;
  const [company, ...place] = line.split(' · ');
  return { title, company, ...placeOf(place.join(' · ')), department: '', salary: salaryIn(after) };
};

const RATING = /\s+\d(?:[.,]\d)?(?:\s*★)?$/;

/** "Company 3.7 - City (69)", or company, rating and place on lines of their own. */
const indeedCard: CardReader = ({ title, after }) => {
  const [first = '', second = '', third = ''] = after;
  const inline = /^(.+?)(?:\s+\d(?:[.,]\d)?)?\s+-\s+(.+)$/.exec(first);
  if (inline) return { title, company: inline[1].trim(), ...placeOf(inline[2]), salary: salaryIn(after) };
  const place = /^\d(?:[.,]\d)?$/.test(second) ? third : second;
  if (!first || !place || SALARY.test(place)) return undefined;
  return { title, company: first, ...placeOf(place), salary: salaryIn(after) };
};

const CONTRACT = /^(CDI|CDD|Stage|Alternance|Freelance|Intérim|VIE|Temps partiel|Bénévolat|Service civique)\b/i;

/** Welcome to the Jungle links the company, the title and "CDI - City" apart: the contract line is the job's link. */
const wttjLink: LinkReader = (href, text) => (isContract(text) ? tracked('wttj', /welcometothejungle\.com$/)(href, text) : undefined);

const isContract = (text: string): boolean => CONTRACT.test(text) && text.includes(' - ');

/** The three links may also share one URL (then they are one card's texts): either way, company, title, contract. */
const wttjCard: CardReader = ({ title, before, texts }) => {
  const contract = texts.find(isContract) ?? title;
  const named = texts.filter((text) => !isContract(text));
  const [company, jobTitle] = named.length >= 2 ? named : before.slice(-2);
  if (!company || !jobTitle || !isContract(contract)) return undefined;
  return { title: jobTitle, company, ...placeOf(contract.slice(contract.indexOf(' - ') + 3)), salary: '' };
};

/** "COMPANY • City • CDI" under the title. */
const cadremploiCard: CardReader = ({ title, after }) => {
  const line = after.find((candidate) => candidate.includes('•'));
  if (!line) return undefined;
  const [company = '', city = ''] = line.split('•').map((part) => part.trim());
  return { title, company, ...placeOf(city), salary: salaryIn(after) };
};

/** Title link, the organisation, its mission, then "CDI Paris, France - Voir". */
const jtmsCard: CardReader = ({ title, after }) => {
  const place = after.find((line) => CONTRACT.test(line));
  if (!place || !after[0]) return undefined;
  const location = place.replace(/^((CDI|CDD|Stage|Alternance|Freelance|Intérim|VIE|Bénévolat|Service civique)\s+)+/i, '').replace(/\s+-\s+.*$/, '');
  return { title: title.trim(), company: after[0], ...placeOf(location), salary: '' };
};

/** Glassdoor puts the company (and its rating) first, then the title and the place. */
const glassdoorCard: CardReader = ({ title, after }) => {
  const [jobTitle, place] = after;
  if (!jobTitle || !place) return undefined;
  return { title: jobTitle, company: title.replace(RATING, '').replace(/\s*★$/, ''), ...placeOf(place), department: '', salary: salaryIn(after) };
};

/** Title, then "Company - City - ST" (dashes even when the place is missing). */
const monsterCard: CardReader = ({ title, after }) => {
  const parts = (after[0] ?? '').split(/\s+-\s*|\s*-\s+|\s*-$/).map((part) => part.trim());
  if (parts.length < 2 || !parts[0]) return undefined;
  return { title, company: parts[0], city: parts[1] ?? '', department: '', salary: '' };
};

/** The boards Veille reads alerts from, each with its senders, its job links and its card layout. */
export const BOARD_PARSERS: AlertParser[] = [
  parser('LinkedIn', /@(\w+\.)*linkedin\.com$/, byId('linkedin', /linkedin\.com\/(?:comm\/)?jobs\/view\/(?:[\w-]*-)?(\d{6,})/, (id) => `https://www.linkedin.com/jobs/view/${id}/`), linkedInCard, 'linkedin'),
  parser('HelloWork', /@(\w+\.)*hellowork\.com$/, byId('hellowork', /hellowork\.com\/fr-fr\/emplois\/(\d+)\.html/, (id) => `https://www.hellowork.com/fr-fr/emplois/${id}.html`), stackedCard, 'hellowork'),
  parser(
    'Welcome to the Jungle',
    /@(\w+\.)*welcometothejungle\.com$/,
    anyOf(byId('wttj', /welcometothejungle\.com\/\w+\/companies\/([\w-]+\/jobs\/[\w-]+)/, (id) => `https://www.welcometothejungle.com/fr/companies/${id}`), wttjLink),
    wttjCard,
    'wttj',
  ),
  parser(
    'Indeed',
    /@(\w+\.)*indeed\.com$/,
    anyOf(
      byId('indeed', /indeed\.[a-z.]+\/[^?]*\?(?:.*&)?jk=([0-9a-f]+)/, (id) => `https://www.indeed.com/viewjob?jk=${id}`),
      (href) => {
        // Sponsored jobs carry an ad id instead of a job key.
        const ad = /indeed\.[a-z.]+\/pagead\/clk[^?]*\?(?:.*&)?ad=([^&]+)/.exec(href)?.[1];
        return ad ? { key: `indeed:ad:${ad}`, url: canonicalUrl(href) } : undefined;
      },
      tracked('indeed', /^(engage|cts)\.indeed\.com$/),
    ),
    indeedCard,
    'indeed',
  ),
  parser(
    'Cadremploi',
    /@(\w+\.)*cadremploi\.fr$/,
    anyOf(byId('cadremploi', /cadremploi\.fr\/emploi\/detail_offre\?(?:.*&)?offreId=(\d+)/, (id) => `https://www.cadremploi.fr/emploi/detail_offre?offreId=${id}`), tracked('cadremploi', /cadremploi\.fr$/)),
    cadremploiCard,
    'cadremploi',
  ),
  parser('Jobs That Make Sense', /@(\w+\.)*makesense\.org$/, byId('jtms', /jobs\.makesense\.org\/(?:\w+\/)?jobs\/([\w-]+)/, (id) => `https://jobs.makesense.org/fr/jobs/${id}`), jtmsCard, 'jtms'),
  parser('Glassdoor', /@(\w+\.)*glassdoor\.(com|fr)$/, byId('glassdoor', /glassdoor\.[a-z.]+\/[^?]*\?(?:.*&)?jobListingId=(\d+)/, (id) => `https://www.glassdoor.com/job-listing/?jl=${id}`), glassdoorCard, 'glassdoor'),
  parser('Monster', /@(\w+\.)*monster\.(com|fr)$/, tracked('monster', /monster\.(com|fr)$/), monsterCard, 'monster'),
  parser('France Travail', /@(\w+\.)*(francetravail|pole-emploi)\.fr$/, byId('francetravail', /(?:francetravail|pole-emploi)\.fr\/candidat\/offres\/recherche\/detail\/(\w+)/, (id) => `https://candidat.francetravail.fr/offres/recherche/detail/${id}`), stackedCard, 'francetravail'),
];
