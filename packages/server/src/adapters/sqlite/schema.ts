import type { Database } from 'better-sqlite3';

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
];

export const migrate = (db: Database): void => {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let next = version; next < MIGRATIONS.length; next += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
};
