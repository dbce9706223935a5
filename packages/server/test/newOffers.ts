import type { NewOffer, Source } from '@veille/domain';

const on = { import: true, enrich: true, analyse: true };

/** One alert sender per board, every phase on: the sources the store specs file their offers under. */
export const HELLOWORK: Source = { sender: 'notification@emails.hellowork.com', board: 'HelloWork', activation: on, available: on };
export const INDEED: Source = { sender: 'alert@indeed.com', board: 'Indeed', activation: on, available: on };

/** A new offer of this source with only its key and link, unless `fields` says more: a page would fill the rest. */
export const offerOf = (source: Source, key: string, url: string, fields: Partial<NewOffer> = {}): NewOffer => ({
  key,
  source: source.sender,
  url,
  title: '',
  company: '',
  city: '',
  department: '',
  salary: '',
  offerDate: '',
  ...fields,
});

/** A new HelloWork offer as an alert gives it: title, company, city and department. */
export function helloWorkOffer(id: number, overrides: Partial<NewOffer> = {}): NewOffer {
  return offerOf(HELLOWORK, `hellowork:${id}`, `https://www.hellowork.com/fr-fr/emplois/${id}.html`, {
    title: `Data engineer ${id}`,
    company: 'Acme',
    city: 'Lyon',
    department: '69',
    ...overrides,
  });
}

/** A new Indeed offer with only its key, link and title: what a spec on storage needs, nothing a page would fill. */
export function indeedOffer(index: number): NewOffer {
  return offerOf(INDEED, `indeed:${index}`, `https://fr.indeed.com/viewjob?jk=${index}`, { title: `Data ${index}` });
}
