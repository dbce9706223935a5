import { ConflictError, InvalidCommandError, NotFoundError } from '../refusals';

/** `A importer` or `Autre` name columns of the table, not statuses an offer can take. */
export class NotAStatusError extends InvalidCommandError {
  constructor(readonly value: string) {
    super(`« ${value} » n'est pas un statut d'offre.`);
  }
}

export class UnknownOfferError extends NotFoundError {
  constructor(readonly offerIds: readonly string[]) {
    super(offerIds.length === 1 ? `Offre inconnue : ${offerIds[0]}.` : `Offres inconnues : ${offerIds.join(', ')}.`);
  }
}

/** The domain refuses the transition for some of the offers: none of them changed. */
export class TransitionRefusedError extends ConflictError {
  constructor(
    readonly status: string,
    readonly offerIds: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

/** An alert email in which the parser found no offer: it stays in the mailbox, set aside for this run. */
export class NoOfferFoundError extends Error {}
