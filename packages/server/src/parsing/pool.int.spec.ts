import { htmlEmail, linkedInCard, nestedDivs, nestedPage } from '../../test/hostile';
import { createParsePool, type ParsePool } from './pool';
import { MAX_OFFERS_PER_EMAIL } from './task';

const now = new Date('2026-11-24T08:00:00Z');
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

/** The longest the event loop went without running a 10 ms tick while `work` ran. */
const longestStall = async (work: () => Promise<unknown>): Promise<number> => {
  let last = Date.now();
  let longest = 0;
  const tick = setInterval(() => {
    longest = Math.max(longest, Date.now() - last);
    last = Date.now();
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(tick);
  }
  return Math.max(longest, Date.now() - last);
};

describe('The parse worker pool', () => {
  let pool: ParsePool;

  beforeAll(() => {
    pool = createParsePool();
  });

  afterAll(async () => {
    await pool.close();
  });

  it("should read an alert's offers on a worker thread", async () => {
    const offers = await pool.readOffers('LinkedIn', htmlEmail(linkedInCard(4012345678) + linkedInCard(4012345679)));

    expect(offers.map((offer) => [offer.key, offer.title, offer.company, offer.city])).toEqual([
      ['linkedin:4012345678', 'Data Engineer 4012345678', 'Acme', 'Lyon'],
      ['linkedin:4012345679', 'Data Engineer 4012345679', 'Acme', 'Lyon'],
    ]);
  });

  it('should set aside an email of 180,000 nested divs with the reason, the event loop free meanwhile', async () => {
    const raw = htmlEmail(nestedDivs(180_000, linkedInCard(4012345678)));
    let outcome: unknown;

    const stall = await longestStall(async () => {
      outcome = await pool.readOffers('LinkedIn', raw).catch((error: Error) => error.message);
    });

    expect(raw.byteLength).toBeLessThan(2 * 1024 * 1024);
    expect(outcome).toBe('HTML trop imbriqué (plus de 512 niveaux) : laissé dans la boîte.');
    expect(stall).toBeLessThan(1_000);
  });

  it('should set aside a page of 50,000 nested divs with the reason', async () => {
    const stall = await longestStall(async () => {
      await expect(pool.extractPage('https://www.example.com/offre', nestedPage(50_000), now)).resolves.toEqual({
        kind: 'ignored',
        reason: 'HTML trop imbriqué (plus de 512 niveaux)',
      });
    });

    expect(stall).toBeLessThan(1_000);
  });

  it("should extract a page's text", async () => {
    const page = `<html><body><main>${'<p>Nous recrutons une personne pour notre équipe data à Lyon.</p>'.repeat(8)}</main></body></html>`;

    await expect(pool.extractPage('https://www.example.com/offre', page, now)).resolves.toMatchObject({
      kind: 'found',
      text: expect.stringContaining('équipe data'),
    });
  });

  it('should say why an email cannot be read (MIME, size)', async () => {
    await expect(pool.readOffers('LinkedIn', Buffer.alloc(3 * 1024 * 1024, 65))).rejects.toThrow(/Email trop volumineux/);
    await expect(pool.readOffers('LinkedIn', htmlEmail('<p>Rien ici</p>'))).resolves.toEqual([]);
  });

  it(`should read an alert of ${MAX_OFFERS_PER_EMAIL} offers, and set aside one of more`, async () => {
    const cards = (count: number): string => Array.from({ length: count }, (_unused, index) => linkedInCard(4_000_000_000 + index)).join('');

    await expect(pool.readOffers('LinkedIn', htmlEmail(cards(MAX_OFFERS_PER_EMAIL)))).resolves.toHaveLength(MAX_OFFERS_PER_EMAIL);
    await expect(pool.readOffers('LinkedIn', htmlEmail(cards(MAX_OFFERS_PER_EMAIL + 1)))).rejects.toThrow(
      `Email trop chargé (${MAX_OFFERS_PER_EMAIL + 1} offres, limite ${MAX_OFFERS_PER_EMAIL}) : laissé dans la boîte.`,
    );
  });

  it('should leave no timer behind once its tasks are done', async () => {
    const before = timers();

    await pool.readOffers('LinkedIn', htmlEmail(linkedInCard(4012345678)));
    await pool.extractPage('https://www.example.com/offre', nestedPage(3), now);

    expect(timers()).toBeLessThanOrEqual(before);
  });
});

describe('The parse time limit', () => {
  it('should stop a task busy past the limit, say so, and go on with a fresh worker', async () => {
    const pool = createParsePool({ timeLimitMs: 300, threads: 1 });
    const cards = Array.from({ length: 10_000 }, (_unused, index) => linkedInCard(4_000_000_000 + index)).join('');
    try {
      await expect(pool.readOffers('LinkedIn', htmlEmail(cards))).rejects.toThrow('Email trop complexe à lire (plus de 300 ms) : laissé dans la boîte.');
      await expect(
        pool.extractPage('https://www.example.com/offre', `<html><body>${'<div><p>Texte</p></div>'.repeat(200_000)}</body></html>`, now),
      ).resolves.toEqual({
        kind: 'ignored',
        reason: 'Page trop complexe à lire (plus de 300 ms)',
      });

      await expect(pool.readOffers('LinkedIn', htmlEmail(linkedInCard(4012345678)))).resolves.toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});
