import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { isIP, type AddressInfo } from 'node:net';
import { createPageFetcher, type ClosablePageFetcher } from '.';
import type { Resolver } from './lookup';

type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
type SyncRoute = (request: IncomingMessage, response: ServerResponse) => void;

const html = (body: string, head = ''): string => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
const jsonLd = (data: unknown): string => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
const send =
  (status: number, body: string, headers: Record<string, string> = {}): SyncRoute =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    response.end(body);
  };

const sendBytes =
  (status: number, body: Buffer, headers: Record<string, string>): SyncRoute =>
  (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };

/** A page written by a site still in Latin-1: accents are single bytes, unreadable as UTF-8. */
const latin1Page = (head: string): Buffer =>
  Buffer.from(
    html('<h1>Ingénieur données</h1>', `${head}${jsonLd({ '@type': 'JobPosting', title: 'Ingénieur données', description: 'Équipe à Lyon, café offert.' })}`),
    'latin1',
  );

const posting = {
  '@context': 'https://schema.org',
  '@type': 'JobPosting',
  title: 'Data engineer',
  description: '<p>Vous construirez nos pipelines.</p><ul><li>Python</li><li>Airflow</li></ul><p>Salaire &amp; avantages.</p>',
  datePosted: '2026-11-20',
  validThrough: '2099-01-01T00:00:00Z',
  hiringOrganization: { '@type': 'Organization', name: 'Acme' },
  jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Lyon', postalCode: '69002' } },
  baseSalary: { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: 45000, maxValue: 55000, unitText: 'YEAR' } },
};

const ROUTES: Record<string, Route> = {
  '/jsonld': send(200, html('<h1>Data engineer</h1>', jsonLd(posting))),
  '/graph': send(200, html('', jsonLd({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, posting] }))),
  '/junk-jsonld': send(
    200,
    html(
      `<main>${'Une offre décrite en texte seulement, sans données structurées. '.repeat(10)}</main>`,
      '<script type="application/ld+json">{ broken</script>',
    ),
  ),
  '/gone': send(410, html('<h1>Offre expirée</h1>')),
  '/missing': send(404, html('<h1>Introuvable</h1>')),
  '/forbidden': send(403, html('<h1>Accès refusé</h1>')),
  '/past': send(200, html('', jsonLd({ ...posting, validThrough: '2020-01-01T00:00:00Z' }))),
  '/closed': send(200, html('<main><h1>Data engineer</h1><p>No longer accepting applications</p></main>')),
  '/closed-fr': send(200, html("<main><h1>Data engineer</h1><p>Cette offre n'est plus disponible.</p></main>")),
  '/plain': send(
    200,
    html(`<nav>Menu</nav><article>${'<p>Nous recrutons une personne pour notre équipe data à Lyon.</p>'.repeat(8)}</article><footer>Pied</footer>`),
  ),
  '/empty': send(200, html('<div>Chargement…</div>')),
  '/huge': send(200, html(`<p>${'x'.repeat(300_000)}</p>`)),
  '/slow': async (_request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    send(200, html('', jsonLd(posting)))(_request, response);
  },
  '/hop1': send(302, '', { location: '/hop2' }),
  '/latin1-header': sendBytes(200, latin1Page(''), { 'content-type': 'text/html; charset=ISO-8859-1' }),
  '/cp1252-meta': sendBytes(200, latin1Page('<meta charset="windows-1252">'), { 'content-type': 'text/html' }),
  '/untyped': sendBytes(200, Buffer.from(html('<h1>Data engineer</h1>', jsonLd(posting))), {}),
  '/pdf': sendBytes(200, Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), { 'content-type': 'application/pdf' }),
  '/binary-as-html': sendBytes(200, Buffer.from([0x3c, 0x68, 0x31, 0x3e, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x89, 0x50]), { 'content-type': 'text/html' }),
  '/demo/offres/hellowork-7012345': send(200, html('<h1>Data engineer</h1>', jsonLd(posting))),
  '/hop2': send(301, '', { location: '/jsonld' }),
  '/loop': send(302, '', { location: '/loop' }),
  '/demo/to': (request, response) => send(302, '', { location: new URL(request.url ?? '', 'http://x').searchParams.get('url') ?? '/' })(request, response),
};

const listening = async (server: Server, host = '127.0.0.1'): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
};

