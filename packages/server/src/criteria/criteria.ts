import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findJsonSyntaxError, MAX_DEAL_BREAKERS, MAX_OPTIONAL_SCORES, type Criteria as DomainCriteria } from '@veille/domain';
import { z } from 'zod';
import { removeLeftoverTemps, writeFileAtomically } from '../disk/atomicWrite';

// Every message names what to write, in the words of the page's form: the page shows each next to its field.
const text = z.string({ error: 'Texte attendu.' });
const word = text.trim().min(1, { error: 'Un mot-clé ne peut pas être vide.' });
const words = z.array(word, { error: 'Liste de mots-clés attendue.' });
const weight = z.number({ error: 'Le poids doit être un nombre.' }).min(0, { error: 'Le poids doit être positif ou nul.' });
const score = z.object({ expectation: text, weight }, { error: 'Attente et poids attendus.' });
const name = (what: string) => text.trim().min(1, { error: `${what} est obligatoire.` });

export const criteriaSchema = z.object(
  {
    keywords: words,
    locations: z.array(text.trim().min(1, { error: 'Un lieu ne peut pas être vide.' }), { error: 'Liste de lieux attendue.' }),
    remoteOk: z.boolean({ error: 'Oui ou non attendu (true ou false).' }),
    /** Yearly gross salary in euros below which an offer scores low. */
    salaryFloor: z
      .number({ error: 'Le salaire plancher doit être un nombre, en euros bruts par an (vide : pas de plancher).' })
      .positive({ error: 'Le salaire plancher doit être supérieur à 0 (vide : pas de plancher).' })
      .nullable(),
    dealBreakers: z
      .array(z.object({ title: name('Le titre'), description: text, keywords: words }, { error: 'Titre, description et mots-clés attendus.' }), {
        error: 'Liste de critères rédhibitoires attendue.',
      })
      .max(MAX_DEAL_BREAKERS, { error: `${MAX_DEAL_BREAKERS} critères rédhibitoires au plus.` }),
    scores: z.object({ localisation: score, salaire: score, culture: score, qualite: score }, { error: 'Les quatre notes attendues.' }),
    optionalScores: z
      .array(score.extend({ name: name('Le nom'), keywords: words }), { error: 'Liste de notes optionnelles attendue.' })
      .max(MAX_OPTIONAL_SCORES, { error: `${MAX_OPTIONAL_SCORES} notes optionnelles au plus.` }),
    otherResources: text,
  },
  { error: 'Un objet JSON attendu : { "keywords": […], … }.' },
) satisfies z.ZodType<DomainCriteria>;

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

// Any check without a message of its own still answers in French.
const FRENCH = z.locales.fr();

/** `dealBreakers[0].title`: the field as it reads in the JSON the user edits. */
const fieldOf = (issuePath: readonly PropertyKey[]): string =>
  issuePath.reduce<string>((field, key) => (typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${String(key)}` : String(key)), '');

/** One thing to fix: the field, as the JSON names it ('' for the whole file), and what is wrong with it. */
export type CriteriaIssue = { readonly field: string; readonly message: string };

const issuesOf = (error: z.ZodError): CriteriaIssue[] => error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message }));

const listed = (issues: readonly CriteriaIssue[]): string => issues.map(({ field, message }) => `champ « ${field || '(racine)'} » : ${message}`).join('\n  ');

const checked = (json: unknown) => criteriaSchema.safeParse(json, { error: FRENCH.localeError });

export class InvalidCriteriaError extends Error {
  constructor(readonly issues: readonly CriteriaIssue[]) {
    super(`Critères invalides :\n  ${listed(issues)}`);
  }
}

/** Checks criteria coming from the settings page; the error lists every field to fix. */
export function parseCriteria(json: unknown): Criteria {
  const parsed = checked(json);
  if (!parsed.success) throw new InvalidCriteriaError(issuesOf(parsed.error));
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
  if (!parsed.success) return { valid: false, error: `Fichier ${name} invalide :\n  ${listed(issuesOf(parsed.error))}`, text };
  return { valid: true, criteria: parsed.data };
}

/** Writes the criteria in one step: a crash or a full disk never leaves half a file. */
export function saveCriteria(file: string, criteria: Criteria): Promise<void> {
  return writeFileAtomically(file, `${JSON.stringify(criteria, null, 2)}\n`);
}
