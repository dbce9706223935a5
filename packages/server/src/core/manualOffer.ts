import { decideManualOffer, decideOffersCreated, event } from '@veille/domain';
import { attemptWrite } from '../disk/writeFailures';
import { jobLinkOf } from '../parsers/registry';
import type { Deps } from '../ports';
import { manualSource } from './sources';

export type ManualOffer = { readonly url: string; readonly title?: string; readonly company?: string };

/** The offer's id, and whether it is new or was already known (imported from an alert, or added before). */
export type Added = { readonly created: boolean; readonly id: string };

const WRITE = { failed: "l'offre n'a pas pu être enregistrée dans la base", kept: "rien n'a été ajouté" };

/**
 * "Ajouter une offre": the link gets the key an import would give it, and the offer joins the
 * source "Ajout manuel" (created with its first offer) in `A compléter`, where a run reads its page
 * and analyses it like any other.
 */
export async function addManualOffer({ bus, store }: Pick<Deps, 'bus' | 'store'>, { url, title, company }: ManualOffer): Promise<Added> {
  const link = jobLinkOf(url);
  const source = manualSource();
  if (!bus.current().sources.has(source.sender)) {
    await attemptWrite(WRITE, () => store.addSources([source]));
    bus.emit(event('SourceAdded', { source }));
  }
  const created = await attemptWrite(WRITE, () => {
    const saving = store.saveOffers([decideManualOffer({ ...link, title, company })]);
    // One offer fills no request: it leaves now rather than waiting for company.
    store.flush('created');
    return saving;
  });
  for (const added of decideOffersCreated({ created })) bus.emit(added);
  if (created.length > 0) return { created: true, id: created[0].id };
  const known = await store.offerIdOf(link.key);
  if (!known) throw new Error(`L'offre ${link.key} n'a été ni créée ni trouvée dans la base.`);
  return { created: false, id: known };
}
