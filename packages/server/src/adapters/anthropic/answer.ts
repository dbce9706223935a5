import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { Analysis, DealBreakerVerdict } from '@veille/domain';
import { z } from 'zod';
import type { Criteria } from '../../criteria/criteria';
import { totalOf } from '../../criteria/total';

const score = z.number().int().min(0).max(20).describe('Entier de 0 à 20 : 20 = correspond parfaitement aux attentes');
const verdict = z.object({
  atteint: z.boolean(),
  justification: z.string().trim().min(1).max(400).describe("Une phrase courte, tirée du texte de l'offre"),
});
const field = z.string().trim().min(1).max(200);
const reason = z.string().trim().min(1).max(300).describe("Une phrase courte : pourquoi cette note, tirée du texte de l'offre");

/** Deal-breakers are keyed by title so the output format itself demands one verdict for each. */
export function dealBreakerKeys(criteria: Criteria): string[] {
  const seen = new Map<string, number>();
  return criteria.dealBreakers.map((breaker) => {
    const count = (seen.get(breaker.title) ?? 0) + 1;
    seen.set(breaker.title, count);
    return count === 1 ? breaker.title : `${breaker.title} (${count})`;
  });
}

export function scoreNames(criteria: Criteria): string[] {
  return [...Object.keys(criteria.scores), ...criteria.optionalScores.map((optional) => optional.name)];
}

/** What the model must answer, checked before anything of it is kept. */
export function answerSchema(criteria: Criteria) {
  return z.object({
    resume: z.string().trim().min(40).max(1_200).describe('2 à 4 phrases centrées sur le candidat'),
    corrections: z
      .object({ poste: field, entreprise: field, ville: field, salaire: field })
      .partial()
      .optional()
      .describe("Seulement les champs que le texte de l'offre donne mieux que les champs connus"),
    redhibitoires: z.object(Object.fromEntries(dealBreakerKeys(criteria).map((key) => [key, verdict]))),
    scores: z.object(Object.fromEntries(scoreNames(criteria).map((name) => [name, score]))),
    justifications: z.object(Object.fromEntries(scoreNames(criteria).map((name) => [name, reason]))),
  });
}

export type Answer = z.infer<ReturnType<typeof answerSchema>>;

/**
 * The structured-output format sent with every request. The SDK's helper moves the constraints
 * the API cannot enforce (ranges, lengths) into descriptions; zod checks them on the way back.
 */
export function answerFormat(criteria: Criteria) {
  const { type, schema } = zodOutputFormat(answerSchema(criteria));
  return { type, schema };
}

/** The analysis kept: the model's words and scores, a total the product computes itself, and what the calls cost. */
export function toAnalysis(answer: Answer, criteria: Criteria, model: string, costUsd: number): Analysis {
  const keys = dealBreakerKeys(criteria);
  const dealBreakers: DealBreakerVerdict[] = criteria.dealBreakers.map((breaker, index) => {
    const { atteint, justification } = answer.redhibitoires[keys[index]];
    return { title: breaker.title, hit: atteint, justification };
  });
  const scores: Record<string, number> = answer.scores;
  const { poste, entreprise, ville, salaire } = answer.corrections ?? {};
  const corrections = Object.fromEntries(Object.entries({ title: poste, company: entreprise, city: ville, salary: salaire }).filter(([, value]) => value));
  return {
    summary: answer.resume,
    scores,
    justifications: answer.justifications,
    total: totalOf(scores, dealBreakers, criteria),
    dealBreakers,
    analyser: model,
    costUsd,
    corrections,
  };
}
