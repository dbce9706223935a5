import { extract } from './extractors';

const now = new Date('2026-11-24T08:00:00Z');
const description = 'Vous rejoindrez une équipe data de huit personnes qui construit la plateforme de données du groupe. ';
const long = description.repeat(4);

describe('Offer extraction by board layout', () => {
  it("should read LinkedIn's public job page", () => {
    const page = `<html><body><section class="top-card-layout"><h1 class="top-card-layout__title">Data Engineer</h1>
      <h4><span class="topcard__flavor"><a class="topcard__org-name-link" href="#">Datalyo</a></span>
      <span class="topcard__flavor topcard__flavor--bullet">Lyon, Auvergne-Rhône-Alpes, France</span></h4></section>
      <div class="description__text"><div class="show-more-less-html__markup"><p>${long}</p><ul><li>Python</li></ul></div></div></body></html>`;

    const outcome = extract('https://fr.linkedin.com/jobs/view/4012345678/', page, now);

    expect(outcome).toMatchObject({ kind: 'found', fields: { title: 'Data Engineer', company: 'Datalyo', city: 'Lyon' } });
    expect(outcome.kind === 'found' && outcome.text).toContain('• Python');
  });

  it('should see that a LinkedIn offer is closed', () => {
    const page = `<html><body><h1>Data Engineer</h1><figure class="closed-job"><figcaption>No longer accepting applications</figcaption></figure></body></html>`;

    expect(extract('https://www.linkedin.com/jobs/view/1/', page, now)).toEqual({
      kind: 'expired',
      reason: 'Offre close : « No longer accepting applications »',
    });
  });

  it("should read Indeed's job page, and its expiry notice", () => {
    const page = `<html><body><h1 data-testid="jobsearch-JobInfoHeader-title">Data Engineer (H/F)</h1>
      <div data-testid="inlineHeader-companyName">Sopra Data</div><div data-testid="inlineHeader-companyLocation">Lyon (69)</div>
      <div id="jobDescriptionText"><p>${long}</p></div></body></html>`;
    const expired = '<html><body><div>This job has expired on Indeed</div></body></html>';

    expect(extract('https://fr.indeed.com/viewjob?jk=abc', page, now)).toMatchObject({
      kind: 'found',
      fields: { title: 'Data Engineer (H/F)', company: 'Sopra Data', city: 'Lyon (69)' },
    });
    expect(extract('https://fr.indeed.com/viewjob?jk=abc', expired, now)).toMatchObject({ kind: 'expired' });
  });

  it('should read the offer from the app state a single-page board embeds (__NEXT_DATA__)', () => {
    const state = {
      props: { pageProps: { job: { name: 'Analytics Engineer', description: `<p>${long}</p>`, organization: { name: 'Ecotrip' }, office: { name: 'Lyon' } } } },
    };
    const page = `<html><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">${JSON.stringify(state)}</script></body></html>`;

    expect(extract('https://www.welcometothejungle.com/fr/companies/ecotrip/jobs/analytics', page, now)).toMatchObject({
      kind: 'found',
      fields: { title: 'Analytics Engineer', company: 'Ecotrip', city: 'Lyon' },
    });
  });

  it('should read the offer from a global assignment (window.__INITIAL_STATE__ = …)', () => {
    const state = { offer: { title: 'Développeur Data H/F', descriptionHtml: `<p>${long}</p>`, companyName: 'Transports Martin', city: 'Saint-Priest' } };
    const page = `<html><body><script>window.__INITIAL_STATE__ = ${JSON.stringify(state)};</script></body></html>`;

    expect(extract('https://www.hellowork.com/fr-fr/emplois/51234567.html', page, now)).toMatchObject({
      kind: 'found',
      fields: { title: 'Développeur Data H/F', company: 'Transports Martin', city: 'Saint-Priest' },
    });
  });

  it('should prefer JSON-LD to a layout when a page has both', () => {
    const jsonLd = { '@type': 'JobPosting', title: 'Depuis le JSON-LD', description: `<p>${long}</p>` };
    const page = `<html><head><script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head><body><div id="jobDescriptionText">${long}</div></body></html>`;

    expect(extract('https://fr.indeed.com/viewjob?jk=abc', page, now)).toMatchObject({ fields: { title: 'Depuis le JSON-LD' } });
  });
});
