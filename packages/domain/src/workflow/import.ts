import type { Board } from '../boards';
import { event, type EmailArchived, type OfferCreated } from '../events';
import type { OfferSummary } from '../offer';
import type { MailRef, NewOffer, ParsedOffer } from '../ports';
import { NoOfferFoundError } from './errors';
import { NEW_OFFER_STATUS } from './flow';

export type ImportEmail = {
  readonly email: Pick<MailRef, 'id' | 'sender' | 'subject'>;
  readonly board: Board;
  readonly offers: readonly ParsedOffer[];
};

/**
 * Phase 1 read an alert email: the store saves its offers, each from the email's sender, and they
 * start in `NEW_OFFER_STATUS`. An email without any is refused, and stays in the mailbox.
 */
export function decideImport({ email, board, offers }: ImportEmail): NewOffer[] {
  if (offers.length === 0) throw new NoOfferFoundError(`Aucune offre trouvée dans l'email « ${email.subject} » (${board})`);
  return offers.map((offer) => ({ ...offer, source: email.sender }));
}

export type RecordCreated = { readonly created: readonly OfferSummary[] };

/** The offers the store created (it answers none for a key it already had) join the table. */
export function decideOffersCreated({ created }: RecordCreated): OfferCreated[] {
  return created.map((offer) => event<OfferCreated>('OfferCreated', { offer }));
}

export type RecordArchived = { readonly email: Pick<MailRef, 'id' | 'sender'>; readonly created: number };

/** The email left the mailbox once its offers were stored: one fewer to import for its sender. */
export function decideEmailArchived({ email, created }: RecordArchived): EmailArchived[] {
  return [event<EmailArchived>('EmailArchived', { sender: email.sender, emailId: email.id, offers: created })];
}

/**
 * What the projection holds of an offer the store just created with this id on `addedAt`
 * (YYYY-MM-DD): in `NEW_OFFER_STATUS`, its page not read yet, not analysed.
 */
export function newOfferSummary(offer: NewOffer, id: string, addedAt: string): OfferSummary {
  const { source, url, title, company, city, salary, offerDate } = offer;
  return { id, source, url, status: NEW_OFFER_STATUS, title, company, city, salary, offerDate, addedAt, hasText: false, analysed: false };
}
