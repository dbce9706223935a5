import { isStatus, type Status } from '../statuses';
import { moveOffer, type OfferDecision } from './decision';
import { NotAStatusError, TransitionRefusedError, UnknownOfferError } from './errors';

/** What a change by hand needs to know of an offer: where it is, and what it already holds (the projection keeps it). */
export type OfferFacts = {
  readonly id: string;
  readonly source: string;
  readonly status: string;
  readonly url: string;
  readonly hasText: boolean;
  readonly analysed: boolean;
};

type Requirement = 'nothing' | 'url' | 'text' | 'analysis';

/**
 * What an offer must hold for a person to give it each status. A person decides (applied,
 * rejected, done, set aside, expired) on any offer, and sends an offer back to a phase only with
 * what that phase needs: a URL to read its page, a text to analyse, an analysis to review.
 */
export const MANUAL_REQUIREMENT = {
  'A compléter': 'url',
  'À analyser': 'text',
  'À traiter': 'analysis',
  Candidaté: 'nothing',
  Refusé: 'nothing',
  Traité: 'nothing',
  Ignoré: 'nothing',
  Expiré: 'nothing',
} as const satisfies Record<Status, Requirement>;

const MEETS: Record<Requirement, (offer: OfferFacts) => boolean> = {
  nothing: () => true,
  url: (offer) => offer.url !== '',
  text: (offer) => offer.hasText,
  analysis: (offer) => offer.analysed,
};

const WHY: Record<Exclude<Requirement, 'nothing'>, { one: string; many: string }> = {
  url: { one: "n'a pas d'adresse web", many: "n'ont pas d'adresse web" },
  text: { one: "n'a pas encore de texte (réenrichissez-la)", many: "n'ont pas encore de texte (réenrichissez-les)" },
  analysis: { one: "n'a pas encore été analysée", many: "n'ont pas encore été analysées" },
};

function refusal(status: Status, requirement: Exclude<Requirement, 'nothing'>, refused: number, asked: number): string {
  const why = WHY[requirement];
  if (asked === 1) return `Cette offre ${why.one} : elle ne peut pas passer en « ${status} ».`;
  const who = refused === 1 ? `Une des offres choisies ${why.one}` : `${refused} des offres choisies ${why.many}`;
  return `${who} : aucune n'est passée en « ${status} ».`;
}

export type ChangeStatus = { readonly ids: readonly string[]; readonly status: string };

/**
 * A person sets a status on one offer or several. All or nothing: a value that is not a status,
 * an unknown offer or a transition the domain refuses for any of them throws, and none changes.
 * Offers already in that status are left as they are.
 */
export function decideStatusChange({ ids, status }: ChangeStatus, offers: ReadonlyMap<string, OfferFacts>): OfferDecision {
  if (!isStatus(status)) throw new NotAStatusError(status);
  const wanted = [...new Set(ids)];
  const unknown = wanted.filter((id) => !offers.has(id));
  if (unknown.length > 0) throw new UnknownOfferError(unknown);
  const moving = wanted.map((id) => offers.get(id)!).filter((offer) => offer.status !== status);
  const requirement = MANUAL_REQUIREMENT[status];
  if (requirement !== 'nothing') {
    const refused = moving.filter((offer) => !MEETS[requirement](offer)).map((offer) => offer.id);
    if (refused.length > 0) throw new TransitionRefusedError(status, refused, refusal(status, requirement, refused.length, wanted.length));
  }
  const decisions = moving.map((offer) => moveOffer(offer, { status, reason: '' }));
  return { updates: decisions.flatMap((decision) => decision.updates), events: decisions.flatMap((decision) => decision.events) };
}
