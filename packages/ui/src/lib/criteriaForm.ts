import { SCORE_NAMES, type ScoreName } from '@veille/domain';

/**
 * The criteria as the form holds them: every value as typed (lists as comma-separated text,
 * numbers as text), so nothing a person types is lost or reformatted under their cursor. The
 * server checks what is sent and says in French what is wrong with each field.
 */
export type ScoreFields = { expectation: string; weight: string };
export type DealBreakerFields = { title: string; description: string; keywords: string };
export type OptionalScoreFields = ScoreFields & { name: string; keywords: string };
export type CriteriaForm = {
  keywords: string;
  locations: string;
  remoteOk: boolean;
  salaryFloor: string;
  dealBreakers: DealBreakerFields[];
  scores: Record<ScoreName, ScoreFields>;
  optionalScores: OptionalScoreFields[];
  otherResources: string;
};

/** One thing to fix, as the server names it: the field's path in the JSON (`dealBreakers[0].title`) and the message. */
export type CriteriaIssue = { readonly field: string; readonly message: string };

export const SCORE_LABELS: Record<ScoreName, string> = {
  localisation: 'Localisation',
  salaire: 'Salaire',
  culture: "Culture d'entreprise",
  qualite: "Qualité de l'offre",
};

const fieldsOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const itemsOf = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(fieldsOf) : []);
const numberText = (value: number): string => String(value).replace('.', ',');
const textOf = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? numberText(value) : '');
const listOf = (value: unknown): string => (Array.isArray(value) ? value.map(textOf).join(', ') : textOf(value));

const scoreOf = (value: unknown): ScoreFields => {
  const { expectation, weight } = fieldsOf(value);
  return { expectation: textOf(expectation), weight: textOf(weight) };
};

/**
 * Fills the form from any JSON (a file edited by hand may hold a wrong type): what reads as the
 * field is kept, the rest left empty, and the server names what is still wrong at the next save.
 */
export function toForm(json: unknown): CriteriaForm {
  const criteria = fieldsOf(json);
  const scores = fieldsOf(criteria.scores);
  return {
    keywords: listOf(criteria.keywords),
    locations: listOf(criteria.locations),
    remoteOk: criteria.remoteOk === true,
    salaryFloor: textOf(criteria.salaryFloor),
    dealBreakers: itemsOf(criteria.dealBreakers).map((item) => ({
      title: textOf(item.title),
      description: textOf(item.description),
      keywords: listOf(item.keywords),
    })),
    scores: Object.fromEntries(SCORE_NAMES.map((name) => [name, scoreOf(scores[name])])) as Record<ScoreName, ScoreFields>,
    optionalScores: itemsOf(criteria.optionalScores).map((item) => ({ ...scoreOf(item), name: textOf(item.name), keywords: listOf(item.keywords) })),
    otherResources: textOf(criteria.otherResources),
  };
}

const listFrom = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((word) => word.trim())
    .filter((word) => word !== '');

/** "45 000" and "0,5" read as numbers; anything else is sent as typed, for the server to say what it expects. */
const numberFrom = (text: string): number | string => {
  const number = Number(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(number) ? number : text;
};

const scoreFrom = ({ expectation, weight }: ScoreFields) => ({ expectation, weight: numberFrom(weight) });

/** The JSON the form stands for: what a save sends, and what the raw mode shows. */
export function fromForm(form: CriteriaForm): unknown {
  return {
    keywords: listFrom(form.keywords),
    locations: listFrom(form.locations),
    remoteOk: form.remoteOk,
    salaryFloor: form.salaryFloor.trim() === '' ? null : numberFrom(form.salaryFloor),
    dealBreakers: form.dealBreakers.map(({ title, description, keywords }) => ({ title, description, keywords: listFrom(keywords) })),
    scores: Object.fromEntries(SCORE_NAMES.map((name) => [name, scoreFrom(form.scores[name])])),
    optionalScores: form.optionalScores.map((score) => ({ name: score.name, ...scoreFrom(score), keywords: listFrom(score.keywords) })),
    otherResources: form.otherResources,
  };
}

/** The issues a refused save brought, if any. */
export function issuesOf(body: unknown): CriteriaIssue[] {
  return itemsOf(fieldsOf(body).issues).flatMap(({ field, message }) => (typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : []));
}

/** What to show next to a field: its own messages, and those of its list's items (`keywords[2]` shows at `keywords`). */
export function messagesAt(issues: readonly CriteriaIssue[], field: string): string[] {
  return issues
    .filter((issue) => issue.field === field || (issue.field.startsWith(field) && /^\[\d+\]$/.test(issue.field.slice(field.length))))
    .map((issue) => issue.message);
}

/** An element id for a field's path: `dealBreakers[0].title` → `criteria-dealBreakers-0-title`. */
export function fieldId(field: string): string {
  return `criteria-${field.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}
