import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { OfferStore } from '@veille/domain';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { freshDataDir, runEnded, startTestApp } from '../harness';
import type { Veille } from '../../src/compose/startVeille';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const TOKEN = '7e3b9f21c4d8a6e05b1f9c3d7a2e8b46';
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

describeWithChromium('Logging in and watching Veille start, in a real browser', () => {
  const chrome = browserForSuite();
  let app: Veille | undefined;
  let cleanup: () => void;

  afterEach(async () => {
    await app?.close();
    cleanup();
  });

  it('should log in through the form, show "Veille démarre…" while the table loads, then run from the dashboard', async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const wrapStore = (store: OfferStore): OfferStore => ({ ...store, load: () => held.then(() => store.load()) });
    let listening!: (url: string) => void;
    const url = new Promise<string>((resolve) => (listening = resolve));
    const starting = startTestApp(dir, { ACCESS_TOKEN: TOKEN }, { wrapStore, onListening: ({ url }) => listening(url) });
    const context = await chrome.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();

    await page.goto(await url);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Jeton d’accès').fill('pas-le-bon-jeton-du-tout');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Jeton d’accès incorrect.');
    await page.getByLabel('Jeton d’accès').fill(TOKEN);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    const notice = page.getByTestId('startup');
    await notice.getByText('Veille démarre…').waitFor();
    await expect(page.getByTestId('startup-detail').textContent()).resolves.toContain('chargement');
    await expect(page.getByTestId('run-button').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('refresh-button').isDisabled()).resolves.toBe(true);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'startup-loading.png'), fullPage: true });

    release();
    app = await starting;
    const totals = page.locator('[data-testid="summary-table"] [data-source="__totals__"]');
    await totals.locator('[data-col="toImport"]').filter({ hasText: /[1-9]/ }).waitFor();
    await expect(notice.count()).resolves.toBe(0);
    await page.locator('[data-testid="run-button"]:not([disabled])').click();
    await runEnded(app.deps.bus);
    await page.getByTestId('message').filter({ hasText: 'Traitements terminés.' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'after-login-run.png'), fullPage: true });
    await context.close();
  }, 90_000);
});
