import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INDEED, indeedOffer } from '../../../test/newOffers';
import { describeOfferStoreContract } from '../../../test/storeContract';
import { availabilityOf } from '../../core/sources';
import { openSqliteStore } from '.';
import { openDatabase } from './connection';

const tempFile = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veille-sqlite-'));
  return { file: path.join(dir, 'veille.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

describeOfferStoreContract('SQLite', () => {
  const { file, remove } = tempFile();
  const store = openSqliteStore(file, availabilityOf);
  // Another connection to the same file, as `sqlite3 veille.sqlite` would be.
  const byHand = (sql: string, ...values: string[]) => {
    const db = openDatabase(file);
    db.prepare(sql).run(...values);
    db.close();
  };
  return Promise.resolve({
    store,
    byHand: {
      setStatus: (id: string, status: string) => byHand('UPDATE offers SET status = ? WHERE id = ?', status, id),
      remove: (id: string) => byHand('DELETE FROM offers WHERE id = ?', id),
    },
    cleanup: async () => (await store.close(), remove()),
  });
});

describe('SQLite store file', () => {
  it('should keep everything across a reopen', async () => {
    const { file, remove } = tempFile();
    const store = openSqliteStore(file, availabilityOf);
    await store.addSources([INDEED]);
    await store.saveOffers([
      {
        key: 'indeed:1',
        source: 'alert@indeed.com',
        url: 'https://fr.indeed.com/viewjob?jk=1',
        title: 'Data',
        company: '',
        city: '',
        department: '',
        salary: '',
        offerDate: '',
      },
    ]);
    await store.close();

    const reopened = openSqliteStore(file, availabilityOf);
    const snapshot = await reopened.load();
    await reopened.close();
    remove();

    expect(snapshot.sources).toHaveLength(1);
    expect(snapshot.offers).toHaveLength(1);
  });
});

// Under CI the command line is installed (.ci/run), so the test runs, and fails if it is missing.
const hasSqlite3 = !!process.env.CI || spawnSync('sqlite3', ['-version']).status === 0;
if (!hasSqlite3) process.stderr.write('SKIPPED: the sqlite3 command line is not installed; edits by hand are tested through another connection only\n');

describe('SQLite changes since the last look', () => {
  const offer = indeedOffer;

  (hasSqlite3 ? it : it.skip)('should see what the sqlite3 command line changed and deleted in the file', async () => {
    const { file, remove } = tempFile();
    const store = openSqliteStore(file, availabilityOf);
    await store.addSources([INDEED]);
    const [edited, deleted] = await store.saveOffers([offer(1), offer(2), offer(3)]);
    await store.load();

    execFileSync('sqlite3', [
      file,
      `UPDATE offers SET status = 'Refusé', title = 'À la main' WHERE id = '${edited.id}'; DELETE FROM offers WHERE id = '${deleted.id}';`,
    ]);
    const changes = await store.changes();
    await store.close();
    remove();

    expect(changes).toEqual({ sources: [], offers: [expect.objectContaining({ id: edited.id, status: 'Refusé', title: 'À la main' })], removed: [deleted.id] });
  });

  it('should read the changes by the counter and the rows by their ids, never scanning the offers', async () => {
    const { file, remove } = tempFile();
    await openSqliteStore(file, availabilityOf).close();
    const db = openDatabase(file);
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((row) => (row as { detail: string }).detail)
        .join(' | ');

    const changesPlan = plan('SELECT seq, tbl, row_key FROM changes WHERE seq > 5 ORDER BY seq');
    const rowsPlan = plan("SELECT id FROM offers WHERE id IN ('a', 'b') ORDER BY rowid");
    db.close();
    remove();

    expect(changesPlan).toMatch(/SEARCH changes USING INTEGER PRIMARY KEY/);
    expect(rowsPlan).toMatch(/SEARCH offers USING (COVERING )?INDEX sqlite_autoindex_offers_1 \(id=\?\)/);
    expect(`${changesPlan} ${rowsPlan}`).not.toMatch(/SCAN (changes|offers)\b/);
  });
});
