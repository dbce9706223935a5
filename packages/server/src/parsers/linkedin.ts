import { byId, boardParser, salaryIn } from './links';
import { placeOf, type CardReader } from './cards';

/** "Company · City, Region, Country" under the title. */
const linkedInCard: CardReader = ({ title, after }) => {
  const line = after.find((candidate) => candidate.includes(' · '));
  if (!line) return undefined;
  const [company, ...place] = line.split(' · ');
  return { title, company, ...placeOf(place.join(' · ')), department: '', salary: salaryIn(after) };
};

// Only the job senders: LinkedIn mails invitations and messages from the same domain.
export const LINKEDIN_SENDERS = /^(jobalerts-noreply|jobs-noreply|jobs-listings)@linkedin\.com$/;

export const linkedInParser = boardParser(
  'LinkedIn',
  LINKEDIN_SENDERS,
  byId('linkedin', /linkedin\.com\/(?:comm\/)?jobs\/view\/(?:[\w-]*-)?(\d{6,})/, (id) => `https://www.linkedin.com/jobs/view/${id}/`),
  linkedInCard,
  'linkedin',
);
