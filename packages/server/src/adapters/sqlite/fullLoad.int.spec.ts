import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STATUS, type Analysis, type OfferSummary } from '@veille/domain';
import { availabilityOf } from '../../core/sources';
import { openSqliteStore } from '.';
import { openDatabase } from './connection';
import { INDEED, indeedOffer } from '../../../test/newOffers';

const gone = 'ancienne-source@board.example';
const on = { import: true, enrich: true, analyse: true };
const anAnalysis = (total: number): Analysis => ({
  summary: `Un poste noté ${total}.`,
  scores: { localisation: total },
  justifications: { localisation: 'Lyon.' },
  total,
  dealBreakers: [],
  analyser: 'règles',
});

describe('SQLite full load after a first look', () => {
  let dir: string;
  let file: string;
  // Another connection to the same file, as `sqlite3 veille.sqlite` would be.
  const byHand = (sql: string, ...values: string[]): void => {
    const db = openDatabase(file);
    db.prepare(sql).run(...values);
    db.close();
  };
  const analysisOf = (offers: OfferSummary[], id: string) => offers.find((offer) => offer.id === id)?.analysis;

  /** Two analysed offers, loaded once; a source that the person then deletes by hand, so that only a full load can tell. */
  const loadedOnce = async () => {
    const store = openSqliteStore(file, availabilityOf);
    await store.addSources([INDEED, { sender: gone, board: 'HelloWork', activation: on, available: on }]);
    const [kept, edited] = await store.saveOffers([indeedOffer(1), indeedOffer(2)]);
    await store.updateOffers([
      { id: kept.id, patch: { status: STATUS.toProcess, analysis: anAnalysis(12) } },
      { id: edited.id, patch: { status: STATUS.toProcess, analysis: anAnalysis(14) } },
    ]);
    const first = await store.load();
    return { store, kept, edited, first };
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille-full-load-'));
    file = path.join(dir, 'veille.sqlite');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should hand back the analyses of offers unchanged since, as they were read, and read again the one changed by hand', async () => {
    const { store, kept, edited, first } = await loadedOnce();

    byHand('UPDATE offers SET analysis = ? WHERE id = ?', JSON.stringify(anAnalysis(17)), edited.id);
    byHand('DELETE FROM sources WHERE sender = ?', gone);
    const changes = await store.changes();
    const full = await store.load();
    await store.close();

    expect(changes).toBeUndefined();
    expect(analysisOf(full.offers, kept.id)).toBe(analysisOf(first.offers, kept.id));
    expect(analysisOf(full.offers, edited.id)).not.toBe(analysisOf(first.offers, edited.id));
    expect(analysisOf(full.offers, edited.id)).toMatchObject({ total: 17 });
  });

  it('should hand back what a look at the changes read since, not what the first load read', async () => {
    const { store, edited } = await loadedOnce();

    await store.updateOffers([{ id: edited.id, patch: { status: STATUS.toProcess, analysis: anAnalysis(9) } }]);
    const changes = await store.changes();
    byHand('DELETE FROM sources WHERE sender = ?', gone);
    const full = await store.load();
    await store.close();

    expect(analysisOf(changes?.offers ?? [], edited.id)).toMatchObject({ total: 9 });
    expect(analysisOf(full.offers, edited.id)).toBe(analysisOf(changes?.offers ?? [], edited.id));
  });

  it('should say an offer whose analysis was removed by hand is no longer analysed', async () => {
    const { store, edited } = await loadedOnce();

    byHand('UPDATE offers SET analysis = NULL WHERE id = ?', edited.id);
    byHand('DELETE FROM sources WHERE sender = ?', gone);
    const full = await store.load();
    await store.close();

    expect(full.offers.find((offer) => offer.id === edited.id)).toMatchObject({ analysed: false });
    expect(analysisOf(full.offers, edited.id)).toBeUndefined();
  });
});
