import { placeOf, type Card, type CardFields } from './cards';
import { boardParser, byId, salaryIn } from './links';

const DEPARTMENT = /\((\d{2}|2A|2B)\)|\s-\s*(\d{2}|2A|2B)$|^(\d{2}|2A|2B)\s*-/;

/** Title, company, "City - 92", contract, salary, one line each (HelloWork, and France Travail's stacked cards). */
export function stackedCard({ title, after }: Card): CardFields | undefined {
  const company = after[0];
  if (!company) return undefined;
  const location = after.slice(1).find((line) => DEPARTMENT.test(line)) ?? '';
  return { title, company, ...placeOf(location), salary: salaryIn(after.slice(1)) };
}

// The alert's links go through a tracker whose path carries the offer URL in base64: untrack() reads it.
export const helloWorkParser = boardParser(
  'HelloWork',
  /@(\w+\.)*hellowork\.com$/,
  byId('hellowork', /hellowork\.com\/fr-fr\/emplois\/(\d+)\.html/, (id) => `https://www.hellowork.com/fr-fr/emplois/${id}.html`),
  stackedCard,
  'hellowork',
);
