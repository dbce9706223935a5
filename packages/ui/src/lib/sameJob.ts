import type { KeptOffer } from '@veille/domain';

/** « aussi vue sur Indeed », « aussi vue sur Indeed et LinkedIn », « aussi vue sur Indeed, LinkedIn et HelloWork ». */
export function seenAlsoOnText(boards: readonly string[]): string {
  if (boards.length === 0) return '';
  const list = boards.length === 1 ? boards[0] : `${boards.slice(0, -1).join(', ')} et ${boards[boards.length - 1]}`;
  return `aussi vue sur ${list}`;
}

/** « Data engineer — Acme (HelloWork) »: the offer kept for the job, as the person finds it in the list. */
export function keptOfferText(kept: KeptOffer): string {
  const title = kept.title || 'Offre sans titre';
  return `${kept.company ? `${title} — ${kept.company}` : title} (${kept.board})`;
}
