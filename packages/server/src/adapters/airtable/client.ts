import type { CallMeter } from '@veille/domain';
import Airtable from 'airtable';
import { UnavailableError } from '../../errors';
import type { AirtableConfig } from './config';
import { createRateLimiter, sleep, type RateLimiter } from './limiter';

export type RequestKind = 'list' | 'create' | 'update' | 'upsert' | 'meta' | 'webhook';

/** Records under the base; the Meta API (`meta/bases/{baseId}`); webhooks (`bases/{baseId}/webhooks`). */
export type RequestTarget = 'records' | 'meta' | 'hooks';

export type AirtableRequest = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Under the base (`/Offres`) or, for the Meta API, under `meta/bases/{baseId}` (`/tables`). */
  path: string;
  qs?: Record<string, unknown>;
  body?: unknown;
};

export type ClientOptions = {
  meter?: CallMeter;
  /** Airtable's penalty after a 429 (30 s). */
  rateLimitPenaltyMs?: number;
  /** How long 5xx, network errors and 429s are retried before the request fails. */
  retryDeadlineMs?: number;
  /** Airtable allows 5 requests per second per base; tests against the fake may go faster. */
  requestsPerSecond?: number;
  requestTimeoutMs?: number;
  log?: { warn: (details: object, message: string) => void };
};

/** Airtable refused a request for a reason a retry cannot fix (422: unknown field, unknown choice, missing record…). */
export class AirtableRequestError extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type AirtableResponse = {
  body: unknown;
  /** A transient failure came first: an earlier attempt may have been applied without an answer. */
  retried: boolean;
};

export type AirtableClient = {
  /** Sends one request through the base's rate limiter, with the retry policy of its kind. */
  send(kind: RequestKind, request: AirtableRequest, target?: RequestTarget): Promise<AirtableResponse>;
};

type PackageError = { error?: string; message?: string; statusCode?: number | null };

const JITTER_MARGIN_MS = 50;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

/** Creates are the only requests a retry could repeat (records, tables, fields, webhooks): everything else Veille sends is idempotent. */
const isIdempotent = (kind: RequestKind, request: AirtableRequest): boolean =>
  kind !== 'create' && !(kind === 'meta' && request.method === 'POST') && !(kind === 'webhook' && request.method === 'POST' && request.path === '/webhooks');

const isTransient = (status: number | null | undefined): boolean => !status || status >= 500;

/**
 * Airtable counts requests per base, whoever sends them: the store, « Préparer / vérifier »,
 * « Tester » and a store rebuilt after a settings change all wait in the base's one limiter, so
 * together they never earn the 30 s penalty that one of them alone would have avoided.
 */
const limiters = new Map<string, RateLimiter>();
const limiterOf = (config: AirtableConfig, requestsPerSecond: number): RateLimiter => {
  const key = `${config.endpointUrl ?? ''} ${config.baseId} ${requestsPerSecond}`;
  let limiter = limiters.get(key);
  if (!limiter) limiters.set(key, (limiter = createRateLimiter(requestsPerSecond, 1_000 + JITTER_MARGIN_MS)));
  return limiter;
};

/**
 * The one door to the user's base: every request waits its turn in the base's limiter (5 per
 * second for the whole base, all phases and clients together), is counted, and follows one retry policy. The
 * package's own 429 retry loop is off: it never ends and ignores the 30 s penalty.
 */
export function createAirtableClient(config: AirtableConfig, options: ClientOptions = {}): AirtableClient {
  const penaltyMs = options.rateLimitPenaltyMs ?? 30_000;
  const deadlineMs = options.retryDeadlineMs ?? 120_000;
  const limiter = limiterOf(config, options.requestsPerSecond ?? 5);
  const airtable = new Airtable({
    apiKey: config.apiKey,
    endpointUrl: config.endpointUrl ?? 'https://api.airtable.com',
    noRetryIfRateLimited: true,
    requestTimeout: options.requestTimeoutMs ?? 60_000,
  });
  const bases = {
    records: airtable.base(config.baseId),
    // airtable.js has no Meta API client; its generic request on this path reaches it with the same auth and errors.
    meta: airtable.base(`meta/bases/${config.baseId}`),
    // Nor a webhooks client: the same generic request reaches /v0/bases/{baseId}/webhooks.
    hooks: airtable.base(`bases/${config.baseId}`),
  };

  const refusal = (error: PackageError, kind: RequestKind): Error => {
    const status = error.statusCode ?? 0;
    // A webhook refused or gone is not the base refused: the caller falls back to full loads.
    if (kind === 'webhook')
      return new AirtableRequestError(`Airtable refuse la requête (webhook, ${error.error ?? status}) : ${error.message ?? ''}`, error.error ?? '', status);
    if (status === 401 || status === 403) {
      return new UnavailableError(
        `Airtable refuse l'accès (${status}) : vérifiez le jeton d'accès (Paramètres → Stockage, ou AIRTABLE_API_KEY) et ses droits sur la base ${config.baseId}.`,
      );
    }
    if (status === 404) {
      return new UnavailableError(
        `Airtable : base ${config.baseId} ou table introuvable (${error.message ?? 'NOT_FOUND'}). Vérifiez la base (Paramètres → Stockage, ou AIRTABLE_BASE_ID), puis « Préparer / vérifier la base ».`,
      );
    }
    return new AirtableRequestError(`Airtable refuse la requête (${kind}, ${error.error ?? status}) : ${error.message ?? ''}`, error.error ?? '', status);
  };

  const send: AirtableClient['send'] = async (kind, request, target = 'records') => {
    const started = Date.now();
    let retried = false;
    for (let attempt = 0; ; attempt += 1) {
      await limiter.take();
      options.meter?.({ api: 'Airtable', kind, calls: 1 });
      try {
        const response = await bases[target].makeRequest({ method: request.method, path: request.path, qs: request.qs ?? {}, body: request.body });
        return { body: response.body as unknown, retried };
      } catch (caught) {
        const error = caught as PackageError;
        const status = error.statusCode ?? 0;
        const elapsed = Date.now() - started;
        if (status === 429) {
          limiter.pause(penaltyMs);
          options.log?.warn({ kind, waitMs: penaltyMs }, 'Airtable rate limit (429): every request waits the penalty');
          if (elapsed + penaltyMs > deadlineMs) {
            throw new UnavailableError(`Airtable limite toujours les requêtes (429) après ${Math.round(elapsed / 1_000)} s : réessayez plus tard.`);
          }
          continue;
        }
        if (!isTransient(status)) throw refusal(error, kind);
        const what = status ? `erreur ${status}` : `réseau : ${error.message ?? 'connexion impossible'}`;
        if (!isIdempotent(kind, request)) {
          throw new UnavailableError(`Airtable n'a pas répondu à une création (${what}) : elle n'est pas renvoyée, pour ne pas créer de doublon.`);
        }
        const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
        if (elapsed + backoff > deadlineMs) {
          throw new UnavailableError(
            `Airtable ne répond plus (${what}) depuis ${Math.round(elapsed / 1_000)} s : la phase s'arrête, rien de ce qui est déjà enregistré n'est perdu.`,
          );
        }
        retried = true;
        options.log?.warn({ kind, status, waitMs: Math.round(backoff) }, 'Airtable transient failure: retrying');
        await sleep(backoff);
      }
    }
  };

  return { send };
}
