import { z } from 'zod';

export type FakeBatchOptions = {
  /** Time from creation until the batch ends, every request processed (0: ended at the first retrieve). */
  processingMs?: number;
  /** Time from creation until the batch expires: requests not processed by then end `expired` (the API's is 24 h). */
  expiresAfterMs?: number;
};

/** What became of one request: the model's message, an error the API reports for it, or nothing before expiry. */
export type BatchOutcome = { message: unknown } | { problem: string } | 'errored' | 'expired';

type FakeBatch = {
  readonly id: string;
  readonly createdAt: number;
  readonly requests: { custom_id: string; params: unknown }[];
  canceledAt?: number;
  results?: { custom_id: string; result: Record<string, unknown> }[];
  retrievals: number;
};

const createBody = z.strictObject({
  requests: z
    .array(z.strictObject({ custom_id: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/), params: z.record(z.string(), z.unknown()) }))
    .min(1)
    .max(100_000),
});

const DAY_MS = 24 * 3_600_000;

type Handled = { status: number; body: unknown } | { jsonl: string };

const apiError = (status: number, type: string, message: string): Handled => ({ status, body: { type: 'error', error: { type, message } } });

/**
 * Message Batches as documented: POST /v1/messages/batches { requests: [{ custom_id, params }] }
 * answers a `message_batch` in_progress; GET …/{id} reports processing_status and request_counts;
 * once ended, results_url streams one JSON line per request (succeeded, errored, canceled or
 * expired); POST …/{id}/cancel ends it with its unprocessed requests canceled. Each request goes
 * through the same checks and the same scripted replies as POST /v1/messages, when the batch ends.
 */
export function createFakeBatches(options: FakeBatchOptions & { messageFor: (params: unknown) => BatchOutcome }) {
  const all: FakeBatch[] = [];
  let processingMs = options.processingMs ?? 0;
  let expiresAfterMs = options.expiresAfterMs ?? DAY_MS;

  const expired = (batch: FakeBatch, now: number) => now >= batch.createdAt + expiresAfterMs && expiresAfterMs < processingMs;
  // Never ended in the answer that creates it, as with the API.
  const ended = (batch: FakeBatch, now: number) =>
    batch.canceledAt !== undefined || (batch.retrievals > 0 && now >= batch.createdAt + Math.min(processingMs, expiresAfterMs));

  /** Processes every request once the batch ends, so results stay what they were at the first look. */
  const settle = (batch: FakeBatch, now: number): void => {
    if (batch.results || !ended(batch, now)) return;
    const unprocessed = batch.canceledAt !== undefined ? 'canceled' : expired(batch, now) ? 'expired' : undefined;
    batch.results = batch.requests.map(({ custom_id, params }) => {
      if (unprocessed) return { custom_id, result: { type: unprocessed } };
      const outcome = options.messageFor(params);
      if (outcome === 'expired') return { custom_id, result: { type: 'expired' } };
      if (outcome === 'errored' || 'problem' in outcome) {
        const message = outcome === 'errored' ? 'Internal server error' : outcome.problem;
        const type = outcome === 'errored' ? 'api_error' : 'invalid_request_error';
        return { custom_id, result: { type: 'errored', error: { type: 'error', error: { type, message } } } };
      }
      return { custom_id, result: { type: 'succeeded', message: outcome.message } };
    });
  };

  const view = (batch: FakeBatch, base: string, now: number) => {
    settle(batch, now);
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (batch.results) for (const { result } of batch.results) counts[result.type as keyof typeof counts] += 1;
    else counts.processing = batch.requests.length;
    const iso = (at: number) => new Date(at).toISOString();
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: batch.results ? 'ended' : batch.canceledAt !== undefined ? 'canceling' : 'in_progress',
      request_counts: counts,
      created_at: iso(batch.createdAt),
      expires_at: iso(batch.createdAt + expiresAfterMs),
      ended_at: batch.results ? iso(now) : null,
      cancel_initiated_at: batch.canceledAt === undefined ? null : iso(batch.canceledAt),
      archived_at: null,
      results_url: batch.results ? `${base}/v1/messages/batches/${batch.id}/results` : null,
    };
  };

  const handle = (method: string, path: string, text: string, base: string): Handled => {
    const now = Date.now();
    if (method === 'POST' && path === '/v1/messages/batches') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return apiError(400, 'invalid_request_error', 'The request body is not valid JSON');
      }
      const parsed = createBody.safeParse(json);
      if (!parsed.success)
        return apiError(400, 'invalid_request_error', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      const ids = new Set(parsed.data.requests.map((request) => request.custom_id));
      if (ids.size !== parsed.data.requests.length) return apiError(400, 'invalid_request_error', 'requests: custom_id must be unique within a batch');
      const batch: FakeBatch = { id: `msgbatch_fake_${all.length + 1}`, createdAt: now, requests: parsed.data.requests, retrievals: 0 };
      all.push(batch);
      return { status: 200, body: view(batch, base, now) };
    }
    const match = /^\/v1\/messages\/batches\/([^/?]+)(\/results|\/cancel)?$/.exec(path.split('?')[0]);
    const batch = match ? all.find((candidate) => candidate.id === match[1]) : undefined;
    if (!match || !batch) return apiError(404, 'not_found_error', 'Not found');
    if (method === 'POST' && match[2] === '/cancel') {
      if (!batch.results) batch.canceledAt ??= now;
      return { status: 200, body: view(batch, base, now) };
    }
    if (method !== 'GET') return apiError(405, 'invalid_request_error', 'Method not allowed');
    if (match[2] === '/results') {
      settle(batch, now);
      if (!batch.results) return apiError(400, 'invalid_request_error', `Batch ${batch.id} is still processing`);
      return { jsonl: batch.results.map((line) => JSON.stringify(line)).join('\n') + '\n' };
    }
    batch.retrievals += 1;
    return { status: 200, body: view(batch, base, now) };
  };

  return {
    handle,
    all: all as readonly Readonly<FakeBatch>[],
    setTimings: (timings: FakeBatchOptions) => {
      processingMs = timings.processingMs ?? processingMs;
      expiresAfterMs = timings.expiresAfterMs ?? expiresAfterMs;
    },
  };
}
