import Airtable from 'airtable';
import { startFakeAirtable, type FakeAirtable } from '.';

/** The fake, through the official package, answers what Airtable answers. */
describe('Fake Airtable', () => {
  let fake: FakeAirtable;
  let base: Airtable.Base;
  let meta: Airtable.Base;

  const prepare = async () => {
    await meta.makeRequest({
      method: 'POST',
      path: '/tables',
      body: {
        name: 'Items',
        fields: [
          { name: 'Name', type: 'singleLineText' },
          { name: 'Status', type: 'singleSelect', options: { choices: [{ name: 'Todo' }, { name: 'Done' }] } },
          { name: 'Score', type: 'number', options: { precision: 0 } },
        ],
      },
    });
  };

  beforeEach(async () => {
    fake = await startFakeAirtable({ requestsPerSecond: 1_000 });
    const airtable = new Airtable({ apiKey: fake.apiKey, endpointUrl: fake.url, noRetryIfRateLimited: true });
    base = airtable.base(fake.baseId);
    meta = airtable.base(`meta/bases/${fake.baseId}`);
    await prepare();
  });

  afterEach(async () => {
    await fake.close();
  });

  it('should refuse more than 10 records per write', async () => {
    const records = Array.from({ length: 11 }, (_unused, index) => ({ fields: { Name: `n${index}` } }));

    await expect(base('Items').create(records)).rejects.toMatchObject({ statusCode: 422, error: 'INVALID_RECORDS' });
  });

  it('should page by 100 with offsets, and refuse an expired offset', async () => {
    for (let start = 0; start < 250; start += 10)
      await base('Items').create(Array.from({ length: 10 }, (_unused, index) => ({ fields: { Name: `n${start + index}` } })));
    fake.resetLog();

    const all = await base('Items')
      .select({ pageSize: 100, fields: ['Name'] })
      .all();
    const first = await base.makeRequest({ path: '/Items', qs: { pageSize: 100 } });
    fake.expireOffsets();

    expect(all).toHaveLength(250);
    expect(fake.count('list')).toBe(3 + 1);
    await expect(base.makeRequest({ path: '/Items', qs: { offset: (first.body as { offset: string }).offset } })).rejects.toMatchObject({
      statusCode: 422,
      error: 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE',
    });
  });

  it('should filter by formula, over GET or over POST listRecords for a long one', async () => {
    const created = await base('Items').create([{ fields: { Name: 'a' } }, { fields: { Name: 'b' } }, { fields: { Name: 'c' } }]);
    const padding = Array.from({ length: 600 }, (_unused, index) => `RECORD_ID()='recPadding${String(index).padStart(5, '0')}'`);
    fake.resetLog();

    const short = await base('Items')
      .select({ filterByFormula: `OR(RECORD_ID()='${created[0].id}',{Name}='c')` })
      .all();
    const long = await base('Items')
      .select({ filterByFormula: `OR(${[...padding, `RECORD_ID()='${created[1].id}'`].join(',')})` })
      .all();

    expect(short.map((record) => record.get('Name'))).toEqual(['a', 'c']);
    expect(long.map((record) => record.get('Name'))).toEqual(['b']);
    expect(fake.log.map((entry) => `${entry.method} ${entry.path.split('/').slice(3).join('/')}`)).toEqual(['GET Items', 'POST Items/listRecords']);
  });

  it('should refuse unknown fields and unknown choices without typecast', async () => {
    await expect(base('Items').create([{ fields: { Nom: 'x' } }])).rejects.toMatchObject({ statusCode: 422, error: 'UNKNOWN_FIELD_NAME' });
    await expect(base('Items').create([{ fields: { Status: 'Later' } }])).rejects.toMatchObject({ statusCode: 422, error: 'INVALID_MULTIPLE_CHOICE_OPTIONS' });
    await base('Items').create([{ fields: { Status: 'Later' } }], { typecast: true });

    const { tables } = (await meta.makeRequest({ path: '/tables' })).body as {
      tables: { fields: { name: string; options?: { choices?: { name: string }[] } }[] }[];
    };
    expect(tables[0].fields[1].options?.choices?.map((choice) => choice.name)).toEqual(['Todo', 'Done', 'Later']);
  });

  it('should upsert on the merge fields, telling created from updated', async () => {
    await base('Items').create([{ fields: { Name: 'a', Score: 1 } }]);

    const answer = await base.makeRequest({
      method: 'PATCH',
      path: '/Items',
      body: { records: [{ fields: { Name: 'a', Score: 2 } }, { fields: { Name: 'b', Score: 3 } }], performUpsert: { fieldsToMergeOn: ['Name'] } },
    });

    const { createdRecords, updatedRecords } = answer.body as { createdRecords: unknown[]; updatedRecords: unknown[] };
    expect(createdRecords).toHaveLength(1);
    expect(updatedRecords).toHaveLength(1);
    expect(fake.records('Items').map((record) => record.fields)).toEqual([
      { Name: 'a', Score: 2 },
      { Name: 'b', Score: 3 },
    ]);
    expect(fake.count('upsert')).toBe(1);
  });

  it('should answer 429 past 5 requests in a second, then for the whole penalty', async () => {
    await fake.close();
    fake = await startFakeAirtable({ penaltyMs: 400 });
    base = new Airtable({ apiKey: fake.apiKey, endpointUrl: fake.url, noRetryIfRateLimited: true }).base(fake.baseId);
    meta = new Airtable({ apiKey: fake.apiKey, endpointUrl: fake.url, noRetryIfRateLimited: true }).base(`meta/bases/${fake.baseId}`);
    await prepare();
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const burst = await Promise.allSettled(Array.from({ length: 7 }, () => base('Items').select().firstPage()));
    const during = await base('Items')
      .select()
      .firstPage()
      .catch((error: { statusCode: number }) => error.statusCode);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await base('Items').select().firstPage();

    expect(burst.filter((outcome) => outcome.status === 'rejected')).toHaveLength(2);
    expect(during).toBe(429);
    expect(after).toEqual([]);
  });

  it('should refuse a wrong key and answer injected faults', async () => {
    const stranger = new Airtable({ apiKey: 'patWrong', endpointUrl: fake.url, noRetryIfRateLimited: true }).base(fake.baseId);
    fake.inject({ status: 503 });

    await expect(stranger('Items').select().firstPage()).rejects.toMatchObject({ statusCode: 401 });
    await expect(base('Items').select().firstPage()).rejects.toMatchObject({ statusCode: 503 });
    await expect(base('Items').select().firstPage()).resolves.toEqual([]);
  });
});
