import type { NewOffer } from '../ports';
import { MANUAL_SENDER } from '../source';

export type AddOffer = {
  /** As import keys it: the board's job id for a known board's link, else the link without tracking. */
  readonly key: string;
  readonly url: string;
  readonly title?: string;
  readonly company?: string;
};

/**
 * A person adds an offer found elsewhere: it belongs to the source of offers added by hand and
 * starts like any other (`NEW_OFFER_STATUS`, which the store gives), so enrichment reads its page
 * and analysis scores it. The store keeps one offer per key: a job already known is not added twice.
 */
export function decideManualOffer({ key, url, title = '', company = '' }: AddOffer): NewOffer {
  return { key, url, source: MANUAL_SENDER, title: title.trim(), company: company.trim(), city: '', department: '', salary: '', offerDate: '' };
}