/** A resolver that gives each name its scripted answers in turn, the last one for good, and counts the questions. */
const scriptedResolver = (answers: Record<string, string[][]>) => {
  const asked: Record<string, number> = {};
  const lookup: Resolver = (hostname) => {
    const script = answers[hostname];
    if (!script) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const turn = asked[hostname] ?? 0;
    asked[hostname] = turn + 1;
    return Promise.resolve(script[Math.min(turn, script.length - 1)].map((address): LookupAddress => ({ address, family: isIP(address) })));
  };
  return { lookup, asked };
};

describe('Page fetcher', () => {
  let server: Server;
  let origin: string;
  let active = 0;
  let maxActive = 0;

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      response.on('close', () => (active -= 1));
      const route = ROUTES[(request.url ?? '').split('?')[0]];
      if (route) await route(request, response);
      else send(404, 'no')(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const opened: ClosablePageFetcher[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((fetcher) => fetcher.close()));
  });

  const fetcher = (options: Partial<Parameters<typeof createPageFetcher>[0]> = {}): ClosablePageFetcher => {
    const created = createPageFetcher({ allowPrivate: true, perHostDelayMs: 0, now: () => new Date('2026-11-24T08:00:00Z'), ...options });
    opened.push(created);
    return created;
  };

  it('should read a JobPosting in JSON-LD: clean text and every detail', async () => {
    const outcome = await fetcher()(`${origin}/jsonld`);

    expect(outcome).toEqual({
      kind: 'found',
      text: 'Vous construirez nos pipelines.\n• Python\n• Airflow\nSalaire & avantages.',
      fields: { title: 'Data engineer', company: 'Acme', city: 'Lyon', department: '69', salary: '45 000 – 55 000 EUR / an', offerDate: '2026-11-20' },
    });
  });

  it('should find the JobPosting inside an @graph', async () => {
    expect(await fetcher()(`${origin}/graph`)).toMatchObject({ kind: 'found', fields: { company: 'Acme' } });
  });

  it('should fall back to the readable text when the structured data is broken', async () => {
    const outcome = await fetcher()(`${origin}/junk-jsonld`);

    expect(outcome).toMatchObject({ kind: 'found', fields: {} });
  });

  it.each([
    ['/gone', 'expired', 'Page introuvable (410)'],
    ['/missing', 'expired', 'Page introuvable (404)'],
    ['/past', 'expired', 'Offre expirée le 01/01/2020'],
    ['/closed', 'expired', 'No longer accepting applications'],
    ['/closed-fr', 'expired', "n'est plus disponible"],
    ['/forbidden', 'ignored', 'Accès refusé (403)'],
    ['/empty', 'ignored', "Aucun texte d'offre trouvé sur la page"],
  ])('should set %s aside as %s, saying why', async (route, kind, reason) => {
    const outcome = await fetcher()(`${origin}${route}`);

    expect(outcome.kind).toBe(kind);
    expect(outcome.kind !== 'found' && outcome.reason).toContain(reason);
  });

  it('should keep the main text of a page without structured data, without its navigation', async () => {
    const outcome = await fetcher()(`${origin}/plain`);

    expect(outcome.kind).toBe('found');
    expect(outcome.kind === 'found' && outcome.text).not.toContain('Menu');
  });

  it('should read a page in the charset it declares, in its headers or in a meta tag, and one that declares no type', async () => {
    const [header, meta, untyped] = await Promise.all(['/latin1-header', '/cp1252-meta', '/untyped'].map((route) => fetcher()(`${origin}${route}`)));

    expect(header).toMatchObject({ kind: 'found', text: 'Équipe à Lyon, café offert.', fields: { title: 'Ingénieur données' } });
    expect(meta).toMatchObject({ kind: 'found', text: 'Équipe à Lyon, café offert.' });
    expect(untyped).toMatchObject({ kind: 'found', fields: { company: 'Acme' } });
  });

  it('should set aside what is no page to read: a PDF, a binary file served as HTML', async () => {
    expect(await fetcher()(`${origin}/pdf`)).toEqual({ kind: 'ignored', reason: 'Format non pris en charge (application/pdf)' });
    expect(await fetcher()(`${origin}/binary-as-html`)).toEqual({ kind: 'ignored', reason: 'Page illisible : contenu binaire' });
  });

  it('should stop reading a page over the size cap, and say so', async () => {
    expect(await fetcher({ maxBytes: 100_000 })(`${origin}/huge`)).toEqual({ kind: 'ignored', reason: 'Page trop volumineuse (> 98 Ko)' });
  });

  it('should give up on a slow page after the timeout', async () => {
    const outcome = await fetcher({ timeoutMs: 100 })(`${origin}/slow`);

    expect(outcome).toEqual({ kind: 'ignored', reason: 'Délai dépassé (100 ms)' });
  });

  it('should follow redirects, and stop a loop', async () => {
    expect(await fetcher()(`${origin}/hop1`)).toMatchObject({ kind: 'found' });
    expect(await fetcher()(`${origin}/loop`)).toEqual({ kind: 'ignored', reason: 'Trop de redirections (plus de 5)' });
  });

  describe('Given addresses inside (this machine, a private network)', () => {
    // Another local server, standing for whatever listens inside: no request may reach it.
    let inside: Server;
    let insideOrigin: string;
    let insidePort: number;
    let reached: string[] = [];

    beforeAll(async () => {
      inside = createServer(async (request, response) => {
        reached.push(request.url ?? '');
        await ROUTES['/jsonld'](request, response);
      });
      insideOrigin = await listening(inside);
      insidePort = Number(new URL(insideOrigin).port);
    });

    afterAll(async () => {
      await new Promise((resolve) => inside.close(resolve));
    });

    beforeEach(() => {
      reached = [];
    });

    it('should refuse an internal IP written in the URL, and a name that resolves inside', async () => {
      const { lookup } = scriptedResolver({ 'interne.test': [['10.0.0.1']], 'boucle.test': [['127.0.0.1']], 'mixte.test': [['8.8.8.8', '127.0.0.1']] });
      const strict = fetcher({ allowPrivate: false, lookup });

      const outcomes = await Promise.all(
        [
          `${insideOrigin}/jsonld`,
          `http://[::1]:${insidePort}/jsonld`,
          `http://boucle.test:${insidePort}/jsonld`,
          `http://interne.test:${insidePort}/`,
          `http://mixte.test:${insidePort}/`,
        ].map(strict),
      );

      expect(outcomes).toEqual([
        { kind: 'ignored', reason: 'Adresse interne refusée (127.0.0.1 → 127.0.0.1)' },
        { kind: 'ignored', reason: 'Adresse interne refusée (::1 → ::1)' },
        { kind: 'ignored', reason: 'Adresse interne refusée (boucle.test → 127.0.0.1)' },
        { kind: 'ignored', reason: 'Adresse interne refusée (interne.test → 10.0.0.1)' },
        { kind: 'ignored', reason: 'Adresse interne refusée (mixte.test → 127.0.0.1)' },
      ]);
      expect(reached).toEqual([]);
    });

    it('should connect to the address it checked: a name answering outside first and 127.0.0.1 next never reaches this machine', async () => {
      // 2001:db8::/32 is documentation space, routed nowhere: the first connection fails on its own.
      const { lookup, asked } = scriptedResolver({ 'rebind.test': [['2001:db8::10'], ['127.0.0.1']] });
      const strict = fetcher({ allowPrivate: false, lookup, timeoutMs: 1_000 });

      const first = await strict(`http://rebind.test:${insidePort}/jsonld`);
      const askedForFirst = asked['rebind.test'];
      const second = await strict(`http://rebind.test:${insidePort}/jsonld`);

      expect(askedForFirst).toBe(1);
      expect(first).toMatchObject({ kind: 'ignored', reason: expect.not.stringContaining('interne') });
      expect(second).toEqual({ kind: 'ignored', reason: 'Adresse interne refusée (rebind.test → 127.0.0.1)' });
      expect(reached).toEqual([]);
    });

    it('should check every redirect hop, whether it names an IP or a host', async () => {
      const { lookup } = scriptedResolver({ 'boucle.test': [['127.0.0.1']], localhost: [['::1', '127.0.0.1']] });
      const strict = fetcher({ allowPrivate: false, selfOrigin: origin, lookup });
      // Veille's own demo pages stand for a site outside that redirects.
      const via = (target: string): string => `${origin}/demo/to?url=${encodeURIComponent(target)}`;

      const outcomes = await Promise.all(
        [via(`${insideOrigin}/jsonld`), via(`http://boucle.test:${insidePort}/jsonld`), via(via(`http://localhost:${insidePort}/jsonld`))].map(strict),
      );

      expect(outcomes).toEqual([
        { kind: 'ignored', reason: 'Adresse interne refusée (127.0.0.1 → 127.0.0.1)' },
        { kind: 'ignored', reason: 'Adresse interne refusée (boucle.test → 127.0.0.1)' },
        { kind: 'ignored', reason: 'Adresse interne refusée (localhost → ::1)' },
      ]);
      expect(reached).toEqual([]);
    });

    it("should let only Veille's own demo pages through, on its origin (host and port), never a path that looks like them elsewhere", async () => {
      const strict = fetcher({ allowPrivate: false, selfOrigin: origin, lookup: scriptedResolver({ localhost: [['127.0.0.1']] }).lookup });
      const { port } = new URL(origin);

      const own = await strict(`${origin}/demo/offres/hellowork-7012345`);
      const ownApi = await strict(`${origin}/jsonld`);
      const otherPort = await strict(`${insideOrigin}/demo/offres/hellowork-7012345`);
      const otherHost = await strict(`http://localhost:${port}/demo/offres/hellowork-7012345`);

      expect(own.kind).toBe('found');
      expect(ownApi).toEqual({ kind: 'ignored', reason: 'Adresse interne refusée (127.0.0.1 → 127.0.0.1)' });
      expect(otherPort).toEqual({ kind: 'ignored', reason: 'Adresse interne refusée (127.0.0.1 → 127.0.0.1)' });
      expect(otherHost).toEqual({ kind: 'ignored', reason: 'Adresse interne refusée (localhost → 127.0.0.1)' });
      expect(reached).toEqual([]);
    });

    it('should read the demo pages in this process when given their reader (no server to ask), and still refuse the rest of the origin', async () => {
      const read: string[] = [];
      const readOwnPage = (pathname: string) => {
        read.push(pathname);
        return pathname.endsWith('-gone')
          ? { status: 410, html: html('<h1>Offre expirée</h1>') }
          : { status: 200, html: html('<h1>Data engineer</h1>', jsonLd(posting)) };
      };
      const headless = fetcher({ allowPrivate: false, selfOrigin: insideOrigin, readOwnPage });

      const own = await headless(`${insideOrigin}/demo/offres/hellowork-7012345`);
      const gone = await headless(`${insideOrigin}/demo/offres/hellowork-gone`);
      const ownApi = await headless(`${insideOrigin}/jsonld`);

      expect(own).toMatchObject({ kind: 'found', fields: { company: 'Acme' } });
      expect(gone).toEqual({ kind: 'expired', reason: 'Page introuvable (410)' });
      expect(ownApi).toEqual({ kind: 'ignored', reason: 'Adresse interne refusée (127.0.0.1 → 127.0.0.1)' });
      expect(read).toEqual(['/demo/offres/hellowork-7012345', '/demo/offres/hellowork-gone']);
      expect(reached).toEqual([]);
    });

    it('should fetch a server inside when private addresses are allowed, through the names it resolves', async () => {
      const { lookup, asked } = scriptedResolver({ 'offres.test': [['127.0.0.1']] });

      const outcome = await fetcher({ allowPrivate: true, lookup })(`http://offres.test:${insidePort}/jsonld`);

      expect(outcome).toMatchObject({ kind: 'found', fields: { company: 'Acme' } });
      expect(asked['offres.test']).toBe(1);
      expect(reached).toEqual(['/jsonld']);
    });
  });

  it('should refuse a scheme other than http(s)', async () => {
    expect(await fetcher({ allowPrivate: false })('file:///etc/passwd')).toEqual({ kind: 'ignored', reason: 'Adresse refusée : protocole file: non autorisé' });
  });

  it('should never have more than 2 requests at a time on one host, and count each request', async () => {
    maxActive = 0;
    let counted = 0;
    const polite = fetcher({ meter: () => (counted += 1) });

    await Promise.all(Array.from({ length: 8 }, () => polite(`${origin}/slow`)));

    expect(maxActive).toBeLessThanOrEqual(2);
    expect(counted).toBe(8);
  });

  it('should space the requests to one host by the polite delay', async () => {
    const polite = fetcher({ perHostDelayMs: 150, perHostConcurrency: 1 });
    const started = Date.now();

    await Promise.all([polite(`${origin}/jsonld`), polite(`${origin}/jsonld`), polite(`${origin}/jsonld`)]);

    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('should not make a name that does not resolve wait the polite delay: nothing reached the site', async () => {
    const { lookup } = scriptedResolver({});
    const offline = fetcher({ allowPrivate: false, lookup, perHostDelayMs: 2_000, perHostConcurrency: 1 });
    const started = Date.now();

    const outcomes = await Promise.all([1, 2, 3, 4].map((id) => offline(`https://absent.test/offre/${id}`)));

    expect(outcomes.every((outcome) => outcome.kind === 'ignored' && outcome.reason.includes('ENOTFOUND absent.test'))).toBe(true);
    // Queued behind the delay, the four would take at least 6 s.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
