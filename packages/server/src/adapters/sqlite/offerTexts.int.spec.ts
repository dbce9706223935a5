import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STATUS } from '@veille/domain';
import { availabilityOf } from '../../core/sources';
import { openSqliteStore } from '.';
import { openDatabase } from './connection';
import { migrate } from './schema';
import { INDEED, indeedOffer } from '../../../test/newOffers';

const { sender } = INDEED;

describe('SQLite offer texts', () => {
  let dir: string;
  let file: string;
  const columnsOfOffers = (): string[] => {
    const db = openDatabase(file);
    const names = db
      .prepare('PRAGMA table_info(offers)')
      .all()
      .map((row) => (row as { name: string }).name);
    db.close();
    return names;
  };
  // Another connection to the same file, as `sqlite3 veille.sqlite` would be.
  const byHand = (sql: string, ...values: string[]): void => {
    const db = openDatabase(file);
    db.prepare(sql).run(...values);
    db.close();
  };
  const textRows = (): unknown => {
    const db = openDatabase(file, { readOnly: true });
    const rows = db.prepare('SELECT id, text FROM offer_texts ORDER BY id').all();
    db.close();
    return rows.map((row) => ({ ...(row as object), _metadata: undefined }));
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille-texts-'));
    file = path.join(dir, 'veille.sqlite');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('Given a file written while the texts lived in the offers’ rows', () => {
    it('should keep every text in their own table, and the offers without one without', async () => {
      const old = openDatabase(file);
      migrate(old, 4);
      old.exec(`INSERT INTO sources (sender, board, import_on, enrich_on, analyse_on) VALUES ('${sender}', 'Indeed', 1, 1, 1)`);
      const insert = old.prepare(
        "INSERT INTO offers (id, key, source, url, text, has_text, added_at, status) VALUES (?, ?, ?, 'https://fr.indeed.com/viewjob', ?, ?, '2026-11-24', ?)",
      );
      insert.run('recWithText', 'indeed:1', sender, 'Le texte complet', 1, STATUS.toAnalyse);
      insert.run('recWithout', 'indeed:2', sender, '', 0, STATUS.toComplete);
      old.close();

      const store = openSqliteStore(file, availabilityOf);
      const records = await store.readOffers(['recWithText', 'recWithout']);
      const snapshot = await store.load();
      await store.close();

      expect(columnsOfOffers()).not.toContain('text');
      expect(textRows()).toEqual([{ id: 'recWithText', text: 'Le texte complet' }]);
      expect(records.map(({ id, text }) => ({ id, text }))).toEqual(
        expect.arrayContaining([
          { id: 'recWithText', text: 'Le texte complet' },
          { id: 'recWithout', text: '' },
        ]),
      );
      expect(records).toHaveLength(2);
      expect(snapshot.offers.map(({ id, hasText }) => ({ id, hasText }))).toEqual([
        { id: 'recWithText', hasText: true },
        { id: 'recWithout', hasText: false },
      ]);
    });
  });

  describe('Given offers with a text', () => {
    const withTexts = async () => {
      const store = openSqliteStore(file, availabilityOf);
      await store.addSources([INDEED]);
      const [first, second] = await store.saveOffers([indeedOffer(1), indeedOffer(2)]);
      await store.updateOffers([
        { id: first.id, patch: { status: STATUS.toAnalyse, text: 'Premier texte' } },
        { id: second.id, patch: { status: STATUS.toAnalyse, text: 'Second texte' } },
      ]);
      return { store, first, second };
    };

    it('should replace a text, and forget one set to empty with the offer saying it has none', async () => {
      const { store, first, second } = await withTexts();

      await store.updateOffers([
        { id: first.id, patch: { status: STATUS.toAnalyse, text: 'Texte relu' } },
        { id: second.id, patch: { status: STATUS.toComplete, text: '' } },
      ]);
      const records = await store.readOffers([first.id, second.id]);
      const snapshot = await store.load();
      await store.close();

      expect(textRows()).toEqual([{ id: first.id, text: 'Texte relu' }]);
      expect(records.map(({ id, text }) => ({ id, text }))).toEqual(
        expect.arrayContaining([
          { id: first.id, text: 'Texte relu' },
          { id: second.id, text: '' },
        ]),
      );
      expect(records).toHaveLength(2);
      expect(snapshot.offers.map(({ id, hasText }) => ({ id, hasText }))).toEqual([
        { id: first.id, hasText: true },
        { id: second.id, hasText: false },
      ]);
    });

    it('should drop the text of an offer deleted by hand, and keep the others’', async () => {
      const { store, first, second } = await withTexts();

      byHand('DELETE FROM offers WHERE id = ?', first.id);
      const records = await store.readOffers([first.id, second.id]);
      await store.close();

      expect(textRows()).toEqual([{ id: second.id, text: 'Second texte' }]);
      expect(records.map(({ id, text }) => ({ id, text }))).toEqual([{ id: second.id, text: 'Second texte' }]);
    });
  });

  describe('Given a row changed by hand', () => {
    it('should load a row whose columns hold what the schema says', async () => {
      const store = openSqliteStore(file, availabilityOf);
      await store.addSources([INDEED]);
      const [offer] = await store.saveOffers([indeedOffer(1)]);

      byHand("UPDATE offers SET title = 'Titre saisi à la main' WHERE id = ?", offer.id);
      const snapshot = await store.load();
      await store.close();

      expect(snapshot.offers).toEqual([expect.objectContaining({ id: offer.id, title: 'Titre saisi à la main' })]);
    });

    it('should refuse to load a row whose column holds another type, naming the column', async () => {
      const store = openSqliteStore(file, availabilityOf);
      await store.addSources([INDEED]);
      const [offer] = await store.saveOffers([indeedOffer(1)]);

      byHand("UPDATE offers SET title = x'00' WHERE id = ?", offer.id);
      const loading = store.load();

      await expect(loading).rejects.toThrow('la colonne title contient object');
      await store.close();
    });
  });
});
