import type { NewOffer, Source } from '@veille/domain';

const on = { import: true, enrich: true, analyse: true };

/** One Indeed alert sender, every phase on: the source the SQLite store's specs file their offers under. */
export const INDEED: Source = { sender: 'alert@indeed.com', board: 'Indeed', activation: on, available: on };

/** A new Indeed offer with only its key, link and title: what a spec on storage needs, nothing a page would fill. */
export function indeedOffer(index: number): NewOffer {
  return {
    key: `indeed:${index}`,
    source: INDEED.sender,
    url: `https://fr.indeed.com/viewjob?jk=${index}`,
    title: `Data ${index}`,
    company: '',
    city: '',
    department: '',
    salary: '',
    offerDate: '',
  };
}
