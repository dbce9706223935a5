import { z } from 'zod';

/** The model used when ANTHROPIC_MODEL is unset: a current Sonnet. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

/** An empty variable (`ANTHROPIC_MODEL=` in a .env file) means unset, not invalid. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const schema = z.object({
  ANTHROPIC_API_KEY: z.string().min(1),
  ANTHROPIC_MODEL: optional(z.string().trim().min(1).default(DEFAULT_MODEL)),
  ANTHROPIC_BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'une URL http(s) est attendue' }).optional()),
  ANALYSIS_CONCURRENCY: optional(z.coerce.number<string>().int().min(1).max(20).default(3)),
});

export type AnthropicConfig = { apiKey: string; model: string; baseURL?: string; concurrency: number };

/** Claude for phase 3, or undefined when ANTHROPIC_API_KEY is unset (the rules analyser stays). */
export function anthropicConfigFromEnv(env: NodeJS.ProcessEnv): AnthropicConfig | undefined {
  if (!env.ANTHROPIC_API_KEY) return undefined;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    // Names the variable and the rule, never the value (it may be the key).
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')} : ${issue.message}`);
    throw new Error(`Configuration Claude invalide :\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  return { apiKey: values.ANTHROPIC_API_KEY, model: values.ANTHROPIC_MODEL, baseURL: values.ANTHROPIC_BASE_URL, concurrency: values.ANALYSIS_CONCURRENCY };
}
