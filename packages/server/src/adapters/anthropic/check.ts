import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { CallMeter } from '@veille/domain';
import { z } from 'zod';
import type { AnthropicConfig } from './config';
import { explainFailure } from './errors';
import { estimateCost } from './pricing';

const CHECK_TIMEOUT_MS = 15_000;

const { type, schema } = zodOutputFormat(z.object({ ok: z.boolean() }));

/**
 * "Tester" the analysis: one tiny call to the model with this key, counted like any other, and
 * what it cost. A refused key or an unknown model comes out as an Error that says which.
 */
export async function checkClaude(config: AnthropicConfig, { meter }: { meter?: CallMeter } = {}): Promise<{ costUsd: number }> {
  // Every option explicit: the SDK would otherwise pick ANTHROPIC_BASE_URL / ANTHROPIC_AUTH_TOKEN up from the environment.
  const client = new Anthropic({
    apiKey: config.apiKey,
    authToken: null,
    baseURL: config.baseURL ?? 'https://api.anthropic.com',
    maxRetries: 1,
    timeout: CHECK_TIMEOUT_MS,
  });
  let message: Anthropic.Messages.Message;
  try {
    message = await client.messages.create({
      model: config.model,
      max_tokens: 256,
      system: [{ type: 'text', text: 'Test de connexion de Veille : réponds {"ok": true}.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Test.' }],
      output_config: { effort: 'low', format: { type, schema } },
    });
  } catch (error) {
    throw explainFailure(error, config.model);
  }
  const { usage } = message;
  const tokens = {
    input: usage.input_tokens,
    output: usage.output_tokens,
    cacheWrite: usage.cache_creation_input_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
  };
  const costUsd = estimateCost(config.model, tokens);
  meter?.({ api: 'Claude', kind: 'test', calls: 1, inputTokens: tokens.input + tokens.cacheWrite + tokens.cacheRead, outputTokens: tokens.output, costUsd });
  return { costUsd };
}
