import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { freshDataDir, startTestApp } from '../harness';
import { horizontalOverflow, seriousViolations } from '../pageChecks';
import type { Veille } from '../../src/compose/startVeille';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

describeWithChromium('The dashboard in a real browser', () => {
  let app: Veille;
  let cleanup: () => void;
  const chrome = browserForSuite();

  beforeEach(async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir);
  });

  afterEach(async () => {
    await app.close();
    cleanup();
  });

  /** Every state the three phase lines take together, recorded in the page as each change is drawn. */
  const recordPhaseLines = (page: Page): Promise<void> =>
    page.evaluate(() => {
      const lines: string[][] = [];
      Object.assign(window, { __lines: lines });
      const record = (): void => {
        const states = [...document.querySelectorAll('[data-phase]')].map((line) => line.getAttribute('data-state') ?? '');
        if (states.join() !== lines.at(-1)?.join()) lines.push(states);
      };
      record();
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
  const recordedLines = (page: Page): Promise<string[][]> => page.evaluate(() => (window as unknown as { __lines: string[][] }).__lines);

  /** What a person sees wrong on this screen: the page scrolling sideways, or an accessibility failure that blocks. */
  const screenProblems = async (page: Page) => ({ overflow: await horizontalOverflow(page), violations: await seriousViolations(page) });

  it('should move the counts live after "Lancer les traitements", without a reload, until the run ends, on a phone and a desktop', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const phone = await chrome.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(app.url);
    await phone.goto(app.url);
    const totals = page.locator('[data-testid="summary-table"] [data-source="__totals__"]');
    await totals.locator('[data-col="toImport"]').filter({ hasText: /[1-9]/ }).waitFor();
    await phone.locator('[data-testid="summary-table"] [data-source="__totals__"] [data-col="toImport"]').filter({ hasText: /[1-9]/ }).waitFor();
    for (const screen of [page, phone]) await expect(screenProblems(screen)).resolves.toEqual({ overflow: 0, violations: [] });
    // Every value the cells take is recorded in the page itself, and a marker proves no reload happens.
    await page.evaluate(() => {
      const seen: Record<string, string[]> = { 'A compléter': [], 'À traiter': [] };
      Object.assign(window, { __seen: seen, __noReload: true });
      const record = (): void => {
        for (const column of Object.keys(seen)) {
          const cell = document.querySelector(`[data-source="__totals__"] [data-col="${column}"]`);
          const text = cell?.textContent?.trim() ?? '';
          if (seen[column].at(-1) !== text) seen[column].push(text);
        }
      };
      record();
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await recordPhaseLines(page);
    await recordPhaseLines(phone);
    const button = page.getByTestId('run-button');
    await expect(button.textContent()).resolves.toContain('Lancer les traitements');

    await button.click();

    await page.locator('[data-phase="enrich"]').and(page.locator('[data-state="running"], [data-state="finished"]')).first().waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="run-button"]')?.textContent?.includes('Lancer les traitements') === true &&
        document.querySelector('[data-phase="analyse"]')?.getAttribute('data-state') === 'finished',
      undefined,
      { timeout: 60_000 },
    );
    const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, string[]> }).__seen);
    const numbers = (values: string[]) => values.map((value) => Number(value.replace(/\D/g, '') || 0));
    expect(Math.max(...numbers(seen['A compléter']))).toBeGreaterThan(0);
    expect(numbers(seen['À traiter']).length).toBeGreaterThan(2);
    expect(numbers(seen['À traiter']).at(-1)).toBeGreaterThan(25);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await expect(totals.locator('[data-col="toImport"]').textContent()).resolves.toMatch(/^\s*[01]\s*$/);

    // Phases overlap and stop whenever their queue runs dry: a line waits, never "Terminé" while a phase before it runs.
    await phone.locator('[data-phase="analyse"][data-state="finished"]').waitFor();
    for (const screen of [page, phone]) {
      const lines = await recordedLines(screen);
      const finishedTooSoon = lines.filter((states) => states.some((state, at) => state === 'finished' && states.slice(0, at).includes('running')));
      expect(finishedTooSoon).toEqual([]);
      expect(lines.some((states) => states.includes('waiting'))).toBe(true);
      expect(lines.at(-1)).toEqual(['finished', 'finished', 'finished']);
      await expect(screenProblems(screen)).resolves.toEqual({ overflow: 0, violations: [] });
    }

    await page.locator('[data-source="notification@emails.hellowork.com"] [data-col="Expiré"] button').click();
    const gone = page.getByTestId('offer-list').locator('li').first();
    await expect(gone.getAttribute('title')).resolves.toBe('Page introuvable (410)');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-after-run.png'), fullPage: true });
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-after-run-phone.png'), fullPage: true });
  }, 120_000);

  it('should read as a table: a caption, headers for columns and for each source, and counts that say what they open', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    const table = page.getByTestId('summary-table');
    await table.locator('[data-source="__totals__"] [data-col="toImport"]').filter({ hasText: /[1-9]/ }).waitFor();

    await expect(table.locator('caption').textContent()).resolves.toMatch(/par source et par statut/);
    const columnHeaders = await table.locator('thead th').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('scope')));
    expect(new Set(columnHeaders)).toEqual(new Set(['col']));
    const rows = await table.locator('tbody tr').count();
    await expect(table.locator('tbody tr > th[scope="row"]').count()).resolves.toBe(rows);
    await expect(table.locator('[data-source="jobalerts-noreply@linkedin.com"] th').textContent()).resolves.toContain('LinkedIn');
    // Every column, "Autre" and "Total" included, fits a 1280 px screen without scrolling the table.
    await expect(table.evaluate((element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth)).resolves.toBe(0);

    await page.getByTestId('run-button').click();
    const count = page.getByRole('button', { name: /^\d+ offres? À traiter — LinkedIn \(jobalerts-noreply@linkedin\.com\)$/ });
    await count.waitFor({ timeout: 60_000 });
    const label = await count.getAttribute('aria-label');
    expect(label?.startsWith(`${(await count.textContent())?.trim()} offre`)).toBe(true);
    // A zero opens nothing, so it is no button.
    await expect(table.locator('[data-source="jobalerts-noreply@linkedin.com"] [data-col="Refusé"] button').count()).resolves.toBe(0);
    await page.getByTestId('run-button').filter({ hasText: 'Lancer les traitements' }).waitFor({ timeout: 60_000 });
  }, 90_000);

  it('should keep every button in reach on a phone: the table scrolls inside its card with the source column held', async () => {
    const phone = await chrome.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(app.url);
    const table = phone.getByTestId('summary-table');
    await table.locator('[data-source="__totals__"] [data-col="toImport"]').filter({ hasText: /[1-9]/ }).waitFor();

    for (const id of ['run-button', 'refresh-button']) {
      const box = await phone.getByTestId(id).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    const scroller = table.locator('xpath=..');
    const source = table.locator('tbody tr').first().locator('th');
    const before = await source.boundingBox();
    await scroller.evaluate((element) => element.scrollBy(2_000, 0));
    await expect(scroller.evaluate((element) => element.scrollLeft)).resolves.toBeGreaterThan(100);
    await expect(source.boundingBox()).resolves.toMatchObject({ x: before?.x });
    await expect(table.locator('[data-source="__totals__"] [data-col="total"]').isVisible()).resolves.toBe(true);
    await expect(horizontalOverflow(phone)).resolves.toBe(0);
  }, 60_000);
});
