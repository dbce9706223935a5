import type { OfferItem } from '@veille/domain';

/** Excel reads a CSV file as UTF-8 only when it starts with this mark. */
const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

const HEADERS = [
  'Titre',
  'Entreprise',
  'Ville',
  'Salaire',
  'Date',
  'Job board',
  'Source',
  'Statut',
  'Score /20',
  'Résumé',
  'Notes par critère',
  'Rédhibitoires',
  'Analysé par',
  'Coût (USD)',
  'Raison',
  'URL',
];

/** A text Excel would run as a formula (`=`, `+`, `-`, `@`, a tab or a return first): a title comes from an email anyone can send. */
const FORMULA_START = /^[=+\-@\t\r]/;

const quoted = (value: string): string => `"${value.replace(/"/g, '""')}"`;
const text = (value: string): string => quoted(FORMULA_START.test(value) ? `'${value}` : value);

/** French Excel reads "14,5" as a number and "14.5" as a date or a text. */
const decimal = (value: number | null, digits: number): string =>
  quoted(
    value === null
      ? ''
      : value
          .toFixed(digits)
          .replace(/\.?0+$/, '')
          .replace('.', ','),
  );

/** The first bytes of the file: the mark that says UTF-8, then the French headers. */
export function csvHead(): string {
  return `${BOM}${HEADERS.map(quoted).join(SEPARATOR)}${LINE_END}`;
}

/** One offer as a line of the export: every field quoted, `;` between them, CRLF at the end. */
export function csvLine(item: OfferItem): string {
  const cells = [
    text(item.title),
    text(item.company),
    text(item.city),
    text(item.salary),
    quoted(item.date),
    text(item.board),
    text(item.source),
    text(item.status),
    decimal(item.score?.total ?? null, 1),
    text(item.summary),
    text(item.score?.criteria.map((criterion) => `${criterion.name} ${criterion.score}/20`).join(' ; ') ?? ''),
    text(item.dealBreakers.map((breaker) => `${breaker.name} : ${breaker.justification}`).join(' ; ')),
    text(item.analysedBy ?? ''),
    decimal(item.cost, 6),
    text(item.reason),
    text(item.url),
  ];
  return `${cells.join(SEPARATOR)}${LINE_END}`;
}
