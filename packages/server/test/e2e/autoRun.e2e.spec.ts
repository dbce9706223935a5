import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { appForSuite } from '../harness';
import { horizontalOverflow, seriousViolations } from '../pageChecks';
import { mimeMessage } from '../../src/demo/emails';

const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

const SENDER = 'alertes@nouveau-site.example';

describeWithChromium('New mail and automatic runs in a real browser', () => {
  const suite = appForSuite();
  const chrome = browserForSuite();

  const screenProblems = async (page: Page) => ({ overflow: await horizontalOverflow(page), violations: await seriousViolations(page) });
  const nextRun = (page: Page) => page.getByTestId('next-run').textContent();

  it('should show new mail by itself and the mailbox listening, and set automatic runs from one page for every page, on a phone and a desktop', async () => {
    const desktop = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const phone = await chrome.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (const page of [desktop, phone]) {
      await page.goto(suite.app.url);
      await page.locator('[data-testid="mailbox-watch"][data-state="listening"]').waitFor();
      await expect(page.getByTestId('mailbox-watch').textContent()).resolves.toBe('Boîte mail : à l’écoute');
      await expect(nextRun(page)).resolves.toContain('Aucun traitement automatique');
    }

    const alert = mimeMessage({ name: 'Nouveau site', address: SENDER }, 'Vos offres', new Date(), { text: 'Une offre', html: '<p>Une offre</p>' });
    writeFileSync(path.join(suite.dataDir, 'mailbox', 'nouvelle.eml'), alert);
    for (const page of [desktop, phone]) {
      await expect(page.locator(`tr[data-source="${SENDER}"] td[data-col="toImport"]`).textContent()).resolves.toBe('1');
    }

    await desktop.selectOption('#auto-run-mode', 'daily');
    for (const page of [desktop, phone]) {
      await page.locator('[data-testid="auto-run"][data-mode="daily@07:30"]').waitFor();
      await expect(nextRun(page)).resolves.toMatch(/^Prochain traitement : (aujourd’hui|demain) à 07:30\.$/);
    }
    await phone.getByLabel('Heure du traitement quotidien').fill('18:45');
    for (const page of [desktop, phone]) {
      await page.locator('[data-testid="auto-run"][data-mode="daily@18:45"]').waitFor();
      await expect(nextRun(page)).resolves.toMatch(/à 18:45\.$/);
      await expect(screenProblems(page)).resolves.toEqual({ overflow: 0, violations: [] });
    }

    await phone.selectOption('#auto-run-mode', 'mail');
    await desktop.locator('[data-testid="auto-run"][data-mode="mail"]').waitFor();
    // The demo's alerts wait: a run is due once the mailbox has been quiet for a moment.
    await expect(nextRun(desktop)).resolves.toMatch(/^Prochain traitement : aujourd’hui à \d\d:\d\d\.$/);
    await desktop.selectOption('#auto-run-mode', 'off');
    await phone.locator('[data-testid="auto-run"][data-mode="off"]').waitFor();
    expect(suite.app.deps.bus.current().autoRun).toEqual({ mode: 'off', next: null });
    expect(suite.app.deps.bus.current().run.active).toBe(false);
  });
});
