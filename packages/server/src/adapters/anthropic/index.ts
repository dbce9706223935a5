import Anthropic from '@anthropic-ai/sdk';
import type { Analyser, Analysis, CallMeter, OfferRecord } from '@veille/domain';
import type { Logger } from 'pino';
import type { Criteria } from '../../criteria/criteria';
import { totalOf } from '../../criteria/total';
import { answerSchema, answerTool, TOOL_NAME, type Answer } from './answer';
import type { AnthropicConfig } from './config';
import { estimateCost } from './pricing';
import { offerMessage, systemPrompt } from './prompt';

export { anthropicConfigFromEnv, type AnthropicConfig } from './config';

const MAX_TOKENS = 1_500;

type Message = Anthropic.Messages.Message;
type Turn = Anthropic.Messages.MessageParam;

const toolUseOf = (message: Message): Anthropic.Messages.ToolUseBlock | undefined =>
  message.content.find((block): block is Anthropic.Messages.ToolUseBlock => block.type === 'tool_use' && block.name === TOOL_NAME);

const toAnalysis = (answer: Answer, criteria: Criteria, model: string): Analysis => {
  const dealBreakers = answer.redhibitoires.map((verdict, index) => ({
    title: criteria.dealBreakers[index]?.title ?? verdict.titre,
    hit: verdict.atteint,
    justification: verdict.justification,
  }));
  const corrections = answer.corrections ?? {};
  return {
    summary: answer.resume,
    scores: answer.scores,
    total: totalOf(answer.scores, dealBreakers, criteria),
    dealBreakers,
    analyser: model,
    corrections: Object.fromEntries(
      Object.entries({ title: corrections.poste, company: corrections.entreprise, city: corrections.ville, salary: corrections.salaire }).filter(([, value]) => value),
    ),
  };
};

/**
 * Phase 3 with Claude: the instructions and criteria go as a cached prefix, the offer as fenced
 * data, and the answer comes back through a forced tool call, checked before it is kept. An answer
 * that does not validate is sent back once with the reason; a second one fails the offer.
 */
export const createClaudeAnalyser = (
  config: AnthropicConfig,
  criteria: Criteria,
  options: { meter?: CallMeter; log?: Logger; maxRetries?: number } = {},
): Analyser => {
  const client = new Anthropic({
    apiKey: config.apiKey,
    authToken: null,
    baseURL: config.baseURL ?? 'https://api.anthropic.com',
    maxRetries: options.maxRetries ?? 2,
  });
  const schema = answerSchema(criteria);
  const tool = answerTool(criteria);
  const system = [{ type: 'text' as const, text: systemPrompt(criteria), cache_control: { type: 'ephemeral' as const } }];

  const ask = async (messages: Turn[]): Promise<Message> => {
    const message = await client.messages.create({
      model: config.model,
      max_tokens: MAX_TOKENS,
      system,
      tools: [tool],
      tool_choice: { type: 'tool', name: TOOL_NAME },
      messages,
    });
    const usage = message.usage;
    const tokens = {
      input: usage.input_tokens,
      output: usage.output_tokens,
      cacheWrite: usage.cache_creation_input_tokens ?? 0,
      cacheRead: usage.cache_read_input_tokens ?? 0,
    };
    options.meter?.({
      api: 'Claude',
      kind: 'messages',
      calls: 1,
      inputTokens: tokens.input + tokens.cacheWrite + tokens.cacheRead,
      outputTokens: tokens.output,
      cachedTokens: tokens.cacheRead,
      costUsd: estimateCost(config.model, tokens),
    });
    return message;
  };

  const analyse = async (offer: OfferRecord): Promise<Analysis> => {
    const messages: Turn[] = [{ role: 'user', content: offerMessage(offer) }];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const message = await ask(messages);
      const call = toolUseOf(message);
      const parsed = schema.safeParse(call?.input);
      if (parsed.success) return toAnalysis(parsed.data, criteria, config.model);
      const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'réponse'} : ${issue.message}`).join(' ; ');
      options.log?.warn({ offer: offer.id, reason }, 'invalid analysis answer');
      if (!call) {
        messages.push({ role: 'assistant', content: message.content }, { role: 'user', content: `Réponse invalide : appelle l'outil ${TOOL_NAME}.` });
        continue;
      }
      messages.push(
        { role: 'assistant', content: message.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, is_error: true, content: `Réponse invalide : ${reason}. Corrige et rappelle l'outil.` }] },
      );
    }
    throw new Error("Analyse refusée : la réponse du modèle n'est pas valide après une nouvelle tentative.");
  };

  return { label: config.model, analyse };
};
