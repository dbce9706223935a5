import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Projection } from '@veille/domain';
import type { Subscription } from 'rxjs';
import { freshDataDir, runEnded, startTestApp } from '../../test/harness';
import { watchHealth } from '../../test/healthWatch';
import { htmlEmail, LINKEDIN_ALERTS, linkedInCard, nestedDivs, nestedPage } from '../../test/hostile';
import type { Veille } from './startVeille';

const PAGES_SENDER = 'notification@emails.hellowork.com';
const MAX_HEALTH_MS = 1_000;

const post = (app: Veille, route: string) => fetch(`${app.url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });

/** Bytes that are no text in any charset, the same on every run. */
const garbage = (size: number): Buffer => Buffer.from(Array.from({ length: size }, (_unused, index) => (index * 7919 + 13) % 256));

const fromLinkedIn = (body: string | Buffer, headers: string[] = []): Buffer =>
  Buffer.concat([Buffer.from([`From: LinkedIn <${LINKEDIN_ALERTS}>`, 'Subject: Nouvelles offres', ...headers, '', ''].join('\r\n')), Buffer.from(body)]);

/** Multiparts nested `depth` deep, a job card at the bottom. */
const deepMultipart = (depth: number): Buffer => {
  const lines: string[] = ['MIME-Version: 1.0'];
  for (let level = 0; level < depth; level += 1) lines.push(`Content-Type: multipart/mixed; boundary="b${level}"`, '', `--b${level}`);
  lines.push('Content-Type: text/html; charset=utf-8', '', linkedInCard(4012345678));
  for (let level = depth - 1; level >= 0; level -= 1) lines.push(`--b${level}--`);
  return Buffer.from(`From: LinkedIn <${LINKEDIN_ALERTS}>\r\nSubject: Profond\r\n${lines.join('\r\n')}`);
};

const demoCard = (href: string): string => `<div><a href="${href}">Data Engineer</a><p>Datalyo · Lyon, France</p></div>`;

/** Every email of the corpus, by file name; Veille's own demo pages are where the good links lead. */
const corpus = (origin: string): Record<string, Buffer> => ({
  'malformed.eml': fromLinkedIn('--zz\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@ pas du base64 !!!\r\n--zz', [
    'Content-Type: multipart/mixed; boundary="zz"',
  ]),
  'empty.eml': Buffer.alloc(0),
  'garbage.eml': garbage(64 * 1024),
  'garbage-from-linkedin.eml': fromLinkedIn(garbage(64 * 1024)),
  'huge.eml': fromLinkedIn(Buffer.alloc(30 * 1024 * 1024, 'A')),
  'multipart-3000.eml': deepMultipart(3_000),
  'unknown-charset.eml': htmlEmail(demoCard(`${origin}/demo/offres/linkedin-4012345680`), { charset: 'x-klingon-42' }),
  'deep-html.eml': htmlEmail(nestedDivs(180_000, linkedInCard(4012345678))),
  'thousands-of-cards.eml': htmlEmail(Array.from({ length: 5_000 }, (_unused, index) => linkedInCard(4_000_000_000 + index)).join('')),
  'links.eml': htmlEmail(
    [
      'javascript:alert(document.cookie)//127.0.0.1/demo/offres/linkedin-4012345679',
      'file:///etc/passwd',
      'data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;',
      `${origin}/demo/offres/linkedin-4012345678`,
    ]
      .map(demoCard)
      .join(''),
  ),
  'only-hostile-links.eml': htmlEmail(['javascript:alert(1)', 'file:///etc/passwd'].map(demoCard).join('')),
});

const jsonLd = (data: string): Buffer =>
  Buffer.from(`<html><head><script type="application/ld+json">${data}</script></head><body><p>Chargement…</p></body></html>`);

/**
 * The pages the offers of one source link to, served locally (ENRICH_ALLOW_PRIVATE=1), as bytes
 * encoded once: the server shares this process's event loop, which the test watches.
 */
const PAGES: Record<string, Buffer> = {
  '/deep': Buffer.from(nestedPage(50_000)),
  '/huge': Buffer.from(`<html><body><p>${'x'.repeat(6 * 1024 * 1024)}</p></body></html>`),
  '/deep-description': jsonLd(JSON.stringify({ '@type': 'JobPosting', title: 'Data Engineer', description: nestedDivs(100_000, 'Texte') })),
  '/deep-json-ld': jsonLd(`${'['.repeat(200_000)}${']'.repeat(200_000)}`),
  '/binary': garbage(256 * 1024),
  '/ok': Buffer.from(`<html><body><main>${'<p>Nous recrutons une personne data engineer à Lyon : Python, SQL, Airflow.</p>'.repeat(8)}</main></body></html>`),
};

const serve = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((request, response) => {
      const page = PAGES[request.url ?? ''];
      response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page ?? 'introuvable');
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

describe('Veille against hostile emails and pages', () => {
  let app: Veille;
  let cleanup: () => void;
  let mailbox: string;
  let pages: Server;
  let failures: Map<string, string>;
  let watching: Subscription;

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    // An existing data dir is not seeded with the demo: the mailbox holds the corpus only.
    mailbox = path.join(dir, 'mailbox');
    mkdirSync(mailbox, { recursive: true });
    pages = await serve();
    app = await startTestApp(dir, { ENRICH_ALLOW_PRIVATE: '1' });
    failures = new Map();
    watching = app.deps.bus.changes$.subscribe(({ event }) => {
      if (event.type === 'ItemFailed') failures.set(event.data.itemId, event.data.error);
    });
    for (const [name, content] of Object.entries(corpus(app.url))) writeFileSync(path.join(mailbox, name), content);
    const on = { import: true, enrich: true, analyse: true };
    const site = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    await app.deps.store.addSources([{ sender: PAGES_SENDER, board: 'HelloWork', activation: on, available: on }]);
    await app.deps.store.saveOffers(
      Object.keys(PAGES).map((route) => ({
        key: `hellowork:${route}`,
        source: PAGES_SENDER,
        url: `${site}${route}`,
        title: `Page ${route}`,
        company: '',
        city: '',
        department: '',
        salary: '',
        offerDate: '',
      })),
    );
    expect((await post(app, '/api/refresh')).status).toBeLessThan(300);
  });

  afterAll(async () => {
    watching?.unsubscribe();
    await app?.close();
    await new Promise((resolve) => pages?.close(resolve));
    cleanup?.();
  });

  describe('When a run goes through the corpus', () => {
    let state: Projection;
    let slowestHealth: number;

    beforeAll(async () => {
      const health = watchHealth(app.url);
      const ended = runEnded(app.deps.bus);
      expect((await post(app, '/api/runs')).status).toBe(202);
      state = await ended;
      const latencies = await health.stop();
      expect(latencies.length).toBeGreaterThan(10);
      slowestHealth = Math.max(...latencies);
    }, 120_000);

    it('should end by itself, /api/health answering all along', () => {
      expect(state.run.outcome).toBe('done');
      expect(slowestHealth).toBeLessThan(MAX_HEALTH_MS);
    });

    it('should set aside every email it cannot read, each with its reason, and leave it in the mailbox', () => {
      expect(Object.fromEntries(failures)).toEqual({
        'malformed.eml': expect.stringMatching(/^Aucune offre trouvée dans l'email/),
        'garbage-from-linkedin.eml': expect.stringMatching(/^Aucune offre trouvée dans l'email/),
        'huge.eml': expect.stringMatching(/^Email trop volumineux \(30721 Ko, limite 2048 Ko\)/),
        'multipart-3000.eml': expect.stringMatching(/^Email illisible \(MIME invalide\)/),
        'deep-html.eml': 'HTML trop imbriqué (plus de 512 niveaux) : laissé dans la boîte.',
        'thousands-of-cards.eml': 'Email trop chargé (5000 offres, limite 200) : laissé dans la boîte.',
        'only-hostile-links.eml': expect.stringMatching(/^Aucune offre trouvée dans l'email/),
      });
      expect(readdirSync(mailbox).sort()).toEqual([...failures.keys(), 'archive', 'empty.eml', 'garbage.eml'].sort());
    });

    it('should import the http links only, whatever else an email links to', () => {
      const imported = [...state.offers.values()].filter((offer) => offer.source !== PAGES_SENDER);

      expect(imported.map((offer) => offer.url).sort()).toEqual([`${app.url}/demo/offres/linkedin-4012345678`, `${app.url}/demo/offres/linkedin-4012345680`]);
      // Both demo pages show the same job (title, company, city): the second is set aside as its duplicate.
      expect(imported.map((offer) => offer.status).sort()).toEqual(['Ignoré', 'À traiter']);
      expect(readdirSync(path.join(mailbox, 'archive')).sort()).toEqual(['links.eml', 'unknown-charset.eml']);
    });

    it('should count what is left in the mailbox: the emails set aside, and those with no sender', () => {
      expect(state.toImport.get(LINKEDIN_ALERTS)).toBe(failures.size);
      expect(state.toImport.get('')).toBe(2);
    });

    it('should set aside every hostile page with its reason, and read the good one', () => {
      const byRoute = Object.fromEntries(
        [...state.offers.values()]
          .filter((offer) => offer.source === PAGES_SENDER)
          .map((offer) => [offer.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''), [offer.status, offer.reason]]),
      );

      expect(byRoute).toEqual({
        '/deep': ['Ignoré', 'HTML trop imbriqué (plus de 512 niveaux)'],
        '/huge': ['Ignoré', 'Page trop volumineuse (> 5 Mo)'],
        '/deep-description': ['Ignoré', 'HTML trop imbriqué (plus de 512 niveaux)'],
        '/deep-json-ld': ['Ignoré', "Aucun texte d'offre trouvé sur la page"],
        '/binary': ['Ignoré', 'Page illisible : contenu binaire'],
        '/ok': ['À traiter', ''],
      });
    });
  });
});
