import { placeOf, type CardReader } from './cards';
import { anyOf, boardParser, byId, salaryIn, tracked } from './links';

/** "COMPANY • City • CDI" under the title. */
const cadremploiCard: CardReader = ({ title, after }) => {
  const line = after.find((candidate) => candidate.includes('•'));
  if (!line) return undefined;
  const [company = '', city = ''] = line.split('•').map((part) => part.trim());
  return { title, company, ...placeOf(city), salary: salaryIn(after) };
};

export const cadremploiParser = boardParser(
  'Cadremploi',
  /@(\w+\.)*cadremploi\.fr$/,
  anyOf(
    byId('cadremploi', /cadremploi\.fr\/emploi\/detail_offre\?(?:.*&)?offreId=(\d+)/, (id) => `https://www.cadremploi.fr/emploi/detail_offre?offreId=${id}`),
    // The real alerts' r.emailsN.alertes.cadremploi.fr links are opaque.
    tracked('cadremploi', /cadremploi\.fr$/),
  ),
  cadremploiCard,
  'cadremploi',
);
