import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { freshDataDir, startTestApp } from '../harness';
import { seriousViolations } from '../pageChecks';
import type { Veille } from '../../src/compose/startVeille';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

const HELLOWORK = 'notification@emails.hellowork.com';
const INDEED = 'alert@indeed.com';
const on = { import: true, enrich: true, analyse: true };
const job = { title: 'Data Engineer (H/F)', company: 'Acme Data', city: 'Lyon', department: '69', salary: '', offerDate: '' };

describeWithChromium('One job from two boards, in the workspace', () => {
  let app: Veille;
  let cleanup: () => void;
  const chrome = browserForSuite();
  let keptId: string;
  let duplicateId: string;

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir);
    // As a run leaves them: the HelloWork offer read and kept, the Indeed one set aside as its duplicate.
    await app.deps.store.addSources([
      { sender: HELLOWORK, board: 'HelloWork', activation: on, available: on },
      { sender: INDEED, board: 'Indeed', activation: on, available: on },
    ]);
    const [kept, duplicate] = await app.deps.store.saveOffers([
      { ...job, key: 'hellowork:90000042', source: HELLOWORK, url: 'https://www.hellowork.com/fr-fr/emplois/90000042.html' },
      { ...job, key: 'indeed:f00d0042', source: INDEED, url: 'https://www.indeed.com/viewjob?jk=f00d0042' },
    ]);
    ({ id: keptId } = kept);
    ({ id: duplicateId } = duplicate);
    await app.deps.store.updateOffers([
      {
        id: keptId,
        patch: { status: 'À analyser', text: 'Acme Data recrute une personne data engineer à Lyon.', reason: '', canonical: 'acme-data.fr/offres/42' },
      },
      {
        id: duplicateId,
        patch: { status: 'Ignoré', text: 'Acme Data recrute.', reason: 'Doublon de Data Engineer (H/F) — Acme Data (HelloWork)', duplicateOf: keptId },
      },
    ]);
    await fetch(`${app.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  });

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  it('should say « aussi vue sur Indeed » on the offer kept, and open it from its duplicate’s detail', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/?vue=offres`);

    const keptRow = page.locator(`[data-offer-id="${keptId}"]`);
    await expect(keptRow.locator('.also').textContent()).resolves.toContain('aussi vue sur Indeed');
    await expect(page.locator(`[data-offer-id="${duplicateId}"] .also`).count()).resolves.toBe(0);

    await page.goto(`${app.url}/?vue=offres&offre=${duplicateId}`);
    const detail = page.getByTestId('offer-detail');
    const kept = detail.getByTestId('duplicate-of').getByRole('button', { name: 'Data Engineer (H/F) — Acme Data (HelloWork)' });
    await kept.waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await kept.click();

    await page.waitForURL((url) => url.searchParams.get('offre') === keptId);
    await expect(detail.getByTestId('seen-also-on').textContent()).resolves.toBe('Offre aussi vue sur Indeed.');
    await expect(detail.getByTestId('duplicate-of').count()).resolves.toBe(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-duplicates-1280.png'), fullPage: true });
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('offre') === duplicateId);
    await page.close();
  }, 60_000);
});
