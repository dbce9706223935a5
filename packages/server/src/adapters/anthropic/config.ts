import { z } from 'zod';

/** The model used when ANTHROPIC_MODEL is unset: a current Sonnet. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

const schema = z.object({
  ANTHROPIC_API_KEY: z.string().min(1),
  ANTHROPIC_MODEL: z.string().min(1).default(DEFAULT_MODEL),
  ANTHROPIC_BASE_URL: z.url().optional(),
  ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).max(20).default(3),
});

export type AnthropicConfig = { apiKey: string; model: string; baseURL?: string; concurrency: number };

/** Claude for phase 3, or undefined when ANTHROPIC_API_KEY is unset (the rules analyser stays). */
export const anthropicConfigFromEnv = (env: NodeJS.ProcessEnv): AnthropicConfig | undefined => {
  if (!env.ANTHROPIC_API_KEY) return undefined;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    // Names the variable and the rule, never the value (it may be the key).
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Configuration Claude invalide :\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  return { apiKey: values.ANTHROPIC_API_KEY, model: values.ANTHROPIC_MODEL, baseURL: values.ANTHROPIC_BASE_URL, concurrency: values.ANALYSIS_CONCURRENCY };
};
