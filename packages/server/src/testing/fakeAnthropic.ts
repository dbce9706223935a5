import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers next: a valid tool call, an invalid one, no tool call, or an HTTP error. */
export type Reply =
  | { kind: 'valid'; hitFirstDealBreaker?: boolean }
  | { kind: 'invalid' }
  | { kind: 'noTool' }
  | { kind: 'status'; status: 429 | 500 | 529; retryAfterMs?: number };

export type RecordedRequest = { body: MessagesBody; headers: IncomingMessage['headers'] };

type MessagesBody = {
  model?: string;
  max_tokens?: number;
  system?: { type: string; text: string; cache_control?: { type: string } }[];
  tools?: { name: string; input_schema: JsonSchema }[];
  tool_choice?: { type: string; name?: string };
  messages?: { role: string; content: unknown }[];
};
type JsonSchema = { properties?: Record<string, JsonSchema>; minItems?: number; items?: JsonSchema };

/** The smallest prefix Claude caches (Sonnet): below it, cache_control is silently ignored. */
const MIN_CACHED_TOKENS = 1_024;
const tokensOf = (text: string): number => Math.ceil(text.length / 4);

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });

const fail = (response: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${Date.now()}`, ...headers });
  response.end(JSON.stringify({ type: 'error', error: { type, message } }));
};

/** An answer that fits the tool's schema as the request describes it. */
const validInput = (schema: JsonSchema, hit: boolean) => {
  const scores = Object.fromEntries(Object.keys(schema.properties?.scores?.properties ?? {}).map((name, index) => [name, 12 + (index % 5)]));
  const count = schema.properties?.redhibitoires?.minItems ?? 0;
  return {
    resume: "Poste de data engineer dans une équipe outillée, proche de vos attentes. Le salaire affiché est dans votre fourchette et le télétravail est possible.",
    redhibitoires: Array.from({ length: count }, (_unused, index) => ({
      titre: `Critère ${index + 1}`,
      atteint: hit && index === 0,
      justification: hit && index === 0 ? "Le texte mentionne un stage." : 'Rien dans le texte.',
    })),
    scores,
  };
};

/**
 * A local stand-in for the Messages API, as documented: it checks the request's shape, answers
 * with a forced tool call, reports usage with prompt caching (creation, then reads, above the
 * minimum prefix), and can be scripted to misbehave.
 */
export const startFakeAnthropic = async (options: { latencyMs?: number } = {}) => {
  const requests: RecordedRequest[] = [];
  const script: Reply[] = [];
  const cachedPrefixes = new Set<string>();
  let latencyMs = options.latencyMs ?? 0;

  const server = createServer(async (request, response) => {
    if (request.method !== 'POST' || request.url !== '/v1/messages') return fail(response, 404, 'not_found_error', 'Not found');
    let body: MessagesBody;
    try {
      body = JSON.parse(await readBody(request)) as MessagesBody;
    } catch {
      return fail(response, 400, 'invalid_request_error', 'Body is not JSON');
    }
    requests.push({ body, headers: request.headers });
    if (!request.headers.authorization && !request.headers['x-api-key']) return fail(response, 401, 'authentication_error', 'No credentials');
    const tool = body.tools?.[0];
    if (!body.model || !body.max_tokens || !body.messages?.length || !tool) return fail(response, 400, 'invalid_request_error', 'model, max_tokens, messages and tools are required');
    if (body.tool_choice?.type === 'tool' && body.tool_choice.name !== tool.name) return fail(response, 400, 'invalid_request_error', 'tool_choice names an unknown tool');

    const reply = script.shift() ?? { kind: 'valid' };
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (reply.kind === 'status') {
      const type = reply.status === 429 ? 'rate_limit_error' : reply.status === 529 ? 'overloaded_error' : 'api_error';
      const wait = reply.retryAfterMs ?? 50;
      return fail(response, reply.status, type, type, { 'retry-after': String(Math.ceil(wait / 1000)), 'retry-after-ms': String(wait) });
    }

    const systemText = (body.system ?? []).map((block) => block.text).join('\n');
    const cacheable = body.system?.some((block) => block.cache_control?.type === 'ephemeral') && tokensOf(systemText) >= MIN_CACHED_TOKENS;
    const prefix = createHash('sha256').update(systemText).digest('hex');
    const cacheRead = cacheable && cachedPrefixes.has(prefix) ? tokensOf(systemText) : 0;
    const cacheWrite = cacheable && !cacheRead ? tokensOf(systemText) : 0;
    if (cacheable) cachedPrefixes.add(prefix);
    const messagesTokens = tokensOf(JSON.stringify(body.messages));
    const input =
      reply.kind === 'valid'
        ? validInput(tool.input_schema, !!reply.hitFirstDealBreaker)
        : { resume: 'trop court', scores: { localisation: 42, salaire: 'beaucoup' } };
    const content =
      reply.kind === 'noTool'
        ? [{ type: 'text', text: 'Voici mon analyse en texte libre.' }]
        : [{ type: 'tool_use', id: `toolu_${requests.length}`, name: tool.name, input }];
    response.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` });
    response.end(
      JSON.stringify({
        id: `msg_${requests.length}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content,
        stop_reason: reply.kind === 'noTool' ? 'end_turn' : 'tool_use',
        stop_sequence: null,
        usage: {
          input_tokens: messagesTokens + (cacheable ? 0 : tokensOf(systemText)) + tokensOf(JSON.stringify(tool)),
          output_tokens: tokensOf(JSON.stringify(content)),
          cache_creation_input_tokens: cacheWrite,
          cache_read_input_tokens: cacheRead,
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script: (...replies: Reply[]) => script.push(...replies),
    setLatency: (ms: number) => {
      latencyMs = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
