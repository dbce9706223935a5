import { COLUMNS, type OfferSummary, type Projection } from '@veille/domain';
import { appForSuite, runEnded, until } from '../../test/harness';
import { listOffers, postJson, setStatus, startJobPages, stateOf, type Item } from '../../test/offersApi';
import { request } from '../../test/request';
import { openSse } from '../../test/sseClient';
import type { SqliteOfferStore } from '../adapters/sqlite';

const ITEM_KEYS = [
  'analysed',
  'analysedBy',
  'board',
  'city',
  'company',
  'cost',
  'date',
  'dealBreakers',
  'duplicateOf',
  'hasText',
  'id',
  'reason',
  'salary',
  'score',
  'seenAlsoOn',
  'source',
  'status',
  'summary',
  'title',
  'url',
];

const offersIn = (state: Projection, status: string): OfferSummary[] => [...state.offers.values()].filter((offer) => offer.status === status);

/** The store's own count per status, against what the table says. */
const storedCounts = (store: SqliteOfferStore): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const offer of store.listOffers({ limit: 10_000 })) counts[offer.status] = (counts[offer.status] ?? 0) + 1;
  return counts;
};

describe('The offers API on SQLite, after a run over the demo', () => {
  const pages = { server: undefined as Awaited<ReturnType<typeof startJobPages>> | undefined };
  const suite = appForSuite({ ENRICH_ALLOW_PRIVATE: '1' });
  let analysed: OfferSummary[];

  beforeAll(async () => {
    pages.server = await startJobPages();
    await postJson(suite.app, '/api/runs', {});
    const state = await runEnded(suite.app.deps.bus);
    analysed = offersIn(state, 'À traiter');
  });

  afterAll(async () => {
    await pages.server?.close();
  });

  describe('When the person opens À traiter', () => {
    it('should rank the offers by total score from the projection, each as the contract shapes it', async () => {
      const load = jest.spyOn(suite.app.deps.store, 'load');
      const read = jest.spyOn(suite.app.deps.store, 'readOffers');

      const { status, body } = await listOffers(suite.app, [
        ['status', 'À traiter'],
        ['sort', 'score'],
        ['limit', '5'],
      ]);

      expect(status).toBe(200);
      expect(body.total).toBe(analysed.length);
      expect(body.items).toHaveLength(5);
      const totals = body.items.map((item) => item.score?.total ?? -1);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      const [first] = body.items;
      expect(Object.keys(first).sort()).toEqual(ITEM_KEYS);
      expect(first).toMatchObject({
        status: 'À traiter',
        analysedBy: 'règles',
        cost: 0,
        analysed: true,
        hasText: true,
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect(first.score?.criteria.map((criterion) => criterion.name)).toEqual(expect.arrayContaining(['localisation', 'salaire', 'culture', 'qualite']));
      expect(first.score?.criteria.every((criterion) => criterion.justification.length > 0)).toBe(true);
      expect(first.summary).toContain('Analyse par règles');
      expect(load).not.toHaveBeenCalled();
      expect(read).not.toHaveBeenCalled();
      load.mockRestore();
      read.mockRestore();
    });

    it('should put offers without a score last, in either order', async () => {
      for (const order of ['desc', 'asc']) {
        const { body } = await listOffers(suite.app, [
          ['status', 'À traiter'],
          ['status', 'Expiré'],
          ['sort', 'score'],
          ['order', order],
          ['limit', '1000'],
        ]);
        const scored = body.items.filter((item) => item.score !== null).length;
        expect(body.items.slice(scored).every((item) => item.score === null)).toBe(true);
        expect(body.items.slice(scored).length).toBeGreaterThan(0);
      }
    });

    it('should page through every match without overlap', async () => {
      const pagesRead = await Promise.all(
        [0, 7, 14, 21, 28].map((offset) =>
          listOffers(suite.app, [
            ['status', 'À traiter'],
            ['limit', '7'],
            ['offset', String(offset)],
          ]),
        ),
      );
      const ids = pagesRead.flatMap(({ body }) => body.items.map((item) => item.id));

      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(Math.min(analysed.length, 35));
    });
  });

  describe('When the person filters', () => {
    it('should match title, company, city and summary whatever the case and accents', async () => {
      const { body: byCompany } = await listOffers(suite.app, [['q', 'ENERGIE verte']]);
      const { body: byCity } = await listOffers(suite.app, [['q', 'villefranche-sur-saone']]);

      expect(byCompany.items.map((item) => item.company)).toEqual(['Énergie Verte Conseil']);
      expect(byCity.items.map((item) => item.city)).toEqual(['Villefranche-sur-Saône']);
    });

    it('should keep a board, a minimum score, a source and dates', async () => {
      const { body: linkedIn } = await listOffers(suite.app, [['board', 'LinkedIn']]);
      const { body: good } = await listOffers(suite.app, [['minScore', '12']]);
      const { body: none } = await listOffers(suite.app, [['to', '2000-01-01']]);
      const source = linkedIn.items[0].source;
      const { body: oneSource } = await listOffers(suite.app, [['source', source]]);

      expect(linkedIn.total).toBeGreaterThan(0);
      expect(linkedIn.items.every((item) => item.board === 'LinkedIn')).toBe(true);
      expect(good.items.every((item) => (item.score?.total ?? 0) >= 12)).toBe(true);
      expect(none.total).toBe(0);
      expect(oneSource.items.every((item) => item.source === source)).toBe(true);
    });

    it.each([
      [[['minScore', 'beaucoup']], 'minScore'],
      [[['status', 'A importer']], 'status'],
      [[['sort', 'salaire']], 'sort'],
      [[['limit', '0']], 'limit'],
      [[['from', '24/11/2026']], 'from'],
    ])('should refuse %j in French, naming the parameter', async (params, name) => {
      const { status, body } = await listOffers(suite.app, params as [string, string][]);

      expect(status).toBe(400);
      expect(body.error).toContain(`Paramètre « ${name} » invalide`);
    });

    it('should treat an empty field of a form as unset', async () => {
      const { status, body } = await listOffers(suite.app, [
        ['q', ''],
        ['minScore', ''],
        ['status', ''],
      ]);

      expect(status).toBe(200);
      expect(body.total).toBe(suite.app.deps.bus.current().offers.size);
    });
  });

  describe('When the person opens an offer', () => {
    it('should give the item and its text from the store', async () => {
      const [offer] = analysed;

      const response = await fetch(`${suite.app.url}/api/offers/${offer.id}`);
      const body = (await response.json()) as Item & { text: string };

      expect(response.status).toBe(200);
      expect(body).toMatchObject({ id: offer.id, status: 'À traiter', title: offer.title });
      expect(body.text.length).toBeGreaterThan(100);
    });

    it('should say an unknown offer is unknown, in French', async () => {
      const response = await fetch(`${suite.app.url}/api/offers/recInconnue`);

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'Offre inconnue : recInconnue.' });
    });
  });

  describe('When the person marks offers', () => {
    it('should store, then move the table at once in every open page, and answer how many changed', async () => {
      const [first, second] = analysed.slice(0, 2);
      const before = await stateOf(suite.app);
      const stream = openSse(`${suite.app.url}/api/events`);
      await stream.waitFor((messages) => messages.length >= 1);

      const { status, body } = await setStatus(suite.app, [first.id, second.id, first.id], 'Candidaté');
      await stream.waitFor((messages) => messages.filter((message) => message.event === 'OfferStatusChanged').length >= 2);
      stream.close();

      expect(status).toBe(200);
      expect(body).toEqual({ changed: 2, version: suite.app.deps.bus.current().version });
      const after = await stateOf(suite.app);
      expect(after.table.totals.counts['À traiter']).toBe(before.table.totals.counts['À traiter'] - 2);
      expect(after.table.totals.counts.Candidaté).toBe(before.table.totals.counts.Candidaté + 2);
      const stored = await suite.app.deps.store.readOffers([first.id, second.id]);
      expect(stored.map((record) => record.status)).toEqual(['Candidaté', 'Candidaté']);
      expect(stream.messages.filter((message) => message.event === 'OfferStatusChanged').map((message) => message.data)).toEqual([
        { offerId: first.id, source: first.source, from: 'À traiter', to: 'Candidaté' },
        { offerId: second.id, source: second.source, from: 'À traiter', to: 'Candidaté' },
      ]);
    });

    it('should send an analysed offer back to À traiter, and clear why an expired one was set aside', async () => {
      const expired = offersIn(suite.app.deps.bus.current(), 'Expiré')[0];
      const decided = analysed[0];

      const back = await setStatus(suite.app, [decided.id], 'À traiter');
      const revived = await setStatus(suite.app, [expired.id], 'Traité');

      expect(back).toEqual({ status: 200, body: { changed: 1, version: expect.any(Number) } });
      expect(revived.status).toBe(200);
      expect(suite.app.deps.bus.current().offers.get(expired.id)).toMatchObject({ status: 'Traité', reason: '' });
    });

    describe('and the domain or the request refuses', () => {
      const unchanged = async (ids: string[], act: () => Promise<{ status: number; body: Record<string, unknown> }>) => {
        const statuses = () => ids.map((id) => suite.app.deps.bus.current().offers.get(id)?.status);
        const storedStatuses = async () => (await suite.app.deps.store.readOffers(ids)).map((record) => record.status);
        const [projected, stored, version] = [statuses(), await storedStatuses(), suite.app.deps.bus.current().version];
        const answer = await act();
        expect(statuses()).toEqual(projected);
        expect(await storedStatuses()).toEqual(stored);
        expect(suite.app.deps.bus.current().version).toBe(version);
        return answer;
      };

      it('should answer 409 in French for a transition it refuses, and change none of the offers', async () => {
        const expired = offersIn(suite.app.deps.bus.current(), 'Expiré');
        const ids = [analysed[5].id, expired[expired.length - 1].id];

        const answer = await unchanged(ids, () => setStatus(suite.app, ids, 'À analyser'));

        expect(answer).toEqual({
          status: 409,
          body: { error: "Une des offres choisies n'a pas encore de texte (réenrichissez-la) : aucune n'est passée en « À analyser »." },
        });
      });

      it.each(['A importer', 'Autre'])('should answer 400 for %s, which is no status', async (value) => {
        const ids = [analysed[6].id];

        const answer = await unchanged(ids, () => setStatus(suite.app, ids, value));

        expect(answer).toEqual({ status: 400, body: { error: `« ${value} » n'est pas un statut d'offre.` } });
      });

      it('should answer 404 when an id is unknown, and change none of the known ones', async () => {
        const ids = [analysed[7].id];

        const answer = await unchanged(ids, () => setStatus(suite.app, [...ids, 'recInconnue'], 'Refusé'));

        expect(answer).toEqual({ status: 404, body: { error: 'Offre inconnue : recInconnue.' } });
      });

      it('should answer 400 for a body that is not a list of ids and a status', async () => {
        const answer = await postJson(suite.app, '/api/offers/status', { ids: 'recA', status: 'Refusé' });
        const empty = await postJson(suite.app, '/api/offers/status', { ids: [], status: 'Refusé' });

        expect(answer.status).toBe(400);
        expect(answer.body.error).toContain('Corps attendu');
        expect(empty.status).toBe(400);
      });
    });
  });

  describe('When the person exports the filter as CSV', () => {
    it('should send UTF-8 with a BOM, French headers, quoted fields split by ; and ending in CRLF, numbers with a decimal comma', async () => {
      const hostile = await postJson(suite.app, '/api/offers', {
        url: pages.server!.url('/csv-formule'),
        title: '=HYPERLINK("http://evil.example";"x")',
        company: 'Café "Le Zinc"',
      });
      const response = await fetch(
        `${suite.app.url}/api/offers.csv?${new URLSearchParams([
          ['status', 'À traiter'],
          ['status', 'A compléter'],
          ['sort', 'score'],
        ]).toString()}`,
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      const text = bytes.toString('utf8');
      const lines = text.slice(1).split('\r\n');

      expect(hostile.status).toBe(201);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="offres-veille-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(lines[0]).toBe(
        '"Titre";"Entreprise";"Ville";"Salaire";"Date";"Job board";"Source";"Statut";"Score /20";"Résumé";"Notes par critère";"Rédhibitoires";"Analysé par";"Coût (USD)";"Raison";"URL"',
      );
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n(?!")/);
      const { body } = await listOffers(suite.app, [
        ['status', 'À traiter'],
        ['status', 'A compléter'],
        ['limit', '1000'],
      ]);
      expect(lines).toHaveLength(body.total + 2);
      const decimal = lines.find((line) => /;"\d+,\d";/.test(line));
      expect(decimal).toBeDefined();
      expect(lines.some((line) => line.includes('"claude') || line.includes('"règles"'))).toBe(true);
      const formula = lines.find((line) => line.includes('HYPERLINK'));
      expect(formula).toContain(`"'=HYPERLINK(""http://evil.example"";""x"")";"Café ""Le Zinc"""`);
      expect(formula).toContain('"Ajout manuel";"ajout-manuel";"A compléter";"";');
    });

    it('should refuse a filter it cannot read, in French', async () => {
      const response = await fetch(`${suite.app.url}/api/offers.csv?minScore=30`);

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringContaining('minScore') });
    });
  });

  describe('When the person adds an offer found elsewhere', () => {
    it('should create it A compléter under the source "Ajout manuel", then a run should read its page and analyse it', async () => {
      const url = pages.server!.url('/offres/42?utm_source=newsletter');

      const added = await postJson(suite.app, '/api/offers', { url, title: '  ', company: 'Acme Data' });
      const id = String(added.body.id);
      const created = { ...suite.app.deps.bus.current().offers.get(id) };
      const row = (await stateOf(suite.app)).table.rows.find((candidate) => candidate.source === 'ajout-manuel');
      await postJson(suite.app, '/api/runs', {});
      await until(suite.app.deps.bus, (state) => state.run.active);
      const state = await runEnded(suite.app.deps.bus);

      expect(added.status).toBe(201);
      expect(created).toMatchObject({ status: 'A compléter', source: 'ajout-manuel', url: pages.server!.url('/offres/42'), title: '', company: 'Acme Data' });
      expect(row).toMatchObject({
        board: 'Ajout manuel',
        available: { import: false, enrich: true, analyse: true },
        activation: { enrich: true, analyse: true },
      });
      expect(state.offers.get(id)).toMatchObject({ status: 'À traiter', hasText: true, analysed: true, title: 'Data engineer /offres/42', city: 'Lyon' });
      const [record] = await suite.app.deps.store.readOffers([id]);
      expect(record).toMatchObject({ key: pages.server!.url('/offres/42'), status: 'À traiter', offerDate: '2026-11-20', company: 'Acme Data' });
    });

    it('should answer 409 with the id already known, by the keys import uses', async () => {
      const first = await postJson(suite.app, '/api/offers', { url: pages.server!.url('/offres/7') });
      const again = await postJson(suite.app, '/api/offers', { url: `${pages.server!.url('/offres/7')}?utm_campaign=x#apply` });
      const imported = [...suite.app.deps.bus.current().offers.values()].find((offer) => offer.url.includes('/demo/offres/linkedin-4012345678'));
      const viaBoard = await postJson(suite.app, '/api/offers', { url: 'https://www.linkedin.com/jobs/view/4012345678/?trk=eml-email' });

      expect(first.status).toBe(201);
      expect(again).toEqual({ status: 409, body: { error: 'Cette offre est déjà dans Veille.', id: first.body.id } });
      expect(imported).toBeDefined();
      expect(viaBoard).toEqual({ status: 409, body: { error: 'Cette offre est déjà dans Veille.', id: imported?.id } });
    });

    it.each(['ftp://example.org/offre', 'javascript:alert(1)', 'pas une adresse', ''])('should refuse %j in French', async (url) => {
      const { status, body } = await postJson(suite.app, '/api/offers', { url });

      expect(status).toBe(400);
      expect(body.error).toContain('Adresse invalide');
    });
  });

  describe('The checks of the HTTP face', () => {
    it('should refuse another site posting a change, and a foreign Host reading the list', async () => {
      const id = analysed[9].id;
      const foreign = await request(`${suite.app.url}/api/offers/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ ids: [id], status: 'Refusé' }),
      });
      const rebound = await request(`${suite.app.url}/api/offers`, { headers: { host: 'evil.example' } });
      const csv = await request(`${suite.app.url}/api/offers.csv`, { headers: { host: 'evil.example' } });

      expect(foreign.status).toBe(403);
      expect(rebound.status).toBe(403);
      expect(csv.status).toBe(403);
      expect(suite.app.deps.bus.current().offers.get(id)?.status).toBe('À traiter');
    });
  });

  it('should keep every count of the table equal to the store', async () => {
    const { table } = await stateOf(suite.app);
    const stored = storedCounts(suite.app.deps.store as SqliteOfferStore);

    for (const status of COLUMNS.filter((column) => column !== 'Autre')) expect([status, table.totals.counts[status]]).toEqual([status, stored[status] ?? 0]);
  });
});
