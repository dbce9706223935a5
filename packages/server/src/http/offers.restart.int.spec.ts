import path from 'node:path';
import { STATUS, type StateView } from '@veille/domain';
import { freshDataDir, runEnded, startTestApp } from '../../test/harness';
import { listOffers, postJson, setStatus, stateOf } from '../../test/offersApi';
import { openDatabase } from '../adapters/sqlite/connection';
import type { Veille } from '../compose/startVeille';

/** The SQLite file's own counts, read without Veille: source → status → offers. */
function fileCounts(dataDir: string): Map<string, Map<string, number>> {
  const db = openDatabase(path.join(dataDir, 'veille.sqlite'), { readOnly: true });
  try {
    const rows = db.prepare('SELECT source, status, count(*) AS n FROM offers GROUP BY source, status').all() as {
      source: string;
      status: string;
      n: number;
    }[];
    const counts = new Map<string, Map<string, number>>();
    for (const { source, status, n } of rows) counts.set(source, (counts.get(source) ?? new Map<string, number>()).set(status, n));
    return counts;
  } finally {
    db.close();
  }
}

/** The table's non-zero counts, in the same shape. */
function tableCounts({ table }: StateView): Map<string, Map<string, number>> {
  return new Map(table.rows.filter((row) => row.total > 0).map((row) => [row.source, new Map(Object.entries(row.counts).filter(([, count]) => count > 0))]));
}

describe('A status set from the API on SQLite, when Veille restarts', () => {
  let app: Veille | undefined;
  let dataDir: string;
  let cleanup: () => void;

  beforeAll(() => {
    ({ dir: dataDir, cleanup } = freshDataDir());
  });

  afterAll(async () => {
    await app?.close();
    cleanup();
  });

  it('should still be there after the restart, and the table should count what the file holds', async () => {
    app = await startTestApp(dataDir);
    await postJson(app, '/api/runs', {});
    const first = await runEnded(app.deps.bus);
    const [applied, alsoApplied, rejected] = [...first.offers.values()].filter((offer) => offer.status === STATUS.toProcess);
    const marked = await setStatus(app, [applied.id, alsoApplied.id], STATUS.applied);
    const refused = await setStatus(app, [rejected.id], STATUS.rejected);
    const before = await stateOf(app);
    await app.close();
    app = undefined;
    const inFile = fileCounts(dataDir);

    app = await startTestApp(dataDir);
    const after = await stateOf(app);
    const { body: appliedAfter } = await listOffers(app, [['status', STATUS.applied]]);
    const { body: rejectedAfter } = await listOffers(app, [['status', STATUS.rejected]]);

    expect([marked.status, refused.status]).toEqual([200, 200]);
    expect(appliedAfter.items.map((item) => item.id).sort()).toEqual([applied.id, alsoApplied.id].sort());
    expect(rejectedAfter.items.map((item) => item.id)).toEqual([rejected.id]);
    expect(inFile.get(applied.source)?.get(STATUS.applied)).toBeGreaterThan(0);
    expect(tableCounts(after)).toEqual(inFile);
    expect(after.table.totals.counts).toEqual(before.table.totals.counts);
  }, 60_000);
});
