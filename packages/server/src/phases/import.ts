import { decideEmailArchived, decideImport, decideOffersCreated, isImportable, type MailRef, type NewOffer } from '@veille/domain';
import type { Deps, MailboxAudit, PhaseContext, PhaseRunner } from '../ports';
import { UnavailableError } from '../errors';
import { attemptWrite, WriteFailedError } from '../disk/writeFailures';
import type { ParsePool } from '../parsing/pool';
import { parserFor } from '../parsers/registry';

type ImportDeps = Pick<Deps, 'bus' | 'store' | 'mailbox'> & Pick<ParsePool, 'readOffers'> & { readonly audit: MailboxAudit };

/**
 * Emails whose offers are being stored while the next ones are read: enough for a store that
 * writes by 10 (an alert holds ~5 offers) to fill every request, few enough that a stop or a
 * failure leaves little in flight.
 */
const EMAILS_AHEAD = 50;
/** A store request's size: an email bigger than what follows it in flight cannot finish before a flush. */
const STORE_BATCH = 10;

const describeEmail = (ref: MailRef): string => `l'email « ${ref.subject || ref.id} »`;

const readEmail = async ({ bus, mailbox, readOffers }: ImportDeps, ref: MailRef): Promise<NewOffer[]> => {
  const source = bus.current().sources.get(ref.sender);
  if (!source || !parserFor(source.board)) throw new Error(`Aucun parseur pour ${ref.sender}`);
  return decideImport({ email: ref, board: source.board, offers: await readOffers(source.board, await mailbox.read(ref.id)) });
};

/** Store, then archive: an email leaves the folder only once its offers are stored. */
const storeThenArchive = async ({ bus, store, mailbox }: ImportDeps, ref: MailRef, offers: NewOffer[]): Promise<void> => {
  const email = describeEmail(ref);
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

/**
 * Phase 1: every email of a source whose création is on, as the audit at the start of the phase
 * lists them. Emails are read one after the other while the earlier ones' offers are stored, so
 * the store fills its requests across emails; each email is archived once its own offers are stored.
 */
export const importPhase =
  (deps: ImportDeps): PhaseRunner =>
  async (context: PhaseContext) => {
    const refs = await deps.audit();
    const work = refs.filter((ref) => isImportable(deps.bus.current(), ref.sender, ref.id));
    const inFlight = new Map<Promise<void>, number>();
    let done = 0;
    // Nothing the next email could do better: the run stops taking emails and says why.
    let fatal: UnavailableError | WriteFailedError | undefined;

    const settle = (ref: MailRef, error: unknown): void => {
      if (error instanceof UnavailableError || error instanceof WriteFailedError) fatal ??= error;
      else context.failItem(ref.id, ref.sender, error);
    };

    /** Waits for one email in flight; flushes first when the oldest one could only finish with a partial request. */
    const waitForOne = async (): Promise<void> => {
      const counts = [...inFlight.values()];
      const behindOldest = counts.slice(1).reduce((sum, count) => sum + count, 0);
      if (counts[0] > 0 && behindOldest < STORE_BATCH) deps.store.flush('created');
      await Promise.race(inFlight.keys());
    };

    for (const ref of work) {
      if (context.stopping() || fatal) break;
      // The user may turn création off for this source while the phase runs.
      if (!isImportable(deps.bus.current(), ref.sender, ref.id)) continue;
      const board = deps.bus.current().sources.get(ref.sender)?.board ?? '';
      context.progress(done, work.length, `${board} — ${ref.subject}`);
      let offers: NewOffer[];
      try {
        offers = await readEmail(deps, ref);
      } catch (error) {
        settle(ref, error);
        done += 1;
        continue;
      }
      const storing: Promise<void> = storeThenArchive(deps, ref, offers)
        .catch((error: unknown) => settle(ref, error))
        .finally(() => {
          inFlight.delete(storing);
          done += 1;
        });
      inFlight.set(storing, offers.length);
      while (inFlight.size >= EMAILS_AHEAD) await waitForOne();
    }
    // No email left to fill the last request: it leaves now.
    if (inFlight.size > 0) deps.store.flush('created');
    await Promise.all(inFlight.keys());
    if (fatal) throw fatal;
    context.progress(done, work.length, '');
  };
