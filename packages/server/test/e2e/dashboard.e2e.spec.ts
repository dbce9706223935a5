import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumAvailable, CHROMIUM } from '../chromium';
import { freshDataDir, startTestApp } from '../harness';
import type { Veille } from '../../src/compose/startVeille';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

describeWithChromium('The dashboard in a real browser', () => {
  let app: Veille;
  let cleanup: () => void;
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir);
  });

  afterEach(async () => {
    await app.close();
    cleanup();
  });

  it('should move the counts live after "Lancer les traitements", without a reload, until the run ends', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(app.url);
    const totals = page.locator('[data-testid="summary-table"] [data-source="__totals__"]');
    await totals.locator('[data-col="toImport"]').filter({ hasText: /[1-9]/ }).waitFor();
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
    await page.locator('[data-source="notification@emails.hellowork.com"] [data-col="Expiré"] button').click();
    const gone = page.getByTestId('offer-list').locator('li').first();
    await expect(gone.getAttribute('title')).resolves.toBe('Page introuvable (410)');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-after-run.png'), fullPage: true });
  }, 90_000);
});
