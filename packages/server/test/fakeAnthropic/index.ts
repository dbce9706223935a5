import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody, sleep } from '../http';
import type { AddressInfo } from 'node:net';
import { exampleOf, overlay, spoil, type Flaw } from './example';
import { createFakeBatches, type FakeBatchOptions } from './batches';
import { createPromptCache, tokensOf } from './promptCache';
import { conversationProblem, parseBody, schemaProblem, type MessagesBody } from './request';

/** What the fake answers next. Without a script it answers valid output. */
export type Reply =
  /** Output that fits the requested format; `answer` is laid over the generated example. */
  | { kind: 'valid'; answer?: Record<string, unknown>; latencyMs?: number }
  /** Output that breaks the format's constraints, prose instead of JSON, or JSON cut by max_tokens. */
  | { kind: 'invalid'; flaw?: Flaw | 'prose' | 'truncated'; latencyMs?: number }
  /** An HTTP error as the API sends it; retry-after in seconds as the API does, or retry-after-ms for fast tests. */
  | { kind: 'status'; status: 429 | 500 | 503 | 529; retryAfter?: number; retryAfterMs?: number; latencyMs?: number }
  /** In a batch only: the request fails with an API error, or is never processed before the batch expires. */
  | { kind: 'errored'; latencyMs?: number }
  | { kind: 'expired'; latencyMs?: number };

export type RecordedRequest = { body: MessagesBody; headers: IncomingMessage['headers']; at: number };

export type FakeAnthropicOptions = {
  /** Time the model takes to answer, for every reply without its own. */
  latencyMs?: number;
  /** The shortest prefix the model caches (1,024 tokens for Sonnet). */
  minCachedTokens?: number;
  /** Models that refuse forced tool use (tool_choice any/tool), as Claude Sonnet 5.5 does. */
  noForcedTools?: RegExp;
  /** The only key accepted; any key when unset. */
  apiKey?: string;
  /** How long a batch takes to process, and when it expires. */
  batches?: FakeBatchOptions;
};

const ERROR_TYPES: Record<number, string> = { 429: 'rate_limit_error', 500: 'api_error', 503: 'api_error', 529: 'overloaded_error' };

