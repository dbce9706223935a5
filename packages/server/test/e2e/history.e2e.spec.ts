import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { appForSuite, runEnded } from '../harness';
import { horizontalOverflow, seriousViolations } from '../pageChecks';

const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

/** An alert from a board Veille knows that holds no offer: the import fails it, with a reason. */
const EMPTY_ALERT = [
  'From: HelloWork <notification@emails.hellowork.com>',
  'To: moi@example.org',
  'Subject: Vos alertes du jour',
  'Date: Tue, 24 Nov 2026 08:00:00 +0100',
  'Message-ID: <vide@hellowork.test>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  "Aucune offre aujourd'hui.",
  '',
].join('\r\n');

describeWithChromium('Run history in a real browser', () => {
  const suite = appForSuite();
  const chrome = browserForSuite();

  const screenProblems = async (page: Page) => ({ overflow: await horizontalOverflow(page), violations: await seriousViolations(page) });

  it('should show a run live once it ends, with its trigger, its failures and their reasons, and the consumption per day, on a phone and a desktop', async () => {
    const desktop = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const phone = await chrome.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (const page of [desktop, phone]) {
      await page.goto(suite.app.url);
      await page.getByText("Aucun traitement enregistré pour l'instant.").waitFor();
    }
    writeFileSync(path.join(suite.dataDir, 'mailbox', 'vide.eml'), EMPTY_ALERT);

    // As `pnpm process` beside this server asks for it.
    const ended = runEnded(suite.app.deps.bus);
    const started = await fetch(`${suite.app.url}/api/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ trigger: 'cli' }),
    });
    await ended;

    expect(started.status).toBe(202);
    for (const page of [desktop, phone]) {
      const run = page.getByTestId('run').first();
      await run.waitFor();
      await expect(run.getAttribute('data-trigger')).resolves.toBe('cli');
      await expect(run.textContent()).resolves.toContain('pnpm process');
      const importLine = run.locator('[data-run-phase="import"]');
      await expect(importLine.textContent()).resolves.toMatch(/1 échec/);
      const reason = importLine.locator('.failures li');
      await expect(reason.isVisible()).resolves.toBe(false);
      await importLine.getByText('Voir les raisons').click();
      await expect(reason.textContent()).resolves.toMatch(/vide\.eml \(notification@emails\.hellowork\.com\) — \S/);
      await page.locator('[data-testid="usage-chart"] li[data-calls]:not([data-calls="0"])').first().waitFor();
      await expect(page.getByTestId('usage-chart').locator('li').count()).resolves.toBe(30);
      await expect(screenProblems(page)).resolves.toEqual({ overflow: 0, violations: [] });
    }
  }, 90_000);
});
