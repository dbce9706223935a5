import { decideEmailArchived, decideImport, decideOffersCreated, isImportable, type MailRef } from '@veille/domain';
import type { Deps, MailboxAudit, PhaseContext, PhaseRunner } from '../ports';
import { UnavailableError } from '../errors';
import { attemptWrite, WriteFailedError } from '../disk/writeFailures';
import type { ParsePool } from '../parsing/pool';
import { parserFor } from '../parsers/registry';

type ImportDeps = Pick<Deps, 'bus' | 'store' | 'mailbox'> & Pick<ParsePool, 'readOffers'> & { readonly audit: MailboxAudit };

/** Parse, store, then archive: an email leaves the folder only once its offers are stored. */
const importEmail = async ({ bus, store, mailbox, readOffers }: ImportDeps, ref: MailRef): Promise<void> => {
  const source = bus.current().sources.get(ref.sender);
  if (!source || !parserFor(source.board)) throw new Error(`Aucun parseur pour ${ref.sender}`);
  const offers = decideImport({ email: ref, board: source.board, offers: await readOffers(source.board, await mailbox.read(ref.id)) });
  const email = `l'email « ${ref.subject || ref.id} »`;
  const created = await attemptWrite(
    {
      failed: `les offres de ${email} n'ont pas pu être enregistrées dans la base`,
      kept: `${email} reste dans la boîte et sera importé au prochain lancement`,
    },
    () => store.saveOffers(offers),
  );
  for (const event of decideOffersCreated({ created })) bus.emit(event);
  await attemptWrite(
    { failed: `${email} n'a pas pu être archivé`, kept: `ses offres sont enregistrées, et il sera archivé au prochain lancement, sans doublon` },
    () => mailbox.archive(ref.id),
  );
  for (const event of decideEmailArchived({ email: ref, created: created.length })) bus.emit(event);
};

/** Phase 1: every email of a source whose création is on, as the audit at the start of the phase lists them. */
export const importPhase =
  (deps: ImportDeps): PhaseRunner =>
  async (context: PhaseContext) => {
    const refs = await deps.audit();
    const work = refs.filter((ref) => isImportable(deps.bus.current(), ref.sender, ref.id));
    let done = 0;
    for (const ref of work) {
      if (context.stopping()) break;
      // The user may turn création off for this source while the phase runs.
      if (!isImportable(deps.bus.current(), ref.sender, ref.id)) continue;
      const board = deps.bus.current().sources.get(ref.sender)?.board ?? '';
      context.progress(done, work.length, `${board} — ${ref.subject}`);
      try {
        await importEmail(deps, ref);
      } catch (error) {
        // Nothing the next email could do better: the run stops here and says why.
        if (error instanceof UnavailableError || error instanceof WriteFailedError) throw error;
        context.failItem(ref.id, ref.sender, error);
      }
      done += 1;
    }
    context.progress(done, work.length, '');
  };
