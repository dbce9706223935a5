import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startFakeAnthropic } from '../../test/fakeAnthropic';
import { freshDataDir, runEnded, startTestApp } from '../../test/harness';
import { listOffers } from '../../test/offersApi';
import { mimeMessage } from '../demo/emails';
import type { Veille } from './startVeille';

const JOB = { title: 'Data Engineer (H/F)', company: 'Acme Data', city: 'Lyon' };
const CANONICAL = 'https://carrieres.acme-data.fr/offres/data-engineer-42';

/** The job's page as each board shows it: the board's own layout around the same posting, naming the employer's page as canonical. */
const jobPage = (board: string): string => {
  const posting = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: JOB.title,
    description: `<p>${`${JOB.company} recrute une personne data engineer à Lyon : Python, SQL, Airflow et dbt, télétravail partiel. `.repeat(6)}</p>`,
    hiringOrganization: { '@type': 'Organization', name: JOB.company },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: JOB.city, postalCode: '69003' } },
    datePosted: '2026-11-20',
  };
  return `<!doctype html><html lang="fr"><head><title>${JOB.title} - ${board}</title><link rel="canonical" href="${CANONICAL}?utm_source=${board}">
<script type="application/ld+json">${JSON.stringify(posting)}</script></head><body><h1>${JOB.title}</h1></body></html>`;
};

const PAGES: Record<string, string> = {
  '/demo/offres/hellowork-90000042': jobPage('hellowork'),
  '/demo/offres/indeed-f00d0042': jobPage('indeed'),
};

/** Both pages answer together, once both are asked: the two offers are decided at the same moment, as two boards' pages often are. */
const serve = (): Promise<Server> =>
  new Promise((resolve) => {
    const waiting: (() => void)[] = [];
    const server = createServer((request, response) => {
      const page = PAGES[request.url ?? ''];
      waiting.push(() => {
        response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page ?? 'introuvable');
      });
      if (waiting.length >= Object.keys(PAGES).length) for (const answer of waiting.splice(0)) answer();
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

const link = (href: string, text: string): string => `<a href="${href}">${text}</a>`;
const line = (text: string): string => `<div>${text}</div>`;

/** One alert per board, each laid out as that board's real alerts are, for the same job. */
const alerts = (site: string): Record<string, string> => ({
  'hellowork.eml': mimeMessage({ name: 'HelloWork', address: 'notification@emails.hellowork.com' }, '1 nouvelle offre', new Date('2026-11-24T07:00:00Z'), {
    text: '',
    html: `<table><tr><td>${link(`${site}/demo/offres/hellowork-90000042`, JOB.title)}${line(JOB.company)}${line(`${JOB.city} - 69`)}${line('CDI')}</td></tr></table>`,
  }),
  'indeed.eml': mimeMessage({ name: 'Indeed', address: 'alert@indeed.com' }, '1 nouvel emploi', new Date('2026-11-24T08:00:00Z'), {
    text: '',
    html: `<table><tr><td>${link(`${site}/demo/offres/indeed-f00d0042`, 'Data engineer F/H')}${line(`ACME DATA - ${JOB.city} (69)`)}${line('il y a 2 jours')}</td></tr></table>`,
  }),
});

describe('One job from two boards, over real HTTP on SQLite with Claude', () => {
  let fake: Awaited<ReturnType<typeof startFakeAnthropic>>;
  let pages: Server;
  let app: Veille;
  let dir: string;
  let cleanup: () => void;
  const env = (): NodeJS.ProcessEnv => ({
    ENRICH_ALLOW_PRIVATE: '1',
    ENRICH_HOST_DELAY_MS: '0',
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_MODEL: 'claude-sonnet-5-5',
  });

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    pages = await serve();
    ({ dir, cleanup } = freshDataDir());
    // An existing data dir is not seeded with the demo: the mailbox holds the two alerts only.
    const mailbox = path.join(dir, 'mailbox');
    mkdirSync(mailbox, { recursive: true });
    for (const [name, content] of Object.entries(alerts(`http://127.0.0.1:${(pages.address() as AddressInfo).port}`))) {
      writeFileSync(path.join(mailbox, name), content);
    }
    app = await startTestApp(dir, env());
  });

  afterAll(async () => {
    await app.close();
    await fake.close();
    await new Promise<void>((resolve) => pages.close(() => resolve()));
    cleanup();
  });

  it('should keep one offer À traiter, set the other aside as its duplicate, and call the model once', async () => {
    await fetch(`${app.url}/api/runs`, { method: 'POST' });
    const state = await runEnded(app.deps.bus);

    const offers = [...state.offers.values()];
    expect(offers).toHaveLength(2);
    const kept = offers.find((offer) => offer.status === 'À traiter');
    const duplicate = offers.find((offer) => offer.status === 'Ignoré');
    expect(kept && duplicate).toBeTruthy();
    const keptBoard = state.sources.get(kept!.source)?.board;
    expect(duplicate).toMatchObject({ duplicateOf: kept!.id, hasText: true, canonical: 'carrieres.acme-data.fr/offres/data-engineer-42' });
    expect(duplicate!.reason).toBe(`Doublon de ${kept!.title} — ${kept!.company} (${keptBoard})`);
    expect(fake.requests).toHaveLength(1);
    expect(state.usage.run.Claude.calls).toBe(1);
  });

  it('should say so in the offers API: the kept offer also seen on the other board, the duplicate pointing at it, its link kept', async () => {
    const { status, body } = await listOffers(app);

    expect(status).toBe(200);
    const kept = body.items.find((item) => item.status === 'À traiter')!;
    const duplicate = body.items.find((item) => item.status === 'Ignoré')!;
    expect(kept).toMatchObject({ seenAlsoOn: [duplicate.board], duplicateOf: null });
    expect(duplicate).toMatchObject({ seenAlsoOn: [], duplicateOf: { id: kept.id, title: kept.title, company: kept.company, board: kept.board } });
    expect(duplicate.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo\/offres\//);
    const detail = (await (await fetch(`${app.url}/api/offers/${duplicate.id}`)).json()) as { text: string; duplicateOf: { id: string } };
    expect(detail.duplicateOf.id).toBe(kept.id);
    expect(detail.text).toContain('Acme Data recrute');
  });

  it('should find the same after a restart: the duplicates are read back from the store', async () => {
    const before = (await listOffers(app)).body.items.map(({ id, status, seenAlsoOn, duplicateOf }) => ({ id, status, seenAlsoOn, duplicateOf }));

    await app.close();
    app = await startTestApp(dir, env());

    expect((await listOffers(app)).body.items.map(({ id, status, seenAlsoOn, duplicateOf }) => ({ id, status, seenAlsoOn, duplicateOf }))).toEqual(before);
  });
});
