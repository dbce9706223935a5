import type { CallMeter, PageFetcher, PageOutcome } from '@veille/domain';
import { refusalOf } from './addresses';
import { extract } from './extractors';
import { createHostLimiter } from './hostLimiter';

export type PageFetcherOptions = {
  allowPrivate: boolean;
  /** Veille's own origin, where the demo pages live: always allowed. */
  selfOrigin?: string;
  timeoutMs?: number;
  maxBytes?: number;
  perHostConcurrency?: number;
  perHostDelayMs?: number;
  meter?: CallMeter;
  now?: () => Date;
};

const MAX_REDIRECTS = 5;

const HEADERS = {
  'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.8',
};

class PageTooLargeError extends Error {}
class PageTimeoutError extends Error {}

const duration = (ms: number): string => (ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`);
const size = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} Ko` : `${Math.round(bytes / 1024 / 1024)} Mo`);

const readCapped = async (response: Response, maxBytes: number): Promise<string> => {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new PageTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const statusReason = (status: number): string =>
  status === 403 ? 'Accès refusé (403)' : status === 429 ? 'Trop de requêtes (429)' : status >= 500 ? `Erreur du site (${status})` : `Réponse inattendue (${status})`;

/** Phase 2's window on the web: polite, capped, and closed to internal addresses. */
export const createPageFetcher = (options: PageFetcherOptions): PageFetcher => {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const limit = createHostLimiter(options.perHostConcurrency ?? 2, options.perHostDelayMs ?? 500);
  const selfLimit = createHostLimiter(options.perHostConcurrency ?? 2, 0);
  const now = options.now ?? (() => new Date());
  const isSelf = (url: URL): boolean => !!options.selfOrigin && url.origin === new URL(options.selfOrigin).origin;

  const get = async (url: URL): Promise<Response> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      options.meter?.({ api: 'Pages web', kind: 'GET', calls: 1 });
      const response = await fetch(url, { headers: HEADERS, redirect: 'manual', signal: controller.signal });
      return new Response(response.status >= 300 && response.status < 400 ? null : await readCapped(response, maxBytes), {
        status: response.status,
        headers: response.headers,
      });
    } catch (error) {
      throw controller.signal.aborted ? new PageTimeoutError() : error;
    } finally {
      clearTimeout(timer);
    }
  };

  const fetchPage = async (start: string): Promise<PageOutcome> => {
    let url = new URL(start);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const refusal = isSelf(url) ? undefined : await refusalOf(url, options.allowPrivate);
      if (refusal) return { kind: 'ignored', reason: refusal };
      const current = url;
      const response = await (isSelf(url) ? selfLimit : limit)(url.host, () => get(current));
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      if (response.status === 404 || response.status === 410) return { kind: 'expired', reason: `Page introuvable (${response.status})` };
      if (!response.ok) return { kind: 'ignored', reason: statusReason(response.status) };
      return extract(url.toString(), await response.text(), now());
    }
    return { kind: 'ignored', reason: `Trop de redirections (plus de ${MAX_REDIRECTS})` };
  };

  return async (url) => {
    try {
      return await fetchPage(url);
    } catch (error) {
      if (error instanceof PageTooLargeError) return { kind: 'ignored', reason: `Page trop volumineuse (> ${size(maxBytes)})` };
      if (error instanceof PageTimeoutError) return { kind: 'ignored', reason: `Délai dépassé (${duration(timeoutMs)})` };
      if (error instanceof TypeError && /Invalid URL/i.test(error.message)) return { kind: 'ignored', reason: `Adresse invalide : ${url}` };
      return { kind: 'ignored', reason: `Page inaccessible : ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}` };
    }
  };
};
