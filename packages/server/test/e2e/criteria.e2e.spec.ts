import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { freshDataDir, startTestApp } from '../harness';
import type { Veille } from '../../src/compose/startVeille';
import { DEFAULT_CRITERIA, type Criteria } from '../../src/criteria/criteria';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

describeWithChromium('A broken criteria file and a refused email, in a real browser', () => {
  let app: Veille;
  let cleanup: () => void;
  const chrome = browserForSuite();
  let dataDir: string;

  beforeEach(async () => {
    ({ dir: dataDir, cleanup } = freshDataDir());
    mkdirSync(path.join(dataDir, 'mailbox'), { recursive: true });
    writeFileSync(path.join(dataDir, 'criteres.json'), JSON.stringify(DEFAULT_CRITERIA, null, 2).replace('"remoteOk": true,', '"remoteOk": true'));
    const outside = path.join(path.dirname(dataDir), 'ailleurs.txt');
    writeFileSync(outside, 'From: alert@indeed.com\r\n\r\nhors du dossier');
    symlinkSync(outside, path.join(dataDir, 'mailbox', 'ailleurs.eml'));
    app = await startTestApp(dataDir);
  });

  afterEach(async () => {
    await app.close();
    cleanup();
  });

  it('should say what is wrong, show the broken text to fix, keep Enregistrer disabled while it saves, and list the refused email', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1400, height: 1200 } });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/criteria', async (route) => {
      if (route.request().method() === 'PUT') await held;
      await route.continue();
    });

    await page.goto(app.url);

    const broken = page.getByTestId('criteria-broken');
    await expect(broken.textContent()).resolves.toMatch(/JSON invalide ligne \d+, colonne 3 : .*virgule oubliée/);
    await expect(broken.textContent()).resolves.toContain("L'analyse est suspendue");
    await expect(page.getByTestId('mailbox-refused').textContent()).resolves.toMatch(
      /ailleurs\.eml — Lien symbolique vers .*ailleurs\.txt, hors de la boîte aux lettres/,
    );

    // The dashboard leads to Paramètres → Critères, where the broken text opens as it is, to fix.
    await page.getByRole('link', { name: 'Corriger les critères' }).click();
    await expect(broken.textContent()).resolves.toContain("L'analyse est suspendue");
    const editor = page.getByLabel('Critères (JSON)');
    await expect(editor.inputValue()).resolves.toContain('"remoteOk": true\n');

    await editor.fill(JSON.stringify({ ...DEFAULT_CRITERIA, salaryFloor: 52_000 }, null, 2));
    const save = page.getByRole('button', { name: 'Enregistrer' });
    await save.click();
    await page.getByRole('button', { name: 'Enregistrement…' }).waitFor();
    await expect(page.getByRole('button', { name: 'Enregistrement…' }).isDisabled()).resolves.toBe(true);
    release();

    await page.getByText('Critères enregistrés').waitFor();
    await expect(save.isEnabled()).resolves.toBe(true);
    await expect(broken.count()).resolves.toBe(0);
    expect((JSON.parse(readFileSync(path.join(dataDir, 'criteres.json'), 'utf8')) as Criteria).salaryFloor).toBe(52_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'criteria-repaired.png'), fullPage: true });
  }, 60_000);
});
