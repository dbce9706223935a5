import { decideStatusChange, STATUS, TransitionRefusedError, type OfferItem, type Status } from '@veille/domain';

/** What a person can do with an offer from the workspace, in the order of the buttons. */
export type Action = { readonly status: Status; readonly label: string; readonly key?: string; readonly hint: string };

export const ACTIONS: readonly Action[] = [
  { status: STATUS.applied, label: 'Candidaté', key: 'c', hint: 'Vous avez postulé' },
  { status: STATUS.rejected, label: 'Refusé', key: 'r', hint: "L'offre ne vous convient pas" },
  { status: STATUS.processed, label: 'Traité', key: 't', hint: "Vous en avez fini avec l'offre" },
  { status: STATUS.ignored, label: 'Ignoré', key: 'i', hint: "Mettre l'offre de côté" },
  { status: STATUS.toProcess, label: 'À traiter', hint: 'Remettre l’offre à traiter' },
  { status: STATUS.toAnalyse, label: 'Réanalyser', hint: 'Analyser l’offre de nouveau' },
  { status: STATUS.toComplete, label: 'Réenrichir', hint: 'Relire la page de l’offre, puis l’analyser' },
];

/**
 * Why the domain would refuse this status for these offers, in its own French words, or '' when
 * it would let it through. The rule is the domain's: the page asks the same decision the server
 * takes, so a button is never enabled for a change the server would refuse.
 */
export function refusalOf(status: Status, offers: readonly OfferItem[]): string {
  if (offers.length === 0) return 'Aucune offre choisie.';
  if (offers.every((offer) => offer.status === status))
    return offers.length === 1 ? `Cette offre est déjà « ${status} ».` : `Ces offres sont déjà « ${status} ».`;
  try {
    // A listed offer holds the facts the decision reads: what it holds, not only where it is.
    decideStatusChange({ ids: offers.map((offer) => offer.id), status }, new Map(offers.map((offer) => [offer.id, offer])));
    return '';
  } catch (error) {
    if (error instanceof TransitionRefusedError) return error.message;
    throw error;
  }
}
