import { z } from 'zod';
import type { Criteria } from '../../criteria/criteria';

export const TOOL_NAME = 'enregistrer_analyse';

const score = z.number().int().min(0).max(20);

/** What the model must answer, checked before anything of it is kept. */
export const answerSchema = (criteria: Criteria) =>
  z.object({
    resume: z.string().min(20).max(1_500),
    corrections: z
      .object({ poste: z.string(), entreprise: z.string(), ville: z.string(), salaire: z.string() })
      .partial()
      .optional(),
    redhibitoires: z
      .array(z.object({ titre: z.string(), atteint: z.boolean(), justification: z.string().max(500) }))
      .length(criteria.dealBreakers.length),
    scores: z.object(
      Object.fromEntries(['localisation', 'salaire', 'culture', 'qualite', ...criteria.optionalScores.map((optional) => optional.name)].map((name) => [name, score])),
    ),
  });

export type Answer = z.infer<ReturnType<typeof answerSchema>>;

/** The tool the model is made to call: its input is the answer, as JSON Schema. */
export const answerTool = (criteria: Criteria) => ({
  name: TOOL_NAME,
  description: "Enregistre l'analyse d'une offre d'emploi pour le candidat.",
  input_schema: z.toJSONSchema(answerSchema(criteria)) as { type: 'object'; [key: string]: unknown },
});
