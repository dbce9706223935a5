import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OfferItem, StateView } from '@veille/domain';
import type { Veille } from '../src/compose/startVeille';
import { sleep } from './http';

export type Item = OfferItem & { airtableUrl?: string };
export type ItemPage = { total: number; items: Item[] };

/** `GET /api/offers` with repeated parameters as the page sends them. */
export async function listOffers(app: Pick<Veille, 'url'>, params: [string, string][] = []): Promise<{ status: number; body: ItemPage & { error?: string } }> {
  const response = await fetch(`${app.url}/api/offers?${new URLSearchParams(params).toString()}`);
  return { status: response.status, body: (await response.json()) as ItemPage & { error?: string } };
}

export async function postJson(app: Pick<Veille, 'url'>, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function setStatus(app: Pick<Veille, 'url'>, ids: string[], status: string) {
  return postJson(app, '/api/offers/status', { ids, status });
}

export async function stateOf(app: Pick<Veille, 'url'>): Promise<StateView> {
  return (await fetch(`${app.url}/api/state`)).json() as Promise<StateView>;
}

/**
 * A job board's page on this machine (enrichment reads it with ENRICH_ALLOW_PRIVATE=1): each path
 * answers a schema.org JobPosting, after `delayMs`, and not before a `hold()` is released.
 */
export async function startJobPages(options: { delayMs?: number } = {}) {
  let delayMs = options.delayMs ?? 0;
  let gate = Promise.resolve();
  const asked: string[] = [];
  const server = createServer((request, response) => {
    asked.push(request.url ?? '');
    void Promise.all([sleep(delayMs), gate]).then(() => {
      const posting = {
        '@context': 'https://schema.org',
        '@type': 'JobPosting',
        title: `Data engineer ${request.url ?? ''}`,
        description: `<p>Data engineer à Lyon : Python, SQL, Airflow et dbt. Télétravail possible. ${'Une équipe data qui construit la plateforme. '.repeat(30)}</p>`,
        hiringOrganization: { '@type': 'Organization', name: 'Acme Data' },
        jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Lyon' } },
        datePosted: '2026-11-20',
      };
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html><head><title>Offre</title><script type="application/ld+json">${JSON.stringify(posting)}</script></head><body><h1>${posting.title}</h1>${posting.description}</body></html>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    setDelay: (ms: number) => (delayMs = ms),
    /** The paths asked so far, in order. */
    asked,
    /** Pages asked from now on wait until the returned function is called: a run held as long as a test needs. */
    hold: (): (() => void) => {
      let release = (): void => undefined;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = Promise.resolve();
        release();
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
