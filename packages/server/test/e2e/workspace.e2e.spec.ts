import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { freshDataDir, runEnded, startTestApp } from '../harness';
import { horizontalOverflow, seriousViolations } from '../pageChecks';
import type { Veille } from '../../src/compose/startVeille';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

const LIST = '[data-testid="offer-list"]';
const TOTALS = '[data-testid="summary-table"] [data-source="__totals__"]';

type Row = { readonly position: number; readonly id: string; readonly score: string; readonly status: string; readonly text: string };

/** The rows the virtual list draws now. */
function drawnRows(page: Page): Promise<Row[]> {
  return page.locator(`${LIST} [data-offer-id]`).evaluateAll((items) =>
    items.map((item) => ({
      position: Number(item.getAttribute('aria-posinset')),
      id: item.getAttribute('data-offer-id') ?? '',
      score: item.getAttribute('data-score') ?? '',
      status: item.getAttribute('data-status') ?? '',
      text: item.textContent ?? '',
    })),
  );
}

/** Every row of the list, in order, read by scrolling it from top to bottom as a user would. */
async function allRows(page: Page): Promise<Row[]> {
  const seen = new Map<number, Row>();
  const viewport = page.locator(LIST).locator('xpath=..');
  await page.locator(`${LIST} [data-offer-id]`).first().waitFor();
  for (let top = 0; ;) {
    await page.waitForFunction((list) => [...document.querySelectorAll(`${list} > li`)].every((item) => item.hasAttribute('data-offer-id')), LIST);
    for (const row of await drawnRows(page)) seen.set(row.position, row);
    const { scrollHeight, clientHeight } = await viewport.evaluate((element) => ({ scrollHeight: element.scrollHeight, clientHeight: element.clientHeight }));
    if (top + clientHeight >= scrollHeight) break;
    top += clientHeight;
    await viewport.evaluate((element, to) => (element.scrollTop = to), top);
  }
  return [...seen.values()].sort((a, b) => a.position - b.position);
}

const scores = (rows: readonly Row[]): (number | undefined)[] => rows.map((row) => (row.score === '' ? undefined : Number(row.score)));

async function total(page: Page, column: string): Promise<number> {
  return Number((await page.locator(`${TOTALS} [data-col="${column}"]`).textContent())?.replace(/\D/g, '') || 0);
}

