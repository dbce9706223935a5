import {
  event,
  evolve,
  initialProjection,
  newOfferSummary,
  decideEnrichment,
  type Board,
  type OfferSummary,
  type ParsedOffer,
  type Projection,
} from '@veille/domain';
import { extract } from '../src/adapters/page-fetcher/extractors';
import { detectBoard, parserFor } from '../src/parsers/registry';
import { realAlerts } from './realAlerts';

export type ImportedOffer = { readonly sender: string; readonly board: Board; readonly offer: ParsedOffer };

const on = { import: true, enrich: true, analyse: true };

/** Every offer of the real alerts of these fixture folders, as phase 1 reads them (one per key, as the store keeps them). */
export async function realOffers(folders: readonly string[]): Promise<ImportedOffer[]> {
  const found = new Map<string, ImportedOffer>();
  for (const folder of folders) {
    for (const email of (await realAlerts(folder)).values()) {
      const board = detectBoard(email.sender, email.html);
      for (const offer of parserFor(board)?.parse(email) ?? []) if (!found.has(offer.key)) found.set(offer.key, { sender: email.sender, board, offer });
    }
  }
  return [...found.values()];
}

/** A job board's page for an offer, as its link leads to it: its text, and where the page says the job lives. */
export function jobPage(offer: Pick<ParsedOffer, 'title' | 'company' | 'city'>, canonical?: string): string {
  const paragraph = `${offer.company} recrute : ${offer.title} à ${offer.city}. Vous rejoindrez une équipe qui construit ses produits numériques. `;
  return `<!doctype html><html lang="fr"><head><title>${offer.title}</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head>
<body><main><h1>${offer.title}</h1><p>${paragraph.repeat(4)}</p></main></body></html>`;
}

/**
 * Phase 2 over these offers, one after the other in import order, each page read by the real
 * extraction and decided by the domain: the projection after it.
 */
export function enrichInOrder(
  imported: readonly ImportedOffer[],
  pageOf: (imported: ImportedOffer) => string,
  now = new Date('2026-11-24T08:00:00Z'),
): Projection {
  const senders = [...new Map(imported.map(({ sender, board }) => [sender, board])).entries()];
  const offers: OfferSummary[] = imported.map(({ sender, offer }, index) =>
    newOfferSummary({ ...offer, source: sender }, `rec${String(index).padStart(4, '0')}`, '2026-11-20'),
  );
  let state = evolve(
    initialProjection(),
    event('TableLoaded', { sources: senders.map(([sender, board]) => ({ sender, board, activation: on, available: on })), offers }),
  );
  offers.forEach((offer, index) => {
    const outcome = extract(offer.url, pageOf(imported[index]), now);
    for (const decided of decideEnrichment({ offerId: offer.id, outcome }, state).events) state = evolve(state, decided);
  });
  return state;
}
