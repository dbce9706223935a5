import type { CardReader } from './cards';
import { boardParser, tracked } from './links';

/** Title, then "Company - City - ST" (dashes even when the place is missing). */
const monsterCard: CardReader = ({ title, after }) => {
  const parts = (after[0] ?? '').split(/\s+-\s*|\s*-\s+|\s*-$/).map((part) => part.trim());
  if (parts.length < 2 || !parts[0]) return undefined;
  return { title, company: parts[0], city: parts[1] ?? '', department: '', salary: '' };
};

// click.monster.com links are opaque: no job id can be read from the email.
export const monsterParser = boardParser('Monster', /@(\w+\.)*monster\.(com|fr)$/, tracked('monster', /monster\.(com|fr)$/), monsterCard, 'monster');
