import { createHash } from 'node:crypto';
import type { MessagesBody } from './request';

/** A rough token count (about 4 characters a token in French and JSON): enough for usage figures. */
export function tokensOf(value: unknown): number {
  return Math.ceil((typeof value === 'string' ? value : JSON.stringify(value ?? '')).length / 4);
}

export type PromptUsage = { input_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };

/**
 * Prompt caching as documented: the prefix runs from the tools through the last system block
 * marked with cache_control; under the model's minimum length it is silently not cached; an
 * entry is readable once the response that wrote it is sent, and lives 5 minutes from last use
 * (1 hour with ttl "1h").
 */
export function createPromptCache(minTokens: number, now: () => number = Date.now) {
  const entries = new Map<string, number>();

  const prefixOf = (body: MessagesBody) => {
    const system = typeof body.system === 'string' ? [{ type: 'text' as const, text: body.system }] : (body.system ?? []);
    const breakpoint = system.findLastIndex((block) => 'cache_control' in block && block.cache_control);
    if (breakpoint < 0) return undefined;
    const blocks = system.slice(0, breakpoint + 1);
    const ttlMs = 'cache_control' in blocks[breakpoint] && blocks[breakpoint].cache_control?.ttl === '1h' ? 3_600_000 : 300_000;
    const tokens = tokensOf(body.tools ?? []) + blocks.reduce((sum, block) => sum + tokensOf(block.text), 0);
    // The output format is compiled into the prompt: another schema is another prefix.
    const key = createHash('sha256')
      .update(JSON.stringify([body.model, body.tools, blocks, body.output_config?.format]))
      .digest('hex');
    return { key, tokens, ttlMs };
  };

  /** Usage for one request, and the write to commit once its response is sent. */
  const usageOf = (body: MessagesBody): { usage: PromptUsage; commit: () => void } => {
    const total = tokensOf(body.tools ?? []) + tokensOf(body.system ?? '') + tokensOf(body.messages) + tokensOf(body.output_config?.format ?? '');
    const prefix = prefixOf(body);
    if (!prefix || prefix.tokens < minTokens) {
      return { usage: { input_tokens: total, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }, commit: () => undefined };
    }
    const expiry = entries.get(prefix.key);
    const hit = expiry !== undefined && expiry > now();
    const commit = () => entries.set(prefix.key, now() + prefix.ttlMs);
    if (hit) commit();
    return {
      usage: {
        input_tokens: total - prefix.tokens,
        cache_creation_input_tokens: hit ? 0 : prefix.tokens,
        cache_read_input_tokens: hit ? prefix.tokens : 0,
      },
      commit: hit ? () => undefined : commit,
    };
  };

  return { usageOf };
}
