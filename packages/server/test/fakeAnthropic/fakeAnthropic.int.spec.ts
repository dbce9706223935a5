import { startFakeAnthropic, type FakeAnthropic } from '.';

const format = {
  type: 'json_schema',
  schema: { type: 'object', properties: { note: { type: 'integer' } }, required: ['note'], additionalProperties: false },
};
const longSystem = 'Consignes et critères du candidat. '.repeat(150);

const body = (overrides: Record<string, unknown> = {}) => ({
  model: 'claude-sonnet-5-5',
  max_tokens: 500,
  system: [{ type: 'text', text: longSystem, cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: 'Analyse cette offre.' }],
  output_config: { format },
  ...overrides,
});

/** What these tests read of an answer: its blocks and cache counts, or its error. */
type Answer = {
  content: { type: string; text: string }[];
  usage: { cache_creation_input_tokens: number; cache_read_input_tokens: number };
  error?: unknown;
};

describe('Fake Messages API', () => {
  let fake: FakeAnthropic;

  beforeEach(async () => {
    fake = await startFakeAnthropic();
  });

  afterEach(async () => {
    await fake.close();
  });

  const post = async (payload: unknown, headers: Record<string, string> = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }) => {
    const response = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
    });
    return { status: response.status, json: (await response.json()) as Answer };
  };

  it('should answer structured output that fits the schema, after a thinking block', async () => {
    const { status, json } = await post(body());

    expect(status).toBe(200);
    expect(json.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(JSON.parse(json.content[1].text)).toEqual({ note: 12 });
  });

  it('should write the cached prefix on the first call and read it on the next', async () => {
    const first = await post(body());
    const second = await post(body({ messages: [{ role: 'user', content: 'Une autre offre.' }] }));

    expect(first.json.usage.cache_creation_input_tokens).toBeGreaterThan(1_024);
    expect(first.json.usage.cache_read_input_tokens).toBe(0);
    expect(second.json.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: first.json.usage.cache_creation_input_tokens });
  });

  it.each([
    [
      'forced tool use on Sonnet 5.5',
      { tools: [{ name: 'noter', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'noter' } },
      /forced tool use/,
    ],
    [
      'a range in a structured-output schema',
      { output_config: { format: { ...format, schema: { ...format.schema, properties: { note: { type: 'integer', maximum: 20 } } } } } },
      /'maximum' is not supported/,
    ],
    [
      'an object schema open to other properties',
      { output_config: { format: { ...format, schema: { ...format.schema, additionalProperties: true } } } },
      /additionalProperties/,
    ],
    ['an unknown cache_control type', { system: [{ type: 'text', text: 'x', cache_control: { type: 'persistent' } }] }, /cache_control/],
    ['a conversation opened by the assistant', { messages: [{ role: 'assistant', content: 'Bonjour' }] }, /first message/],
    [
      'a thinking block it did not sign',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'x', signature: 'forged' }] },
          { role: 'user', content: 'b' },
        ],
      },
      /thinking blocks cannot be modified/,
    ],
    ['a system prompt without a cache breakpoint (Veille)', { system: 'Consignes' }, /ephemeral cache_control/],
  ])('should refuse %s with a 400', async (_case, overrides, message) => {
    const { status, json } = await post(body(overrides));

    expect(status).toBe(400);
    expect(json.error).toEqual({ type: 'invalid_request_error', message: expect.stringMatching(message) });
  });

  it('should refuse a request without a key or an API version', async () => {
    expect((await post(body(), { 'anthropic-version': '2023-06-01' })).status).toBe(401);
    expect((await post(body(), { 'x-api-key': 'k' })).status).toBe(400);
  });

  it('should play its script: errors with retry-after, then valid output again', async () => {
    fake.script({ kind: 'status', status: 429, retryAfter: 3 }, { kind: 'invalid', flaw: 'outOfRange' });

    const limited = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(body()),
    });
    const invalid = await post(body());
    const valid = await post(body());

    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(JSON.parse(invalid.json.content[1].text)).toEqual({ note: 42 });
    expect(JSON.parse(valid.json.content[1].text)).toEqual({ note: 12 });
    expect(fake.requests).toHaveLength(3);
  });
});
