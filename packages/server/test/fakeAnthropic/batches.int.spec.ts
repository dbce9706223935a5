import Anthropic from '@anthropic-ai/sdk';
import { startFakeAnthropic, type FakeAnthropic } from '.';

const format = {
  type: 'json_schema' as const,
  schema: { type: 'object', properties: { note: { type: 'integer' } }, required: ['note'], additionalProperties: false },
};
const system = [{ type: 'text' as const, text: 'Consignes et critères du candidat. '.repeat(150), cache_control: { type: 'ephemeral' as const } }];

const request = (customId: string, content = 'Analyse cette offre.') => ({
  custom_id: customId,
  params: { model: 'claude-sonnet-5-5', max_tokens: 500, system, messages: [{ role: 'user' as const, content }], output_config: { format } },
});

describe('Fake Message Batches API, through the official SDK', () => {
  let fake: FakeAnthropic;
  let client: Anthropic;

  const start = async (batches: { processingMs?: number; expiresAfterMs?: number } = {}) => {
    fake = await startFakeAnthropic({ batches });
    client = new Anthropic({ apiKey: 'k', authToken: null, baseURL: fake.url, maxRetries: 0 });
  };

  afterEach(async () => {
    await fake.close();
  });

  const resultsOf = async (id: string) => {
    const lines: Anthropic.Messages.Batches.MessageBatchIndividualResponse[] = [];
    for await (const line of await client.messages.batches.results(id)) lines.push(line);
    return lines;
  };

  it('should take a batch in progress, then end it with one succeeded result per request, the prefix cached', async () => {
    await start({ processingMs: 60_000 });

    const created = await client.messages.batches.create({ requests: [request('o1'), request('o2', 'Une autre offre.')] });
    const early = await client.messages.batches.retrieve(created.id);
    fake.setBatchTimings({ processingMs: 0 });
    const ended = await client.messages.batches.retrieve(created.id);
    const results = await resultsOf(created.id);

    expect(created).toMatchObject({ type: 'message_batch', processing_status: 'in_progress', results_url: null });
    expect(early.processing_status).toBe('in_progress');
    expect(early.request_counts.processing).toBe(2);
    expect(ended.processing_status).toBe('ended');
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 2, errored: 0, canceled: 0, expired: 0 });
    expect(results.map((line) => [line.custom_id, line.result.type])).toEqual([
      ['o1', 'succeeded'],
      ['o2', 'succeeded'],
    ]);
    const messages = results.map((line) => (line.result.type === 'succeeded' ? line.result.message : undefined));
    expect(messages[0]?.usage.cache_creation_input_tokens).toBeGreaterThan(1_024);
    expect(messages[1]?.usage.cache_read_input_tokens).toBe(messages[0]?.usage.cache_creation_input_tokens);
  });

  it('should refuse results before the batch ends', async () => {
    await start({ processingMs: 60_000 });
    const created = await client.messages.batches.create({ requests: [request('o1')] });

    await expect(resultsOf(created.id)).rejects.toThrow(/results_url/);
  });

  it('should report an errored request and a request the API refuses, and play the script per request', async () => {
    await start();
    fake.script({ kind: 'errored' }, { kind: 'invalid', flaw: 'prose' });

    const created = await client.messages.batches.create({
      requests: [request('o1'), request('o2'), { custom_id: 'o3', params: { ...request('o3').params, system: 'Consignes' } }, request('o4')],
    });
    await client.messages.batches.retrieve(created.id);
    const results = await resultsOf(created.id);

    expect(results.map((line) => line.result.type)).toEqual(['errored', 'succeeded', 'errored', 'succeeded']);
    expect(results[2].result).toMatchObject({ error: { error: { type: 'invalid_request_error', message: expect.stringMatching(/cache_control/) } } });
  });

  it('should expire the requests a batch could not process in time', async () => {
    await start({ processingMs: 60_000 });
    const created = await client.messages.batches.create({ requests: [request('o1'), request('o2')] });
    fake.setBatchTimings({ expiresAfterMs: 0 });

    const ended = await client.messages.batches.retrieve(created.id);

    expect(ended.processing_status).toBe('ended');
    expect(ended.request_counts.expired).toBe(2);
    expect((await resultsOf(created.id)).map((line) => line.result.type)).toEqual(['expired', 'expired']);
  });

  it('should cancel a batch in progress: its unprocessed requests end canceled', async () => {
    await start({ processingMs: 60_000 });
    const created = await client.messages.batches.create({ requests: [request('o1')] });

    const canceled = await client.messages.batches.cancel(created.id);

    expect(canceled.cancel_initiated_at).not.toBeNull();
    expect((await client.messages.batches.retrieve(created.id)).request_counts.canceled).toBe(1);
    expect((await resultsOf(created.id))[0].result.type).toBe('canceled');
  });

  it('should refuse a batch with duplicate custom ids, and an unknown batch', async () => {
    await start();

    await expect(client.messages.batches.create({ requests: [request('o1'), request('o1')] })).rejects.toThrow(/custom_id must be unique/);
    await expect(client.messages.batches.retrieve('msgbatch_nope')).rejects.toThrow(/404/);
  });
});
