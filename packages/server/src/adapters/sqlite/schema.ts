import { z } from 'zod';
import { transaction, type Database } from './connection';

/** Each entry moves the schema one version up; PRAGMA user_version says where a file stands. */
const MIGRATIONS = [
  `CREATE TABLE sources (
     sender TEXT PRIMARY KEY,
     board TEXT NOT NULL,
     import_on INTEGER NOT NULL,
     enrich_on INTEGER NOT NULL,
     analyse_on INTEGER NOT NULL
   );
   CREATE TABLE offers (
     id TEXT PRIMARY KEY,
     key TEXT NOT NULL UNIQUE,
     source TEXT NOT NULL REFERENCES sources(sender),
     url TEXT NOT NULL,
     text TEXT NOT NULL DEFAULT '',
     title TEXT NOT NULL DEFAULT '',
     company TEXT NOT NULL DEFAULT '',
     city TEXT NOT NULL DEFAULT '',
     department TEXT NOT NULL DEFAULT '',
     salary TEXT NOT NULL DEFAULT '',
     offer_date TEXT NOT NULL DEFAULT '',
     added_at TEXT NOT NULL,
     status TEXT NOT NULL,
     reason TEXT NOT NULL DEFAULT '',
     analysis TEXT
   );
   CREATE INDEX offers_source ON offers(source);`,
  // Whether an offer holds a text, kept beside it: the projection's load never reads the texts themselves.
  `ALTER TABLE offers ADD COLUMN has_text INTEGER NOT NULL DEFAULT 0;
   UPDATE offers SET has_text = (text != '');`,
  // One job, one offer: where its page says the job lives, and the offer kept when this one is a duplicate.
  `ALTER TABLE offers ADD COLUMN canonical TEXT NOT NULL DEFAULT '';
   ALTER TABLE offers ADD COLUMN duplicate_of TEXT NOT NULL DEFAULT '';`,
  // "Mise à jour" reads what changed since its last look: every write bumps the counter, by Veille
  // or by hand (`sqlite3` runs the same triggers), deletions included. AUTOINCREMENT never reuses a number.
  `CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, row_key TEXT NOT NULL);
   CREATE TRIGGER offers_inserted AFTER INSERT ON offers BEGIN INSERT INTO changes (tbl, row_key) VALUES ('offers', NEW.id); END;
   CREATE TRIGGER offers_updated AFTER UPDATE ON offers BEGIN
     INSERT INTO changes (tbl, row_key) VALUES ('offers', NEW.id);
     INSERT INTO changes (tbl, row_key) SELECT 'offers', OLD.id WHERE OLD.id != NEW.id;
   END;
   CREATE TRIGGER offers_deleted AFTER DELETE ON offers BEGIN INSERT INTO changes (tbl, row_key) VALUES ('offers', OLD.id); END;
   CREATE TRIGGER sources_inserted AFTER INSERT ON sources BEGIN INSERT INTO changes (tbl, row_key) VALUES ('sources', NEW.sender); END;
   CREATE TRIGGER sources_updated AFTER UPDATE ON sources BEGIN
     INSERT INTO changes (tbl, row_key) VALUES ('sources', NEW.sender);
     INSERT INTO changes (tbl, row_key) SELECT 'sources', OLD.sender WHERE OLD.sender != NEW.sender;
   END;
   CREATE TRIGGER sources_deleted AFTER DELETE ON sources BEGIN INSERT INTO changes (tbl, row_key) VALUES ('sources', OLD.sender); END;`,
  // The texts in a table of their own: kept in the offer's row (3 KB and more), they spread every
  // row over overflow pages, and a load of 100,000 offers walked 300 MB to read none of them. An
  // offer deleted, by Veille or by hand, takes its text with it.
  `CREATE TABLE offer_texts (id TEXT PRIMARY KEY, text TEXT NOT NULL);
   INSERT INTO offer_texts (id, text) SELECT id, text FROM offers WHERE text != '';
   ALTER TABLE offers DROP COLUMN text;
   CREATE TRIGGER offer_texts_deleted AFTER DELETE ON offers BEGIN DELETE FROM offer_texts WHERE id = OLD.id; END;`,
];

const versionRow = z.object({ user_version: z.number().int().nonnegative() });

export function schemaVersion(db: Database): number {
  return versionRow.parse(db.prepare('PRAGMA user_version').get()).user_version;
}

/** Moves the file's schema up to `target` (the latest unless a test stops it at an older one). */
export function migrate(db: Database, target = MIGRATIONS.length): void {
  for (let next = schemaVersion(db); next < target; next += 1) {
    transaction(db, () => {
      db.exec(MIGRATIONS[next]);
      db.exec(`PRAGMA user_version = ${next + 1}`);
    });
  }
}
