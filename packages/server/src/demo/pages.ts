import { Router } from 'express';
import { DEMO_OFFERS, describeDemoOffer, formatSalary, type DemoOffer } from './catalogue';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const EMPLOYMENT: Record<DemoOffer['contract'], string> = { CDI: 'FULL_TIME', Stage: 'INTERN', Freelance: 'CONTRACTOR' };

const DAY = 86_400_000;

const jobPosting = (offer: DemoOffer, posted: Date) => ({
  '@context': 'https://schema.org/',
  '@type': 'JobPosting',
  title: offer.title,
  description: describeDemoOffer(offer)
    .map((paragraph) => `<p>${escape(paragraph)}</p>`)
    .join(''),
  datePosted: posted.toISOString().slice(0, 10),
  validThrough: new Date(posted.getTime() + 60 * DAY).toISOString(),
  employmentType: EMPLOYMENT[offer.contract],
  hiringOrganization: { '@type': 'Organization', name: offer.company },
  jobLocation: {
    '@type': 'Place',
    address: { '@type': 'PostalAddress', addressLocality: offer.city, postalCode: offer.postalCode, addressCountry: 'FR' },
  },
  ...(offer.remote ? { jobLocationType: 'TELECOMMUTE' } : {}),
  ...(offer.salary
    ? {
        baseSalary: {
          '@type': 'MonetaryAmount',
          currency: 'EUR',
          value: { '@type': 'QuantitativeValue', minValue: offer.salary.min, maxValue: offer.salary.max, unitText: offer.salary.unit },
        },
      }
    : {}),
});

const page = (offer: DemoOffer): string => `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escape(offer.title)} - ${escape(offer.company)}</title>
<script type="application/ld+json">${JSON.stringify(jobPosting(offer, new Date(Date.now() - 3 * DAY))).replace(/</g, '\\u003c')}</script>
</head><body>
<header><nav>Accueil · Offres · Entreprises</nav></header>
<main><h1>${escape(offer.title)}</h1>
<p>${escape(offer.company)} — ${escape(offer.city)} (${offer.department}) — ${offer.contract}${offer.salary ? ` — ${escape(formatSalary(offer.salary))}` : ''}</p>
<section><h2>Descriptif du poste</h2>
${describeDemoOffer(offer)
  .map((paragraph) => `<p>${escape(paragraph)}</p>`)
  .join('\n')}
</section><p><a href="#postuler">Postuler</a></p>
</main><footer>Page de démonstration servie par Veille.</footer></body></html>`;

const gonePage = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Offre expirée</title></head>
<body><main><h1>Cette offre n'est plus disponible</h1><p>Le recruteur a clôturé cette annonce.</p></main></body></html>`;

const NOT_FOUND =
  '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Offre introuvable</title></head><body><h1>Offre introuvable</h1></body></html>';

const BY_SLUG = new Map(DEMO_OFFERS.map((offer) => [offer.slug, offer]));

export type DemoPage = { readonly status: number; readonly html: string };

/** A demo offer's page: its JSON-LD JobPosting, 410 when it is gone, 404 for an unknown offer. */
export function demoPage(slug: string): DemoPage {
  const offer = BY_SLUG.get(slug);
  if (!offer) return { status: 404, html: NOT_FOUND };
  if (offer.gone) return { status: 410, html: gonePage };
  return { status: 200, html: page(offer) };
}

const DEMO_PATH = /^\/demo\/offres\/([^/]+)$/;

/** The demo page at a path, as the server would answer it: for a run that has no server to ask. */
export function demoPageAt(pathname: string): DemoPage {
  const slug = DEMO_PATH.exec(pathname)?.[1];
  if (!slug) return { status: 404, html: NOT_FOUND };
  try {
    return demoPage(decodeURIComponent(slug));
  } catch {
    return { status: 404, html: NOT_FOUND };
  }
}

/** The demo offers' pages, so enrichment works with no internet. */
export function demoPagesRouter(): Router {
  const router = Router();
  router.get('/demo/offres/:slug', (request, response) => {
    const { status, html } = demoPage(String(request.params.slug));
    response.status(status).type('html').send(html);
  });
  return router;
}
