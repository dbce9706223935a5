import { placeOf, type CardReader } from './cards';
import { boardParser, byId, salaryIn } from './links';

const RATING = /\s+\d(?:[.,]\d)?(?:\s*★)?$/;

/** Glassdoor puts the company (and its rating) first, then the title and the place. */
const glassdoorCard: CardReader = ({ title, after }) => {
  const [jobTitle, place] = after;
  if (!jobTitle || !place) return undefined;
  return { title: jobTitle, company: title.replace(RATING, '').replace(/\s*★$/, ''), ...placeOf(place), department: '', salary: salaryIn(after) };
};

export const glassdoorParser = boardParser(
  'Glassdoor',
  /@(\w+\.)*glassdoor\.(com|fr)$/,
  byId('glassdoor', /glassdoor\.[a-z.]+\/[^?]*\?(?:.*&)?jobListingId=(\d+)/, (id) => `https://www.glassdoor.com/job-listing/?jl=${id}`),
  glassdoorCard,
  'glassdoor',
);