describeWithChromium('The offers workspace in a real browser', () => {
  let app: Veille;
  let cleanup: () => void;
  const chrome = browserForSuite();

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir);
    const started = await fetch(`${app.url}/api/runs`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(started.status).toBe(202);
    await runEnded(app.deps.bus);
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  it('should open on À traiter from a count, ranked by score, and rank unscored offers last', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    const counts = page.locator('[data-testid="summary-table"] tbody [data-col="À traiter"] button');
    await counts.first().waitFor();

    await counts.first().click();

    await page.locator(`${LIST} [data-offer-id]`).first().waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.getAll('status')).toEqual(['À traiter']);
    expect(url.searchParams.get('source')).toBeTruthy();
    const toProcess = await allRows(page);
    expect(toProcess.length).toBeGreaterThan(0);
    expect(toProcess.every((row) => row.status === 'À traiter' && row.score !== '')).toBe(true);
    const ranked = scores(toProcess) as number[];
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));

    await page.goto(`${app.url}/?vue=offres`);
    const every = await allRows(page);
    const all = scores(every);
    const firstUnscored = all.indexOf(undefined);
    expect(firstUnscored).toBeGreaterThan(0);
    expect(all.slice(firstUnscored).every((score) => score === undefined)).toBe(true);
    const scored = all.slice(0, firstUnscored) as number[];
    expect(scored).toEqual([...scored].sort((a, b) => b - a));
    await page.close();
  }, 60_000);

  it('should filter by status, text and minimum score, and keep the filter in the URL across a reload and through back', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/?vue=offres`);
    await page.locator(`${LIST} [data-offer-id]`).first().waitFor();

    await page.locator('[data-filter="status"][value="À traiter"]').check();
    await page.waitForURL(/status=/);
    await page.locator('[data-filter="minScore"]').fill('8');
    await page.waitForURL(/minScore=8/);
    await page.locator(`${LIST} [data-offer-id]`).first().waitFor();
    const title = (await page.locator(`${LIST} [data-offer-id]`).first().locator('a, .title').first().textContent()) ?? '';
    const word = title.match(/[A-Za-zÀ-ÿ]{4,}/)?.[0] ?? '';
    expect(word).not.toBe('');
    await page.locator('[data-filter="q"]').fill(word);
    await page.waitForURL((address) => address.searchParams.get('q') === word);

    const check = async (): Promise<void> => {
      await page.waitForFunction(
        (list) => [...document.querySelectorAll(`${list} [data-offer-id]`)].every((item) => Number(item.getAttribute('data-score')) >= 8),
        LIST,
      );
      const rows = await allRows(page);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.status === 'À traiter' && Number(row.score) >= 8)).toBe(true);
      expect(rows.every((row) => row.text.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    };
    await check();

    await page.reload();

    await expect(page.locator('[data-filter="status"][value="À traiter"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('[data-filter="status"][value="Candidaté"]').isChecked()).resolves.toBe(false);
    await expect(page.locator('[data-filter="minScore"]').inputValue()).resolves.toBe('8');
    await expect(page.locator('[data-filter="q"]').inputValue()).resolves.toBe(word);
    await check();

    await page.goBack();
    await page.waitForURL((address) => !address.searchParams.has('minScore'));
    await expect(page.locator('[data-filter="minScore"]').inputValue()).resolves.toBe('');
    await expect(page.locator('[data-filter="status"][value="À traiter"]').isChecked()).resolves.toBe(true);
    await page.close();
  }, 60_000);

  it("should open an offer and show each criterion's score and justification, who analysed it and the start of its text", async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/?vue=offres&status=${encodeURIComponent('À traiter')}`);
    const first = page.locator(`${LIST} [data-offer-id]`).first();
    await first.waitFor();

    await first.locator('.meta').click();

    const detail = page.getByTestId('offer-detail');
    const criteria = detail.getByTestId('offer-criteria').locator('li');
    await criteria.first().waitFor();
    expect(await criteria.count()).toBeGreaterThan(1);
    await expect(criteria.first().textContent()).resolves.toMatch(/\d/);
    await expect(detail.textContent()).resolves.toMatch(/Analysée par .*règles/);
    await expect(detail.textContent()).resolves.toContain('Début du texte');
    expect(new URL(page.url()).searchParams.get('offre')).toBe(await first.getAttribute('data-offer-id'));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-detail-1280.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it.each([
    [390, 844],
    [1280, 900],
  ])(
    'should mark an offer Candidaté with the keyboard at %i px, never while typing, and move the summary table of a second page without reload',
    async (width, height) => {
      const context = await chrome.browser.newContext({ viewport: { width, height } });
      const dashboard = await context.newPage();
      await dashboard.goto(app.url);
      await dashboard.locator(`${TOTALS} [data-col="À traiter"]`).filter({ hasText: /[1-9]/ }).waitFor();
      await dashboard.evaluate(() => Object.assign(window, { __noReload: true }));
      const before = { applied: await total(dashboard, 'Candidaté'), toProcess: await total(dashboard, 'À traiter') };
      const page = await context.newPage();
      await page.goto(`${app.url}/?vue=offres&status=${encodeURIComponent('À traiter')}`);
      await page.locator(`${LIST} [data-offer-id]`).nth(1).waitFor();

      await page.locator('[data-filter="q"]').focus();
      await page.keyboard.press('c');
      await page.waitForURL((address) => address.searchParams.get('q') === 'c');
      await page.locator('[data-filter="q"]').fill('');
      await page.waitForURL((address) => !address.searchParams.has('q'));
      await page.locator(`${LIST} [data-offer-id]`).nth(1).waitFor();
      expect(await total(dashboard, 'Candidaté')).toBe(before.applied);
      await page.locator('#workspace-title').focus();
      await page.keyboard.press('j');
      const second = page.locator(`${LIST} [data-offer-id]`).nth(1);
      await expect(second.getAttribute('aria-current')).resolves.toBe('true');
      await page.keyboard.press('c');

      await page.locator(`${LIST} [data-offer-id][data-status="Candidaté"]`).waitFor();
      await expect(second.getAttribute('data-status')).resolves.toBe('Candidaté');
      await dashboard.waitForFunction(
        ({ totals, applied }) => Number(document.querySelector(`${totals} [data-col="Candidaté"]`)?.textContent?.replace(/\D/g, '')) === applied,
        { totals: TOTALS, applied: before.applied + 1 },
      );
      expect(await total(dashboard, 'À traiter')).toBe(before.toProcess - 1);
      expect(await dashboard.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
      await help.waitFor();
      await expect(help.textContent()).resolves.toContain('Passer en « Candidaté »');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });
      await context.close();
    },
    60_000,
  );

  it('should mark two selected offers Traité at once, and refuse with the domain’s reason what it refuses', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/?vue=offres&status=${encodeURIComponent('À traiter')}`);
    const rows = page.locator(`${LIST} [data-offer-id]`);
    await rows.nth(2).waitFor();
    const ids = [await rows.nth(0).getAttribute('data-offer-id'), await rows.nth(2).getAttribute('data-offer-id')];

    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(2).getByRole('checkbox').check();
    await page.locator('[data-action="Traité"]').click();

    for (const id of ids) await page.locator(`${LIST} [data-offer-id="${id}"][data-status="Traité"]`).waitFor();
    await expect(page.getByTestId('workspace-message').textContent()).resolves.toContain('2 offres passées en « Traité »');
    const processed = (await (await fetch(`${app.url}/api/offers?status=${encodeURIComponent('Traité')}&limit=100`)).json()) as { items: { id: string }[] };
    expect(processed.items.map((item) => item.id)).toEqual(expect.arrayContaining(ids));

    // An offer that was never analysed cannot be sent back to "À traiter": the domain says why.
    await page.goto(`${app.url}/?vue=offres&status=${encodeURIComponent('Expiré')}`);
    await page.locator(`${LIST} [data-offer-id] .meta`).first().click();
    const back = page.locator('[data-action="À traiter"]');
    await expect(back.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(back.getAttribute('title')).resolves.toContain("n'a pas encore été analysée");
    // A refused button stays in reach of the keyboard, and says why when pressed.
    await back.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('workspace-message').textContent()).resolves.toContain("n'a pas encore été analysée");
    await expect(page.locator('[data-action="Ignoré"]').getAttribute('aria-disabled')).resolves.toBeNull();
    await page.close();
  }, 60_000);

  it('should export the current filter as a CSV French Excel opens (UTF-8 with BOM, semicolons)', async () => {
    const page = await chrome.browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/?vue=offres&status=${encodeURIComponent('À traiter')}&minScore=5`);
    await page.locator(`${LIST} [data-offer-id]`).first().waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter (CSV)' }).click()]);

    const file = await download.path();
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split(/\r?\n/);
    expect(lines[0]).toContain(';');
    expect(new URL(download.url()).searchParams.getAll('status')).toEqual(['À traiter']);
    expect(new URL(download.url()).searchParams.get('minScore')).toBe('5');
    await page.close();
  }, 60_000);

  it('should add an offer found elsewhere by its URL, and say in French what it refuses', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/?vue=offres`);
    await page.getByRole('button', { name: 'Ajouter une offre' }).click();
    const form = page.getByRole('form', { name: 'Ajouter une offre' });
    const outcome = page.getByTestId('add-offer-outcome');

    await form.getByLabel("Adresse de l'offre").fill('https://www.example.com/emplois/veille-42');
    await form.getByLabel('Titre (facultatif)').fill('Data engineer trouvé ailleurs');
    await form.getByLabel('Entreprise (facultatif)').fill('Ailleurs SA');
    await form.getByRole('button', { name: 'Ajouter', exact: true }).click();

    await outcome.filter({ hasText: 'Offre ajoutée' }).waitFor();
    const added = (await (await fetch(`${app.url}/api/offers?q=${encodeURIComponent('trouvé ailleurs')}`)).json()) as {
      items: { id: string; status: string }[];
    };
    expect(added.items).toEqual([expect.objectContaining({ status: 'A compléter' })]);

    await form.getByLabel("Adresse de l'offre").fill('https://www.example.com/emplois/veille-42');
    await form.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await outcome.filter({ hasText: /déjà/ }).waitFor();
    await outcome.getByRole('button', { name: "Voir l'offre existante" }).click();
    await page.getByTestId('offer-detail').getByText('Data engineer trouvé ailleurs').first().waitFor();
    expect(new URL(page.url()).searchParams.get('offre')).toBe(added.items[0].id);

    await form.getByLabel("Adresse de l'offre").fill('ftp://www.example.com/emplois/1');
    await form.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await outcome.filter({ hasText: /http/ }).waitFor();
    await expect(outcome.getAttribute('role')).resolves.toBe('alert');
    await page.close();
  }, 60_000);

  it.each([
    [390, 844],
    [1280, 900],
  ])(
    'should not overflow horizontally at %i px, and pass axe-core without a serious or critical violation',
    async (width, height) => {
      const page = await chrome.browser.newPage({ viewport: { width, height } });
      await page.goto(`${app.url}/?vue=offres&status=${encodeURIComponent('À traiter')}`);
      await page.locator(`${LIST} [data-offer-id] .meta`).first().click();
      await page.getByTestId('offer-criteria').locator('li').first().waitFor();
      await page.getByRole('button', { name: 'Ajouter une offre' }).click();

      await expect(horizontalOverflow(page)).resolves.toBe(0);
      for (const action of await page.locator('[data-action]').all()) {
        const box = await action.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      }
      // The whole page with the workspace open: its list, an offer's detail and the form to add one.
      await expect(seriousViolations(page)).resolves.toEqual([]);
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Raccourcis clavier' }).waitFor();
      await expect(seriousViolations(page)).resolves.toEqual([]);
      await page.keyboard.press('Escape');
      await page.screenshot({ path: path.join(SCREENSHOTS, `workspace-${width}.png`), fullPage: true });
      await page.close();
    },
    60_000,
  );
});

describeWithChromium('A workspace of 10,000 offers', () => {
  const SENDER = 'alertes@dix-mille.example';
  const COUNT = 10_000;
  const on = { import: true, enrich: true, analyse: true };
  let app: Veille;
  let cleanup: () => void;
  const chrome = browserForSuite();

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir);
    await app.deps.store.addSources([{ sender: SENDER, board: 'HelloWork', activation: on, available: on }]);
    await app.deps.store.saveOffers(
      Array.from({ length: COUNT }, (_, index) => ({
        key: `dix-mille:${index}`,
        source: SENDER,
        url: `https://www.example.com/emplois/${index}`,
        title: `Offre ${String(index).padStart(5, '0')}`,
        company: `Entreprise ${index % 97}`,
        city: 'Lyon',
        department: '',
        salary: '',
        offerDate: '',
      })),
    );
    const refreshed = await fetch(`${app.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(refreshed.ok).toBe(true);
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  it('should draw only the rows in view and fetch only the pages scrolled to, down to the last offer', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const asked: URLSearchParams[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/offers') asked.push(url.searchParams);
    });
    await page.goto(`${app.url}/?vue=offres&source=${encodeURIComponent(SENDER)}&sort=company`);
    await page.locator(`${LIST} [data-offer-id]`).first().waitFor();
    await expect(page.locator('#workspace-title').textContent()).resolves.toMatch(/10\s000/);

    const drawn = await page.locator(`${LIST} > li`).count();
    const viewport = page.locator(LIST).locator('xpath=..');
    await viewport.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
    await page.locator(`${LIST} [aria-posinset="5000"][data-offer-id]`).waitFor();
    await viewport.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await page.locator(`${LIST} [aria-posinset="${COUNT}"][data-offer-id]`).waitFor();

    expect(drawn).toBeLessThan(40);
    await expect(page.locator(`${LIST} > li`).count()).resolves.toBeLessThan(40);
    const offsets = asked.map((params) => Number(params.get('offset')));
    expect(asked.every((params) => Number(params.get('limit')) <= 100)).toBe(true);
    expect(offsets).toContain(0);
    expect(Math.max(...offsets)).toBeGreaterThan(COUNT - 100);
    expect(asked.length).toBeLessThan(10);
    await page.close();
  }, 60_000);
});
