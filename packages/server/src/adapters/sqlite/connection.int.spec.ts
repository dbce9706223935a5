import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, transaction, type Database } from './connection';

/** What `work` throws (undefined if nothing): its fields can then be matched with a typed matcher. */
const thrownBy = (work: () => unknown): unknown => {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('SQLite connection', () => {
  let dir: string;
  let file: string;
  let db: Database;

  beforeEach(() => {
    // A space and a percent sign: the read-only URI must still name this file.
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille sqlite %20-'));
    file = path.join(dir, 'veille.sqlite');
    db = openDatabase(file);
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE notes (body TEXT NOT NULL)');
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = (): unknown => db.prepare('SELECT count(*) AS n FROM notes').get();

  describe('Given a transaction', () => {
    it('should commit what its work wrote', () => {
      transaction(db, () => db.prepare('INSERT INTO notes VALUES (?)').run('a'));

      expect(count()).toMatchObject({ n: 1 });
    });

    it('should keep nothing and rethrow the error of a failed work', () => {
      const failing = () =>
        transaction(db, () => {
          db.prepare('INSERT INTO notes VALUES (?)').run('a');
          throw new Error('refusé');
        });

      expect(failing).toThrow('refusé');
      expect(count()).toMatchObject({ n: 0 });
      expect(db.inTransaction).toBe(false);
    });

    it('should report a full disk as SQLITE_FULL, even though SQLite already rolled back', () => {
      db.exec('PRAGMA max_page_count = 8');
      const insert = db.prepare('INSERT INTO notes VALUES (?)');

      const filling = () => transaction(db, () => Array.from({ length: 100 }, () => insert.run('x'.repeat(1_000))));

      expect(thrownBy(filling)).toMatchObject({ code: 'SQLITE_FULL' });
      expect(count()).toMatchObject({ n: 0 });
      expect(db.inTransaction).toBe(false);
    });
  });

  describe('Given a read-only connection', () => {
    it('should read what the writer committed', () => {
      db.prepare('INSERT INTO notes VALUES (?)').run('a');

      const reader = openDatabase(file, { readOnly: true });
      const rows = reader.prepare('SELECT body FROM notes').all();
      reader.close();

      expect(rows).toEqual([{ body: 'a' }]);
    });

    it('should refuse every write', () => {
      const reader = openDatabase(file, { readOnly: true });
      const writing = () => reader.exec("INSERT INTO notes VALUES ('b')");

      expect(thrownBy(writing)).toMatchObject({ code: 'SQLITE_READONLY' });
      reader.close();
      expect(count()).toMatchObject({ n: 0 });
    });
  });
});
