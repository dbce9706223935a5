import Anthropic from '@anthropic-ai/sdk';
import type { Analyser, Analysis, CallMeter, OfferRecord } from '@veille/domain';
import type { Logger } from 'pino';
import type { Criteria } from '../../criteria/criteria';
import { answerFormat, answerSchema, toAnalysis } from './answer';
import { createClaudeBatches } from './batch';
import type { AnthropicConfig } from './config';
import { explainFailure } from './errors';
import { estimateCost } from './pricing';
import { offerMessage, systemPrompt } from './prompt';
import { CHARS_PER_TOKEN_AT_WORST, MAX_TOKENS, readAnswer, tokensOf } from './reply';

export { anthropicConfigFromEnv, type AnthropicConfig } from './config';

const TIMEOUT_MS = 120_000;

type Message = Anthropic.Messages.Message;
type Turn = Anthropic.Messages.MessageParam;

/**
 * The spending cap, asked before each call with what it costs at most by the model's prices: it
 * refuses by throwing, else hands back what to call with the call's actual cost once known.
 */
export type SpendingBudget = { reserve(worstCaseUsd: number): (costUsd: number) => void };

export type ClaudeAnalyserOptions = { meter?: CallMeter; log?: Logger; maxRetries?: number; timeoutMs?: number; budget?: SpendingBudget };

/**
 * Phase 3 with Claude: instructions and criteria go as a cached prefix, the offer as fenced data,
 * and the answer comes back as structured output, checked with zod before anything is kept. An
 * answer that does not validate is sent back once with the reason; a second one fails the offer.
 * The analyser only ever returns an Analysis: nothing the model writes can set a status.
 */
export function createClaudeAnalyser(config: AnthropicConfig, criteria: Criteria, options: ClaudeAnalyserOptions = {}): Analyser {
  // Every option explicit: the SDK would otherwise pick ANTHROPIC_BASE_URL / ANTHROPIC_AUTH_TOKEN up from the environment.
  const client = new Anthropic({
    apiKey: config.apiKey,
    authToken: null,
    baseURL: config.baseURL ?? 'https://api.anthropic.com',
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? TIMEOUT_MS,
  });
  const schema = answerSchema(criteria);
  const format = answerFormat(criteria);
  const system: Anthropic.Messages.TextBlockParam[] = [{ type: 'text', text: systemPrompt(criteria), cache_control: { type: 'ephemeral' } }];

  /** One call: its answer, and what it cost (also counted in the Consommation API block). */
  const ask = async (messages: Turn[]): Promise<{ message: Message; costUsd: number }> => {
    const promptChars = system[0].text.length + JSON.stringify(messages).length;
    const worstCaseUsd = estimateCost(config.model, { input: 0, cacheWrite: promptChars / CHARS_PER_TOKEN_AT_WORST, cacheRead: 0, output: MAX_TOKENS });
    const settle = options.budget?.reserve(worstCaseUsd);
    try {
      const asked = await call(messages);
      settle?.(asked.costUsd);
      return asked;
    } finally {
      settle?.(0);
    }
  };

  const call = async (messages: Turn[]): Promise<{ message: Message; costUsd: number }> => {
    let message: Message;
    try {
      message = await client.messages.create({
        model: config.model,
        max_tokens: MAX_TOKENS,
        system,
        messages,
        // Scoring one offer against a fixed grid needs little reasoning, and thinking is billed as output.
        output_config: { effort: 'low', format },
      });
    } catch (error) {
      throw explainFailure(error, config.model);
    }
    const tokens = tokensOf(message);
    const costUsd = estimateCost(config.model, tokens);
    options.meter?.({
      api: 'Claude',
      kind: 'messages',
      calls: 1,
      inputTokens: tokens.input + tokens.cacheWrite + tokens.cacheRead,
      outputTokens: tokens.output,
      cachedTokens: tokens.cacheRead,
      costUsd,
    });
    return { message, costUsd };
  };

  const analyse = async (offer: OfferRecord): Promise<Analysis> => {
    const messages: Turn[] = [{ role: 'user', content: offerMessage(offer) }];
    let reason = '';
    // An answer sent back costs its second call too: the offer's cost is what all its calls cost.
    let spent = 0;
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const { message, costUsd } = await ask(messages);
      spent += costUsd;
      const read = readAnswer(message, schema);
      if ('answer' in read) return toAnalysis(read.answer, criteria, config.model, spent);
      reason = read.reason;
      options.log?.warn({ offer: offer.id, attempt, reason }, 'invalid analysis answer');
      // The assistant turn goes back unchanged: thinking blocks must be returned as they came.
      messages.push(
        { role: 'assistant', content: message.content },
        { role: 'user', content: `Réponse invalide : ${reason}. Renvoie l'objet JSON complet, corrigé, au format demandé.` },
      );
    }
    throw new Error(`Analyse refusée : la réponse du modèle n'est toujours pas valide après une nouvelle tentative (${reason}).`);
  };

  const batches = createClaudeBatches(client, { config, criteria, system, format, meter: options.meter, budget: options.budget });
  return { label: config.model, analyse, batches };
}
