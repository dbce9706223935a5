import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { openDatabase, transaction } from '../../src/adapters/sqlite/connection';
import { availabilityOf } from '../../src/core/sources';
import { freshDataDir } from '../harness';
import { benchAnalysis, benchOffers, benchSources } from './offerSet';

const SOURCES = 40;

/** An offer's page as phase 2 keeps it: a few paragraphs, about 3,000 characters. */
const textOf = (index: number): string =>
  Array.from(
    { length: 12 },
    (_unused, paragraph) =>
      `Offre ${index}, paragraphe ${paragraph} : au sein d'une équipe data de huit personnes, vous concevez et maintenez les pipelines (Python, Airflow, dbt) ` +
      'et accompagnez les analystes sur la modélisation, en lien avec le produit.',
  ).join('\n\n');

export type SqliteDataDir = { readonly dir: string; readonly file: string; readonly ids: readonly string[]; cleanup(): void };

/**
 * A data dir as a year of use leaves it, for Veille to start on: `veille.sqlite` holding `count`
 * offers of 40 sources (the bench's offer set, with their texts and full analyses), an empty
 * mailbox, and the change counter pruned as Veille's own loads leave it.
 */
export async function sqliteDataDir(count: number): Promise<SqliteDataDir> {
  const { dir, cleanup } = freshDataDir();
  mkdirSync(path.join(dir, 'mailbox'), { recursive: true });
  const file = path.join(dir, 'veille.sqlite');
  const store = openSqliteStore(file, availabilityOf);
  const sources = benchSources(SOURCES);
  await store.addSources(sources);
  await store.close();

  const offers = benchOffers(count, sources);
  const db = openDatabase(file);
  transaction(db, () => {
    const insert = db.prepare(
      `INSERT INTO offers (id, key, source, url, has_text, title, company, city, salary, offer_date, added_at, status, reason, analysis)
       VALUES (@id, @key, @source, @url, @hasText, @title, @company, @city, @salary, @offerDate, @addedAt, @status, '', @analysis)`,
    );
    const insertText = db.prepare('INSERT INTO offer_texts (id, text) VALUES (?, ?)');
    offers.forEach((offer, index) => {
      const { id, source, url, title, company, city, salary, offerDate, status } = offer;
      insert.run({
        id,
        key: `bench:${index}`,
        source,
        url,
        hasText: +offer.hasText,
        title,
        company,
        city,
        salary,
        offerDate,
        addedAt: `${offer.addedAt}T08:00:00.000Z`,
        status,
        analysis: offer.analysed ? JSON.stringify(benchAnalysis(index)) : null,
      });
      if (offer.hasText) insertText.run(id, textOf(index));
    });
    db.exec('DELETE FROM changes');
  });
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return { dir, file, ids: offers.map((offer) => offer.id), cleanup };
}
