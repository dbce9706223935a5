import Airtable from 'airtable';
import { startFakeAirtable, type FakeAirtable } from '.';

type PayloadPage = {
  cursor: number;
  mightHaveMore: boolean;
  payloads: { baseTransactionNumber: number; changedTablesById: Record<string, Record<string, Record<string, unknown> | string[]>> }[];
};

/** The fake's webhooks, through the official package's generic request, answer what Airtable documents. */
describe('Fake Airtable webhooks', () => {
  let fake: FakeAirtable;
  let base: Airtable.Base;
  let hooks: Airtable.Base;
  let tableId: string;
  let fieldIds: Record<string, string>;

  beforeEach(async () => {
    fake = await startFakeAirtable({ requestsPerSecond: 1_000 });
    const airtable = new Airtable({ apiKey: fake.apiKey, endpointUrl: fake.url, noRetryIfRateLimited: true });
    base = airtable.base(fake.baseId);
    hooks = airtable.base(`bases/${fake.baseId}`);
    const { body } = await airtable.base(`meta/bases/${fake.baseId}`).makeRequest({
      method: 'POST',
      path: '/tables',
      body: {
        name: 'Items',
        fields: [
          { name: 'Name', type: 'singleLineText' },
          { name: 'Note', type: 'singleLineText' },
        ],
      },
    });
    const table = body as { id: string; fields: { id: string; name: string }[] };
    tableId = table.id;
    fieldIds = Object.fromEntries(table.fields.map((field) => [field.name, field.id]));
  });

  afterEach(async () => {
    await fake.close();
  });

  const createHook = async (): Promise<string> => {
    const { body } = await hooks.makeRequest({
      method: 'POST',
      path: '/webhooks',
      body: { specification: { options: { filters: { dataTypes: ['tableData'], watchDataInFieldIds: [fieldIds.Name] } } } },
    });
    return (body as { id: string }).id;
  };

  const payloads = async (id: string, cursor: number): Promise<PayloadPage> =>
    (await hooks.makeRequest({ path: `/webhooks/${id}/payloads`, qs: { cursor } })).body as PayloadPage;

  it('should list what changed since a cursor: records created, changed (watched fields only) and destroyed, through the API or by hand', async () => {
    const id = await createHook();
    const [first, second] = await base('Items').create([{ fields: { Name: 'a' } }, { fields: { Name: 'b' } }]);
    await base('Items').update([{ id: first.id, fields: { Name: 'A' } }]);
    await base('Items').update([{ id: first.id, fields: { Note: 'unwatched' } }]);
    await base('Items').destroy([second.id]);
    fake.edit('Items', first.id, { Name: 'by hand' });

    const page = await payloads(id, 1);

    expect(page.mightHaveMore).toBe(false);
    expect(page.cursor).toBe(5);
    const changes = page.payloads.map((payload) => payload.changedTablesById[tableId]);
    expect(Object.keys(changes[0].createdRecordsById)).toEqual([first.id, second.id]);
    expect(changes[1].changedRecordsById).toEqual({ [first.id]: { current: { cellValuesByFieldId: { [fieldIds.Name]: 'A' } } } });
    expect(changes[2].destroyedRecordIds).toEqual([second.id]);
    expect(changes[3].changedRecordsById).toEqual({ [first.id]: { current: { cellValuesByFieldId: { [fieldIds.Name]: 'by hand' } } } });
    expect(page.payloads.map((payload) => payload.baseTransactionNumber)).toEqual(
      [...page.payloads.map((payload) => payload.baseTransactionNumber)].sort((a, b) => a - b),
    );
    expect(await payloads(id, page.cursor)).toEqual({ cursor: 5, mightHaveMore: false, payloads: [] });
    expect(fake.webhooks()[0].cursorForNextPayload).toBe(5);
  });

  it('should page payloads by 50 with mightHaveMore', async () => {
    const id = await createHook();
    for (let index = 0; index < 60; index += 1) fake.insert('Items', [{ Name: `n${index}` }]);

    const first = await payloads(id, 1);
    const second = await payloads(id, first.cursor);

    expect([first.payloads.length, first.cursor, first.mightHaveMore]).toEqual([50, 51, true]);
    expect([second.payloads.length, second.cursor, second.mightHaveMore]).toEqual([10, 61, false]);
    expect(fake.count('webhook')).toBe(3);
  });

  it('should extend a webhook by 7 days on refresh, and forget it once expired or deleted', async () => {
    const id = await createHook();
    const later = Date.now() + 6 * 24 * 3_600_000;
    fake.setClock(() => later);

    const { body } = await hooks.makeRequest({ method: 'POST', path: `/webhooks/${id}/refresh` });
    fake.setClock(() => later + 6 * 24 * 3_600_000);

    expect(Date.parse((body as { expirationTime: string }).expirationTime)).toBe(later + 7 * 24 * 3_600_000);
    await expect(payloads(id, 1)).resolves.toMatchObject({ payloads: [] });
    fake.expireWebhooks();
    await expect(payloads(id, 1)).rejects.toMatchObject({ statusCode: 404 });
    expect(fake.webhooks()).toEqual([]);
    const other = await createHook();
    await hooks.makeRequest({ method: 'DELETE', path: `/webhooks/${other}` });
    await expect(hooks.makeRequest({ method: 'POST', path: `/webhooks/${other}/refresh` })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('should extend a webhook by 7 days when its payloads are listed, as Airtable documents', async () => {
    const id = await createHook();
    const later = Date.now() + 6 * 24 * 3_600_000;
    fake.setClock(() => later);

    await payloads(id, 1);
    fake.setClock(() => later + 6 * 24 * 3_600_000);

    expect(Date.parse(fake.webhooks()[0].expirationTime)).toBe(later + 7 * 24 * 3_600_000);
    await expect(payloads(id, 1)).resolves.toMatchObject({ payloads: [] });
  });

  it('should refuse a specification without data types, and let a valid one through', async () => {
    await expect(hooks.makeRequest({ method: 'POST', path: '/webhooks', body: { specification: { options: { filters: {} } } } })).rejects.toMatchObject({
      statusCode: 422,
    });
    await expect(createHook()).resolves.toMatch(/^ach[A-Za-z0-9]{14}$/);
  });
});
