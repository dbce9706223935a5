import type Anthropic from '@anthropic-ai/sdk';
import type { z } from 'zod';
import type { answerSchema, Answer } from './answer';
import type { TokenUsage } from './pricing';

/** Room for the model's thinking and the JSON answer (about 500 tokens) together. */
export const MAX_TOKENS = 4_000;

/** French runs about 3.5 characters a token: 2 over-counts the prompt, as a worst case should. */
export const CHARS_PER_TOKEN_AT_WORST = 2;

type Message = Anthropic.Messages.Message;

const issuesOf = (error: z.ZodError): string =>
  error.issues
    .slice(0, 6)
    .map((issue) => `${issue.path.join('.') || 'réponse'} : ${issue.message}`)
    .join(' ; ');

/** The answer of one message, or why it cannot be kept (that reason goes back to the model). */
export const readAnswer = (message: Message, schema: ReturnType<typeof answerSchema>): { answer: Answer } | { reason: string } => {
  if (message.stop_reason === 'refusal') return { reason: 'le modèle a refusé de répondre' };
  if (message.stop_reason === 'max_tokens') return { reason: `réponse tronquée à ${MAX_TOKENS} jetons` };
  const text = message.content
    .filter((block): block is Anthropic.Messages.TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { reason: "ce n'est pas un objet JSON" };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { answer: parsed.data } : { reason: issuesOf(parsed.error) };
};

/** What a message's tokens were, as the prices count them. */
export function tokensOf(message: Message): TokenUsage {
  const usage = message.usage;
  return {
    input: usage.input_tokens,
    output: usage.output_tokens,
    cacheWrite: usage.cache_creation_input_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
  };
}
