import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { startTestApp } from '../harness';
import { mountSmallDisk, smallDiskAvailable } from '../smallDisk';
import { seedDemo } from '../../src/demo/seed';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const describeWithBoth = chromiumAvailable() && smallDiskAvailable() ? describe : describe.skip;

describeWithBoth('A refused write, in a real browser', () => {
  const chrome = browserForSuite();

  it('should show why Veille stopped the run in the run panel, through the event stream', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'veille-e2e-disk-'));
    const mailbox = path.join(work, 'data', 'mailbox');
    mkdirSync(mailbox, { recursive: true });
    const disk = mountSmallDisk(4, mailbox);
    const app = await startTestApp(path.join(work, 'data'));
    try {
      await seedDemo(mailbox, app.url);
      const page = await chrome.browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Mise à jour' }).click();
      await page.locator('[data-source="__totals__"] [data-col="toImport"]').filter({ hasText: /[1-9]/ }).waitFor();
      disk.readOnly(true);

      await page.getByTestId('run-button').click();

      const reason = page.getByTestId('stop-reason');
      await reason.waitFor({ timeout: 30_000 });
      await expect(reason.textContent()).resolves.toMatch(/^Disque en lecture seule : l'email « .+ » n'a pas pu être archivé\. Rien n'est perdu : /);
      await page
        .getByTestId('run-panel')
        .getByText(/Arrêtés à/)
        .waitFor();
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'run-stopped-on-refused-write.png'), fullPage: true });
    } finally {
      await app.close();
      disk.unmount();
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
