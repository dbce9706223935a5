import {
  createSearchKeys,
  InvalidCommandError,
  matchingOffers,
  sameJobView,
  selectOffers,
  toOfferItem,
  UNKNOWN_BOARD,
  UnknownOfferError,
  type OfferItem,
  type OfferSummary,
  type Projection,
} from '@veille/domain';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { addManualOffer } from '../core/manualOffer';
import { changeStatus } from '../core/statusChange';
import type { Deps } from '../ports';
import { csvHead, csvLine } from './csv';
import { parseOffersQuery } from './offersQuery';

/** The most offers one action may change at once: a selection of the whole list, with room. */
const MAX_IDS = 5_000;
const CSV_CHUNK = 500;

const statusBody = z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_IDS), status: z.string() });
const addBody = z.object({
  url: z
    .string()
    .trim()
    .max(2_000)
    .pipe(z.url({ protocol: /^https?$/ })),
  title: z.string().trim().max(300).optional(),
  company: z.string().trim().max(300).optional(),
});

/**
 * The offers workspace's routes. Lists, the CSV and decisions read the projection alone; only an
 * offer's text is read from the store. Every change goes through the domain, the store, then the
 * events every open page folds.
 */
export function offersRouter(deps: Deps): Router {
  const router = Router();
  const { bus, store, storage } = deps;
  // Folded texts for search and sort, kept per offer object: the projection's own offers only.
  const keys = createSearchKeys();

  const itemOf = (state: Projection, offer: OfferSummary): OfferItem & { airtableUrl?: string } => {
    const item = toOfferItem(offer, state.sources.get(offer.source)?.board ?? UNKNOWN_BOARD, sameJobView(offer, state));
    return storage.links ? { ...item, airtableUrl: storage.links.recordUrl(offer.id) } : item;
  };

  const requestOf = (request: Request) => {
    const parsed = parseOffersQuery(request.query);
    if ('error' in parsed) throw new InvalidCommandError(parsed.error);
    return parsed;
  };

  router.get('/offers', (request, response) => {
    const { query, page } = requestOf(request);
    const state = bus.current();
    const { total, offers } = selectOffers(state, query, page, keys);
    response.json({ total, items: offers.map((offer) => itemOf(state, offer)) });
  });

  // The filter's every offer (no page), in its order, as French Excel opens it.
  router.get('/offers.csv', (request, response) => {
    const { query } = requestOf(request);
    const state = bus.current();
    const offers = matchingOffers(state, query, keys);
    response.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="offres-veille-${deps.now().toISOString().slice(0, 10)}.csv"`,
    });
    response.write(csvHead());
    for (let start = 0; start < offers.length; start += CSV_CHUNK) {
      // As bytes: a string handed to the socket waits in its queue on V8's heap, freed only by a
      // full collection (40 exports of 8,000 offers grew the server from 300 to 700 MB; 370 so).
      response.write(
        Buffer.from(
          offers
            .slice(start, start + CSV_CHUNK)
            .map((offer) => csvLine(itemOf(state, offer)))
            .join(''),
        ),
      );
    }
    response.end();
  });

  router.get('/offers/:id', async (request, response) => {
    const id = String(request.params.id);
    if (!bus.current().offers.has(id)) throw new UnknownOfferError([id]);
    const [record] = await store.readOffers([id]);
    // Read after the store answered: the offer may have moved meanwhile.
    const state = bus.current();
    const offer = state.offers.get(id);
    if (!offer) throw new UnknownOfferError([id]);
    response.json({ ...itemOf(state, offer), text: record?.text ?? '' });
  });

  router.post('/offers/status', async (request, response) => {
    const body = statusBody.safeParse(request.body);
    if (!body.success) {
      throw new InvalidCommandError(`Corps attendu : { "ids": ["rec…", …] (1 à ${MAX_IDS} offres), "status": "Candidaté" } (ou un autre statut).`);
    }
    response.json(await changeStatus(deps, body.data));
  });

  router.post('/offers', async (request, response) => {
    const body = addBody.safeParse(request.body);
    if (!body.success) {
      const badUrl = body.error.issues.some((issue) => issue.path[0] === 'url');
      throw new InvalidCommandError(
        badUrl
          ? "Adresse invalide : collez le lien http(s) de l'offre, par exemple https://www.example.com/emplois/123."
          : 'Corps attendu : { "url": "https://…", "title": "…" (facultatif), "company": "…" (facultatif) }.',
      );
    }
    const added = await addManualOffer(deps, body.data);
    if (added.created) response.status(201).json({ id: added.id });
    else response.status(409).json({ error: 'Cette offre est déjà dans Veille.', id: added.id });
  });

  return router;
}