/**
 * A local stand-in for the Messages API (POST /v1/messages), as documented: it refuses what the
 * API refuses (request shape, structured-output schema, conversation rules, forced tools on
 * models without them), answers structured output built from the requested schema, reports usage
 * with prompt caching, and can be scripted to misbehave. It also holds Veille to its own contract:
 * a system prompt with a cache breakpoint and a structured-output format on every request.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}) {
  const requests: RecordedRequest[] = [];
  const script: Reply[] = [];
  const signatures = new Set<string>();
  const cache = createPromptCache(options.minCachedTokens ?? 1_024);
  const noForcedTools = options.noForcedTools ?? /sonnet-5-5/;
  let latencyMs = options.latencyMs ?? 0;
  let served = 0;
  let messagesMade = 0;

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    served += 1;
    if (response.destroyed) return;
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${served}`, ...headers });
    response.end(JSON.stringify(body));
  };
  const fail = (response: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void =>
    send(response, status, { type: 'error', error: { type, message } }, headers);
  const refuse = (response: ServerResponse, message: string) => fail(response, 400, 'invalid_request_error', message);

  const contractProblem = (body: MessagesBody): string | undefined => {
    if (body.tool_choice && ['any', 'tool'].includes(body.tool_choice.type) && noForcedTools.test(body.model)) {
      return `tool_choice: forced tool use is not supported by ${body.model}; use "auto" or structured outputs`;
    }
    if (body.tool_choice?.type === 'tool' && !body.tools?.some((tool) => tool.name === (body.tool_choice as { name: string }).name)) {
      return 'tool_choice.name: no tool with that name';
    }
    const format = body.output_config?.format;
    if (format) return schemaProblem(format.schema);
    return undefined;
  };

  const veilleProblem = (body: MessagesBody): string | undefined => {
    if (!Array.isArray(body.system) || !body.system.some((block) => block.cache_control?.type === 'ephemeral')) {
      return 'fake (Veille): the system prompt must be sent as text blocks with an ephemeral cache_control';
    }
    if (!body.output_config?.format) return 'fake (Veille): output_config.format is expected on every analysis';
    return undefined;
  };

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const key = request.headers['x-api-key'] ?? request.headers.authorization?.replace(/^Bearer /, '');
    if (!key) return fail(response, 401, 'authentication_error', 'x-api-key header is required');
    if (options.apiKey && key !== options.apiKey) return fail(response, 401, 'authentication_error', 'invalid x-api-key');
    if (!request.headers['anthropic-version']) return refuse(response, 'anthropic-version header is required');
    if (request.url?.startsWith('/v1/messages/batches')) {
      const handled = batches.handle(request.method ?? 'GET', request.url, request.method === 'POST' ? await readBody(request) : '', url);
      if ('jsonl' in handled) {
        served += 1;
        response.writeHead(200, { 'content-type': 'application/binary' });
        return void response.end(handled.jsonl);
      }
      return send(response, handled.status, handled.body);
    }
    if (request.method !== 'POST' || request.url !== '/v1/messages') return fail(response, 404, 'not_found_error', 'Not found');
    let json: unknown;
    try {
      json = JSON.parse(await readBody(request));
    } catch {
      return refuse(response, 'The request body is not valid JSON');
    }
    requests.push({ body: json as MessagesBody, headers: request.headers, at: Date.now() });
    const checked = requestProblem(json);
    if ('problem' in checked) return refuse(response, checked.problem);
    const { body } = checked;

    const reply = script.shift() ?? { kind: 'valid' };
    const delay = reply.latencyMs ?? latencyMs;
    if (delay > 0) await sleep(delay);
    if (reply.kind === 'status') {
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
      if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
      return fail(response, reply.status, ERROR_TYPES[reply.status], reply.status === 529 ? 'Overloaded' : ERROR_TYPES[reply.status], headers);
    }
    if (reply.kind === 'errored' || reply.kind === 'expired') return fail(response, 500, 'api_error', `fake: "${reply.kind}" is a batch-only reply`);
    send(response, 200, messageFor(body, reply));
  };

  /** The model's message for a request the API accepted, with usage counted through the prompt cache. */
  const messageFor = (body: MessagesBody, reply: Extract<Reply, { kind: 'valid' | 'invalid' }>) => {
    const example = exampleOf(body.output_config?.format?.schema ?? { type: 'object' });
    const output =
      reply.kind === 'valid'
        ? JSON.stringify(overlay(example, reply.answer))
        : reply.flaw === 'prose'
          ? "Voici mon analyse : l'offre semble intéressante."
          : reply.flaw === 'truncated'
            ? JSON.stringify(example).slice(0, 40)
            : JSON.stringify(spoil(example, reply.flaw ?? 'outOfRange'));
    messagesMade += 1;
    const signature = `sig_fake_${messagesMade}`;
    signatures.add(signature);
    const content = [
      { type: 'thinking', thinking: "Je compare l'offre aux critères du candidat.", signature },
      { type: 'text', text: output, citations: null },
    ];
    const { usage, commit } = cache.usageOf(body);
    commit();
    return {
      id: `msg_fake_${messagesMade}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: reply.kind === 'invalid' && reply.flaw === 'truncated' ? 'max_tokens' : 'end_turn',
      stop_sequence: null,
      usage: { ...usage, output_tokens: tokensOf(content) },
    };
  };

  /** What the API refuses in one request, as a batch reports it per request. */
  const requestProblem = (json: unknown): { body: MessagesBody } | { problem: string } => {
    const parsed = parseBody(json);
    if ('problem' in parsed) return parsed;
    const problem = conversationProblem(parsed.body, signatures) ?? contractProblem(parsed.body) ?? veilleProblem(parsed.body);
    return problem ? { problem } : parsed;
  };

  const batches = createFakeBatches({
    ...options.batches,
    messageFor: (json) => {
      const checked = requestProblem(json);
      if ('problem' in checked) return { problem: checked.problem };
      const reply = script.shift() ?? { kind: 'valid' };
      if (reply.kind === 'status') return { problem: ERROR_TYPES[reply.status] };
      if (reply.kind === 'errored' || reply.kind === 'expired') return reply.kind;
      return { message: messageFor(checked.body, reply) };
    },
  });

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => fail(response, 500, 'api_error', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    /** Batches as the API holds them: their requests and what became of each. */
    batches: batches.all,
    setBatchTimings: batches.setTimings,
    /** Every request that reached the API with a JSON body, in order. */
    requests,
    /** Replies for the next requests, in order; once used up, valid output again. */
    script: (...replies: Reply[]) => script.push(...replies),
    setLatency: (ms: number) => {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type FakeAnthropic = Awaited<ReturnType<typeof startFakeAnthropic>>;
