import type { CallMeter, PageFetcher, PageOutcome } from '@veille/domain';
import { Agent, fetch, type Dispatcher, type Response } from 'undici';
import { refusalOf } from './addresses';
import { decodeBody } from './decodeBody';
import { extract } from './extractors';
import { createHostLimiter } from './hostLimiter';
import { isIP } from 'node:net';
import { createAddressPins, InternalAddressError, systemResolver, type Resolver } from './lookup';

/** A page of Veille's own, by its path, as its server would answer it. */
export type OwnPageReader = (pathname: string) => { readonly status: number; readonly html: string };

export type PageFetcherOptions = {
  allowPrivate: boolean;
  /** Veille's own origin (scheme, host and port): its demo pages there (/demo/…) are always allowed, nothing else of it. */
  selfOrigin?: string;
  /** Answers those demo pages in this process instead: for a run with no server of Veille's to fetch them from (`pnpm process`). */
  readOwnPage?: OwnPageReader;
  /** How host names are resolved: the system's resolver unless given (tests answer their own names). */
  lookup?: Resolver;
  timeoutMs?: number;
  maxBytes?: number;
  perHostConcurrency?: number;
  perHostDelayMs?: number;
  meter?: CallMeter;
  now?: () => Date;
  /** Reads a fetched page: in this thread unless given (the app passes its parse worker pool's). */
  extract?: (url: string, html: string, now: Date) => PageOutcome | Promise<PageOutcome>;
};

/** A page fetcher holds connections open between pages: closing it lets them go. */
export type ClosablePageFetcher = PageFetcher & { close(): Promise<void> };

const MAX_REDIRECTS = 5;

const HEADERS = {
  'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.8',
};

class PageTooLargeError extends Error {}
class PageTimeoutError extends Error {}

type Fetched = { status: number; location: string | null; body: Uint8Array; contentType: string | null };

const duration = (ms: number): string => (ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`);
const size = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} Ko` : `${Math.round(bytes / 1024 / 1024)} Mo`);

const readCapped = async (response: Response, maxBytes: number): Promise<Uint8Array> => {
  if (!response.body) return new Uint8Array();
  // undici types the stream's chunks as `any`; a fetch body yields bytes.
  const body: AsyncIterable<Uint8Array> = response.body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new PageTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

const statusReason = (status: number): string =>
  status === 403
    ? 'Accès refusé (403)'
    : status === 429
      ? 'Trop de requêtes (429)'
      : status >= 500
        ? `Erreur du site (${status})`
        : `Réponse inattendue (${status})`;

const causes = (error: unknown): unknown[] => (error instanceof Error && error.cause !== undefined ? [error, ...causes(error.cause)] : [error]);

const failureReason = (error: unknown): string => {
  const refused = causes(error).find((cause) => cause instanceof InternalAddressError);
  if (refused instanceof Error) return refused.message;
  const deepest = causes(error).at(-1);
  return `Page inaccessible : ${deepest instanceof Error ? deepest.message : String(deepest)}`;
};

/**
 * Phase 2's window on the web: polite, capped, and closed to internal addresses. Each hop resolves
 * its host once and checks the addresses; its connection goes through a dispatcher whose lookup
 * answers exactly those, so the address checked is the address connected to, on every redirect hop.
 * Veille's own origin has a dispatcher of its own.
 */
export function createPageFetcher(options: PageFetcherOptions): ClosablePageFetcher {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const limit = createHostLimiter(options.perHostConcurrency ?? 2, options.perHostDelayMs ?? 500);
  const selfLimit = createHostLimiter(options.perHostConcurrency ?? 2, 0);
  const now = options.now ?? (() => new Date());
  const selfOrigin = options.selfOrigin && new URL(options.selfOrigin).origin;
  const { readOwnPage } = options;
  const pins = createAddressPins(options.lookup ?? systemResolver, options.allowPrivate);
  const outside = new Agent({ connect: { lookup: pins.lookup } });
  const self = new Agent();

  const get = async (url: URL, dispatcher: Dispatcher): Promise<Fetched> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      options.meter?.({ api: 'Pages web', kind: 'GET', calls: 1 });
      const response = await fetch(url, { headers: HEADERS, redirect: 'manual', signal: controller.signal, dispatcher });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        return { status: response.status, location, body: new Uint8Array(), contentType: null };
      }
      return { status: response.status, location: null, body: await readCapped(response, maxBytes), contentType: response.headers.get('content-type') };
    } catch (error) {
      throw controller.signal.aborted ? new PageTimeoutError() : error;
    } finally {
      clearTimeout(timer);
    }
  };

  // Read as if fetched: the same status handling, decoding and extraction follow (a throw rejects, as a fetch would).
  const readOwn = (url: URL, read: OwnPageReader): Promise<Fetched> =>
    new Promise((resolve) => {
      options.meter?.({ api: 'Pages web', kind: 'GET', calls: 1 });
      const { status, html } = read(url.pathname);
      resolve({ status, location: null, body: Buffer.from(html), contentType: 'text/html; charset=utf-8' });
    });

  const fetchPage = async (start: string): Promise<PageOutcome> => {
    let url = new URL(start);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      // Only the demo pages: an alert linking to Veille's own API must not feed its answers to the analysis.
      const isSelf = url.origin === selfOrigin && url.pathname.startsWith('/demo/');
      const refusal = isSelf ? undefined : refusalOf(url, options.allowPrivate);
      if (refusal) return { kind: 'ignored', reason: refusal };
      const current = url;
      const hostname = url.hostname.replace(/^\[|\]$/g, '');
      const unpin = isSelf || isIP(hostname) ? () => undefined : await pins.pin(hostname);
      let response: Fetched;
      try {
        response = await (isSelf ? selfLimit : limit)(url.host, () =>
          isSelf && readOwnPage ? readOwn(current, readOwnPage) : get(current, isSelf ? self : outside),
        );
      } finally {
        unpin();
      }
      if (response.location) {
        url = new URL(response.location, url);
        continue;
      }
      if (response.status === 404 || response.status === 410) return { kind: 'expired', reason: `Page introuvable (${response.status})` };
      if (response.status < 200 || response.status >= 300) return { kind: 'ignored', reason: statusReason(response.status) };
      const decoded = decodeBody(response.body, response.contentType);
      if ('refusal' in decoded) return { kind: 'ignored', reason: decoded.refusal };
      return (options.extract ?? extract)(url.toString(), decoded.html, now());
    }
    return { kind: 'ignored', reason: `Trop de redirections (plus de ${MAX_REDIRECTS})` };
  };

  const fetcher = async (url: string): Promise<PageOutcome> => {
    try {
      return await fetchPage(url);
    } catch (error) {
      if (error instanceof PageTooLargeError) return { kind: 'ignored', reason: `Page trop volumineuse (> ${size(maxBytes)})` };
      if (error instanceof PageTimeoutError) return { kind: 'ignored', reason: `Délai dépassé (${duration(timeoutMs)})` };
      if (error instanceof TypeError && /Invalid URL/i.test(error.message)) return { kind: 'ignored', reason: `Adresse invalide : ${url}` };
      return { kind: 'ignored', reason: failureReason(error) };
    }
  };
  return Object.assign(fetcher, { close: async () => void (await Promise.all([outside.close(), self.close()])) });
}
