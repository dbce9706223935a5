import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

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
    qualite: { expectation: "Offre détaillée : missions, stack, salaire affiché", weight: 1 },
  },
  optionalScores: [{ name: 'Impact', expectation: 'Entreprise à impact social ou environnemental', weight: 0.5, keywords: ['impact', 'climat', 'solidaire', 'transition'] }],
  otherResources: '',
};

const issuesOf = (error: z.ZodError): string => error.issues.map((issue) => `${issue.path.join('.') || '(racine)'} : ${issue.message}`).join('\n  ');

export class InvalidCriteriaError extends Error {}

/** Checks criteria coming from the settings page; the message lists every field to fix. */
export const parseCriteria = (json: unknown): Criteria => {
  const parsed = criteriaSchema.safeParse(json);
  if (!parsed.success) throw new InvalidCriteriaError(`Critères invalides :\n  ${issuesOf(parsed.error)}`);
  return parsed.data;
};

/** The user's criteria file: written with defaults when missing, never silently replaced when wrong. */
export const loadCriteria = async (file: string): Promise<Criteria> => {
  if (!existsSync(file)) {
    await writeFile(file, `${JSON.stringify(DEFAULT_CRITERIA, null, 2)}\n`);
    return DEFAULT_CRITERIA;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`Fichier de critères ${file} illisible (JSON invalide) : ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = criteriaSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Fichier de critères ${file} invalide :\n  ${issuesOf(parsed.error)}`);
  return parsed.data;
};

/** Writes the criteria atomically, so a crash never leaves half a file. */
export const saveCriteria = async (file: string, criteria: Criteria): Promise<void> => {
  await writeFile(`${file}.tmp`, `${JSON.stringify(criteria, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
};
