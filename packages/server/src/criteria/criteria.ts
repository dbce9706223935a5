import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findJsonSyntaxError } from '@veille/domain';
import { z } from 'zod';
import { removeLeftoverTemps, writeFileAtomically } from '../disk/atomicWrite';

const score = z.object({ expectation: z.string(), weight: z.number().min(0) });

export const criteriaSchema = z.object({
  keywords: z.array(z.string().min(1)),
  locations: z.array(z.string().min(1)),
  remoteOk: z.boolean(),
  /** Yearly gross salary in euros below which an offer scores low. */
  salaryFloor: z.number().positive().nullable(),
  dealBreakers: z.array(z.object({ title: z.string().min(1), description: z.string(), keywords: z.array(z.string().min(1)) })).max(4),
  scores: z.object({ localisation: score, salaire: score, culture: score, qualite: score }),
  optionalScores: z.array(score.extend({ name: z.string().min(1), keywords: z.array(z.string().min(1)) })).max(4),
  otherResources: z.string(),
});

export type Criteria = z.infer<typeof criteriaSchema>;

export const DEFAULT_CRITERIA: Criteria = {
  keywords: ['python', 'sql', 'airflow', 'dbt', 'spark', 'data engineer'],
  locations: ['Lyon', 'Villeurbanne', 'Grenoble'],
  remoteOk: true,
  salaryFloor: 45_000,
  dealBreakers: [
    { title: 'Stage ou alternance', description: 'Je cherche un CDI, pas un stage.', keywords: ['stage', 'alternance', 'apprentissage'] },
    { title: 'Astreintes', description: 'Pas de poste avec astreintes de nuit ou de week-end.', keywords: ['astreinte', 'astreintes'] },
  ],
  scores: {
    localisation: { expectation: 'Lyon et alentours, ou télétravail majoritaire', weight: 1 },
    salaire: { expectation: 'Au moins 45 000 € brut par an', weight: 1 },
    culture: { expectation: 'Équipe data outillée (python, dbt, airflow), produit utile', weight: 1 },
    qualite: { expectation: 'Offre détaillée : missions, stack, salaire affiché', weight: 1 },
  },
  optionalScores: [
    { name: 'Impact', expectation: 'Entreprise à impact social ou environnemental', weight: 0.5, keywords: ['impact', 'climat', 'solidaire', 'transition'] },
  ],
  otherResources: '',
};

const FRENCH = z.locales.fr();

/** `dealBreakers[0].title`: the field as it reads in the JSON the user edits. */
const fieldOf = (issuePath: readonly PropertyKey[]): string =>
  issuePath.reduce<string>((field, key) => (typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${String(key)}` : String(key)), '');

const issuesOf = (error: z.ZodError): string => error.issues.map((issue) => `champ « ${fieldOf(issue.path) || '(racine)'} » : ${issue.message}`).join('\n  ');

const checked = (json: unknown) => criteriaSchema.safeParse(json, { error: FRENCH.localeError });

export class InvalidCriteriaError extends Error {}

/** Checks criteria coming from the settings page; the message lists every field to fix. */
export function parseCriteria(json: unknown): Criteria {
  const parsed = checked(json);
  if (!parsed.success) throw new InvalidCriteriaError(`Critères invalides :\n  ${issuesOf(parsed.error)}`);
  return parsed.data;
}

/** The criteria file as found on disk: usable, or broken with what is wrong and the text to fix. */
export type CriteriaFile = { readonly valid: true; readonly criteria: Criteria } | { readonly valid: false; readonly error: string; readonly text: string };

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** The user's criteria file: written with defaults when missing, never replaced when wrong (the user fixes it in the page). */
export async function loadCriteria(file: string): Promise<CriteriaFile> {
  removeLeftoverTemps(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!isMissing(error)) throw error;
    await saveCriteria(file, DEFAULT_CRITERIA);
    return { valid: true, criteria: DEFAULT_CRITERIA };
  }
  const name = path.basename(file);
  const syntax = findJsonSyntaxError(text);
  if (syntax) return { valid: false, error: `Fichier ${name} : JSON invalide ligne ${syntax.line}, colonne ${syntax.column} : ${syntax.message}.`, text };
  const parsed = checked(JSON.parse(text));
  if (!parsed.success) return { valid: false, error: `Fichier ${name} invalide :\n  ${issuesOf(parsed.error)}`, text };
  return { valid: true, criteria: parsed.data };
}

/** Writes the criteria in one step: a crash or a full disk never leaves half a file. */
export function saveCriteria(file: string, criteria: Criteria): Promise<void> {
  return writeFileAtomically(file, `${JSON.stringify(criteria, null, 2)}\n`);
}
