import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    const on = { import: true, enrich: true, analyse: true };
    await store.addSources([{ sender: 'alert@indeed.com', board: 'Indeed', activation: on, available: on }]);
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
