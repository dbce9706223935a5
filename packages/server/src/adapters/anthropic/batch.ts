import type Anthropic from '@anthropic-ai/sdk';
import type { AnalysisBatches, BatchResult, CallMeter, OfferRecord } from '@veille/domain';
import type { Criteria } from '../../criteria/criteria';
import { answerSchema, toAnalysis, type answerFormat } from './answer';
import type { AnthropicConfig } from './config';
import { explainFailure } from './errors';
import { BATCH_PRICE, estimateCost } from './pricing';
import { offerMessage } from './prompt';
import { CHARS_PER_TOKEN_AT_WORST, MAX_TOKENS, readAnswer, tokensOf } from './reply';

export type ClaudeBatchDeps = {
  readonly config: AnthropicConfig;
  readonly criteria: Criteria;
  /** The same cached prefix and output format as the normal path: the same prompt, the same answers. */
  readonly system: Anthropic.Messages.TextBlockParam[];
  readonly format: ReturnType<typeof answerFormat>;
  readonly meter?: CallMeter;
  readonly budget?: { reserve(worstCaseUsd: number): (costUsd: number) => void };
};

/** Requests are named by their place in the batch: an offer's id need not fit the API's custom_id pattern. */
const customIdOf = (index: number) => `offre-${index}`;

const WHY: Record<string, string> = { expired: 'lot expiré avant son traitement', canceled: 'lot annulé' };

/**
 * Phase 3's backlog through the Message Batches API, at half the price: one request per offer with
 * the normal path's prompt, its answer checked by the same schema and turned into the same
 * Analysis. No second chance for an invalid answer here: the offer goes back to the next run.
 */
export function createClaudeBatches(client: Anthropic, { config, criteria, system, format, meter, budget }: ClaudeBatchDeps): AnalysisBatches {
  const schema = answerSchema(criteria);
  // Spent at submit time, settled as results come back; a restart forgets it and the usage log counts what came.
  const pending = new Map<string, ((costUsd: number) => void)[]>();

  const submit = async (offers: readonly OfferRecord[]): Promise<string> => {
    const requests = offers.map((offer, index) => ({
      custom_id: customIdOf(index),
      params: {
        model: config.model,
        max_tokens: MAX_TOKENS,
        system,
        messages: [{ role: 'user' as const, content: offerMessage(offer) }],
        output_config: { effort: 'low' as const, format },
      },
    }));
    // One reservation per offer, as the normal path makes one per call: the cap sees the batch as the calls it replaces.
    const settles: ((costUsd: number) => void)[] = [];
    try {
      for (const request of requests) {
        const promptChars = system[0].text.length + request.params.messages[0].content.length;
        const worstCaseUsd =
          BATCH_PRICE * estimateCost(config.model, { input: 0, cacheWrite: promptChars / CHARS_PER_TOKEN_AT_WORST, cacheRead: 0, output: MAX_TOKENS });
        if (budget) settles.push(budget.reserve(worstCaseUsd));
      }
      const batch = await client.messages.batches.create({ requests });
      meter?.({ api: 'Claude', kind: 'batch', calls: 1 });
      pending.set(batch.id, settles);
      return batch.id;
    } catch (error) {
      for (const settle of settles) settle(0);
      throw explainFailure(error, config.model);
    }
  };

  const check = async (id: string) => {
    try {
      const batch = await client.messages.batches.retrieve(id);
      meter?.({ api: 'Claude', kind: 'batch', calls: 1 });
      const counts = batch.request_counts;
      const total = counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired;
      return { ended: batch.processing_status === 'ended', done: total - counts.processing, total };
    } catch (error) {
      throw explainFailure(error, config.model);
    }
  };

  async function* results(id: string, offerIds: readonly string[]): AsyncIterable<BatchResult> {
    const settles = pending.get(id) ?? [];
    try {
      const lines = await client.messages.batches.results(id);
      meter?.({ api: 'Claude', kind: 'batch', calls: 1 });
      for await (const line of lines) {
        const offerId = offerIds[Number(line.custom_id.replace('offre-', ''))];
        if (offerId === undefined) continue;
        const { result } = line;
        if (result.type !== 'succeeded') {
          yield { offerId, failure: result.type === 'errored' ? `erreur de l'API : ${result.error.error.message}` : WHY[result.type] };
          continue;
        }
        const tokens = tokensOf(result.message);
        const costUsd = BATCH_PRICE * estimateCost(config.model, tokens);
        // What the same call costs at full price: the estimates of the normal path's next calls stay right.
        settles[Number(line.custom_id.replace('offre-', ''))]?.(costUsd / BATCH_PRICE);
        meter?.({
          api: 'Claude',
          kind: 'batch-result',
          calls: 0,
          inputTokens: tokens.input + tokens.cacheWrite + tokens.cacheRead,
          outputTokens: tokens.output,
          cachedTokens: tokens.cacheRead,
          costUsd,
        });
        const read = readAnswer(result.message, schema);
        if ('answer' in read) yield { offerId, analysis: toAnalysis(read.answer, criteria, config.model, costUsd) };
        else yield { offerId, failure: `réponse invalide : ${read.reason}` };
      }
    } finally {
      for (const settle of settles) settle(0);
      pending.delete(id);
    }
  }

  return { submit, check, results };
}
