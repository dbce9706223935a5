import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { DEMO_OFFERS } from './catalogue';
import { demoPageAt, demoPagesRouter } from './pages';

/** The page's JobPosting, with the fields these tests read one by one. */
type Posting = Record<string, unknown> & { description: string; validThrough: string; datePosted: string; hiringOrganization: { name: string } };

const jsonLd = (html: string): Posting => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]) as Posting;

describe('The demo offer pages', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(demoPagesRouter());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('should serve a live offer with a schema.org JobPosting', async () => {
    const offer = DEMO_OFFERS.find((candidate) => candidate.slug === 'hellowork-51234567')!;

    const response = await fetch(`${base}/demo/offres/${offer.slug}`);
    const html = await response.text();
    const posting = jsonLd(html);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(posting).toMatchObject({
      '@type': 'JobPosting',
      title: 'Développeur Data H/F',
      hiringOrganization: { name: 'Transports Martin' },
      jobLocation: { address: { addressLocality: 'Saint-Priest', postalCode: '69800' } },
      baseSalary: { currency: 'EUR', value: { minValue: 40_000, maxValue: 46_000, unitText: 'YEAR' } },
    });
    expect(posting.description).toMatch(/^<p>Transports Martin est un transporteur familial/);
    expect((posting.description.match(/<p>/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(new Date(posting.validThrough).getTime()).toBeGreaterThan(Date.now());
    expect(posting.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(html).toContain('<h1>Développeur Data H/F</h1>');
  });

  it('should leave baseSalary out when the offer gives no salary', async () => {
    const offer = DEMO_OFFERS.find((candidate) => !candidate.salary && !candidate.gone)!;

    const posting = jsonLd(await (await fetch(`${base}/demo/offres/${offer.slug}`)).text());

    expect(posting.baseSalary).toBeUndefined();
    expect(posting.hiringOrganization.name).toBe(offer.company);
  });

  it('should answer 410 in French for every gone offer', async () => {
    for (const offer of DEMO_OFFERS.filter((candidate) => candidate.gone)) {
      const response = await fetch(`${base}/demo/offres/${offer.slug}`);

      expect(response.status).toBe(410);
      expect(await response.text()).toContain("Cette offre n'est plus disponible");
    }
  });

  it('should answer 404 for an unknown offer', async () => {
    expect((await fetch(`${base}/demo/offres/inconnue-42`)).status).toBe(404);
  });

  it('should read a page in this process exactly as the server answers it, for a run that has no server', async () => {
    const live = DEMO_OFFERS.find((candidate) => !candidate.gone)!;
    const gone = DEMO_OFFERS.find((candidate) => candidate.gone)!;

    const served = await fetch(`${base}/demo/offres/${live.slug}`);
    const read = demoPageAt(`/demo/offres/${live.slug}`);

    expect(read.status).toBe(served.status);
    // Each answer dates the offer from its own moment: the rest is the same page.
    const { validThrough: _readAt, ...readPosting } = jsonLd(read.html);
    const { validThrough: _servedAt, ...servedPosting } = jsonLd(await served.text());
    expect(readPosting).toEqual(servedPosting);
    expect(demoPageAt(`/demo/offres/${gone.slug}`).status).toBe(410);
    expect(demoPageAt('/demo/offres/inconnue-42').status).toBe(404);
    expect(demoPageAt('/demo/autre').status).toBe(404);
  });
});
