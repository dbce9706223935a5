import { startWatchedBase, type WatchedBase } from '../../test/watchedBase';

const OFFERS = 1_000;

/** "Mise à jour" on Airtable after the first load: what changed, through the base's webhook, at the cost of the change. */
describe('Refreshing the table from what changed in Airtable', () => {
  let base: WatchedBase;

  afterEach(async () => {
    await base.close();
  });

  const changeByHand = async () => {
    const [deleted, ...edited] = base.ids.slice(0, 6);
    for (const [index, id] of edited.entries()) base.fake.edit('Offres', id, index === 0 ? { Poste: 'Renommé à la main' } : { Statut: 'Candidaté' });
    await base.destroy(deleted);
    return { deleted, edited };
  };

  it('should read 5 records changed by hand and 1 deleted in at most 3 calls, the table then equal to the base', async () => {
    base = await startWatchedBase(OFFERS);
    const store = base.start();
    await base.refresh(store);
    const { deleted, edited } = await changeByHand();
    base.fake.resetLog();

    await base.refresh(store);

    expect(base.fake.log.length).toBeLessThanOrEqual(3);
    expect(base.fake.count('list')).toBe(1);
    const { held, stored } = await base.compare();
    expect(held).toEqual(stored);
    expect(held).toHaveLength(OFFERS - 1);
    expect(base.bus.current().offers.has(deleted)).toBe(false);
    expect(base.bus.current().offers.get(edited[1])?.status).toBe('Candidaté');
    expect(base.bus.current().offers.get(edited[0])?.title).toBe('Renommé à la main');
  });

  it('should cost one call when nothing changed (the payloads), which keeps the webhook from expiring as Airtable documents', async () => {
    base = await startWatchedBase(10);
    const store = base.start();
    await base.refresh(store);
    const [{ expirationTime }] = base.fake.webhooks();
    expect(store.refreshNote()).toBeUndefined();
    const later = Date.now() + 6 * 24 * 3_600_000;
    base.fake.setClock(() => later);
    base.fake.resetLog();

    await base.refresh(store);

    expect(base.fake.log.map((entry) => `${entry.method} ${entry.path.split('/').slice(5).join('/')}`)).toEqual([
      expect.stringMatching(/^GET ach\w+\/payloads$/),
    ]);
    expect(Date.parse(base.fake.webhooks()[0].expirationTime)).toBeGreaterThan(Date.parse(expirationTime));
  });

  it('should keep the same webhook and its cursor across a restart, leaving none behind', async () => {
    base = await startWatchedBase(50);
    await base.refresh(base.start());
    const [kept] = base.fake.webhooks();

    const restarted = base.start();
    base.fake.edit('Offres', base.ids[2], { Statut: 'Refusé' });
    // Its webhook is kept, but what it says is news only to the projection built on this store's own first load.
    expect(await restarted.changes?.()).toBeUndefined();
    await base.refresh(restarted);
    base.fake.edit('Offres', base.ids[3], { Statut: 'Refusé' });
    base.fake.resetLog();
    await base.refresh(restarted);

    expect(base.fake.webhooks().map((hook) => hook.id)).toEqual([kept.id]);
    expect(base.fake.log.length).toBeLessThanOrEqual(3);
    expect(base.bus.current().offers.get(base.ids[3])?.status).toBe('Refusé');
  });

  it.each([
    ['expired', (watched: WatchedBase) => Promise.resolve(watched.fake.expireWebhooks())],
    ['been deleted', (watched: WatchedBase) => deleteAll(watched)],
  ])('should load the whole base when the webhook has %s, say so in the log, and watch again', async (_what, lose) => {
    base = await startWatchedBase(OFFERS);
    const store = base.start();
    await base.refresh(store);
    await lose(base);
    await changeByHand();
    base.fake.resetLog();

    await base.refresh(store);

    expect(base.fake.count('list')).toBeGreaterThanOrEqual(Math.ceil(OFFERS / 100));
    expect(base.lines.some((line) => line.includes('webhook expired or was deleted') && line.includes('loads the whole base'))).toBe(true);
    const { held, stored } = await base.compare();
    expect(held).toEqual(stored);
    base.fake.edit('Offres', base.ids[10], { Statut: 'Refusé' });
    base.fake.resetLog();
    await base.refresh(store);
    expect(base.fake.log.length).toBeLessThanOrEqual(3);
    expect(base.bus.current().offers.get(base.ids[10])?.status).toBe('Refusé');
  });

  it('should load the whole base each time with a token that cannot manage webhooks, and say so once', async () => {
    base = await startWatchedBase(120, { withoutWebhookScope: true });
    const store = base.start();
    await base.refresh(store);
    await changeByHand();
    base.fake.resetLog();

    await base.refresh(store);
    await base.refresh(store);

    expect(base.fake.count('list')).toBe(2 * (1 + 2));
    expect(base.fake.count('webhook')).toBe(0);
    expect(base.lines.filter((line) => line.includes('webhook:manage'))).toHaveLength(1);
    expect(store.refreshNote()).toMatch(/webhook:manage.*relit toute la base/);
    const { held, stored } = await base.compare();
    expect(held).toEqual(stored);
  });
});

/** The webhooks deleted through the API, as another tool (or the user) would. */
async function deleteAll(watched: WatchedBase): Promise<void> {
  for (const hook of watched.fake.webhooks()) {
    await fetch(`${watched.fake.url}/v0/bases/${watched.fake.baseId}/webhooks/${hook.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${watched.fake.apiKey}` },
    });
  }
}
