import { placeOf, type CardReader } from './cards';
import { boardParser, byId } from './links';

const CONTRACT = /^(CDI|CDD|Stage|Alternance|Freelance|Intérim|VIE|Bénévolat|Service civique)\b/i;

/** Title link, the organisation, its mission, then "CDI Paris, France - Voir". */
const jtmsCard: CardReader = ({ title, after }) => {
  const place = after.find((line) => CONTRACT.test(line));
  if (!place || !after[0]) return undefined;
  const location = place.replace(/^((CDI|CDD|Stage|Alternance|Freelance|Intérim|VIE|Bénévolat|Service civique)\s+)+/i, '').replace(/\s+-\s+.*$/, '');
  return { title: title.trim(), company: after[0], ...placeOf(location), salary: '' };
};

// Links go through Customer.io, whose last path segment is the offer URL in base64: untrack() reads it.
export const jtmsParser = boardParser(
  'Jobs That Make Sense',
  /@(\w+\.)*makesense\.org$/,
  byId('jtms', /jobs\.makesense\.org\/(?:\w+\/)?jobs\/([\w-]+)/, (id) => `https://jobs.makesense.org/fr/jobs/${id}`),
  jtmsCard,
  'jtms',
);
