import { event, newOfferSummary, type HeldWrites, type MailRef, type NewOffer, type OfferStore, type OfferSummary } from '@veille/domain';
import { createBus } from '../core/bus';
import { importPhase } from './import';

const on = { import: true, enrich: true, analyse: true };
const sender = 'notification@emails.hellowork.com';
const emails: MailRef[] = ['m1', 'm2', 'm3'].map((id) => ({ id, sender, subject: `Alerte ${id}` }));

const offersOf = (id: string): NewOffer[] =>
  [1, 2, 3].map((index) => ({
    key: `hellowork:${id}-${index}`,
    source: sender,
    url: `https://www.hellowork.com/fr-fr/emplois/${id}-${index}.html`,
    title: 'Data engineer',
    company: 'Acme',
    city: 'Lyon',
    department: '',
    salary: '',
    offerDate: '',
  }));

const summaryOf = (offer: NewOffer): OfferSummary => newOfferSummary(offer, `rec-${offer.key}`, '2026-12-02');

/**
 * A store that holds new offers until a flush, as the Airtable store holds a partial request of
 * 10: what the phase hands it, when, and what it flushed are all visible.
 */
const holdingStore = (failing: ReadonlySet<string> = new Set()) => {
  const held: { offers: readonly NewOffer[]; settle: () => void }[] = [];
  const flushes: (HeldWrites | undefined)[] = [];
  const store = {
    saveOffers: (offers: readonly NewOffer[]) =>
      new Promise<OfferSummary[]>((resolve, reject) => {
        const fails = offers.some((offer) => failing.has(offer.key));
        held.push({ offers, settle: () => (fails ? reject(new Error('INVALID_VALUE_FOR_COLUMN')) : resolve(offers.map(summaryOf))) });
      }),
    flush: (writes?: HeldWrites) => {
      flushes.push(writes);
      setImmediate(() => held.splice(0).forEach(({ settle }) => settle()));
    },
  } as unknown as OfferStore;
  return { store, held, flushes };
};

const given = (store: OfferStore) => {
  const bus = createBus();
  bus.emit(event('TableLoaded', { sources: [{ sender, board: 'HelloWork', activation: on, available: on }], offers: [] }));
  bus.emit(event('MailboxAudited', { bySender: { [sender]: emails.length } }));
  const archived: string[] = [];
  const failed: string[] = [];
  const mailbox = {
    audit: () => Promise.resolve(emails),
    read: (id: string) => Promise.resolve(new TextEncoder().encode(id)),
    archive: (id: string) => (archived.push(id), Promise.resolve()),
  };
  const phase = importPhase({
    bus,
    store,
    mailbox: mailbox as never,
    audit: () => Promise.resolve(emails),
    readOffers: (_board, raw) => Promise.resolve(offersOf(new TextDecoder().decode(raw))),
  });
  const run = () => phase({ phase: 'import', stopping: () => false, progress: () => undefined, failItem: (id) => failed.push(id) });
  return { bus, archived, failed, run };
};

describe('Phase 1, storing emails while the next ones are read', () => {
  it('should hand the store every email before any of them is stored, so its requests fill across emails', async () => {
    const { store, held, flushes } = holdingStore();
    const { bus, archived, run } = given(store);

    const running = run();
    await new Promise((resolve) => setImmediate(resolve));

    expect(held.map(({ offers }) => offers.length)).toEqual([3, 3, 3]);
    expect(archived).toEqual([]);
    await running;
    expect(flushes).toEqual(['created']);
    expect(archived).toEqual(['m1', 'm2', 'm3']);
    expect(bus.current().offers.size).toBe(9);
  });

  it('should archive an email only once its own offers are stored, and leave one whose offers failed in the folder', async () => {
    const { store } = holdingStore(new Set(['hellowork:m2-2']));
    const { bus, archived, failed, run } = given(store);

    await run();

    expect(archived).toEqual(['m1', 'm3']);
    expect(failed).toEqual(['m2']);
    expect([...bus.current().offers.keys()]).toEqual(
      ['m1', 'm3'].flatMap((id) =>
        offersOf(id)
          .map(summaryOf)
          .map((offer) => offer.id),
      ),
    );
  });
});
