import { browserForSuite, chromiumAvailable } from '../chromium';
import { freshDataDir, startTestApp } from '../harness';
import type { Veille } from '../../src/compose/startVeille';

const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

const SENDER = 'alertes@liens.example';
const on = { import: true, enrich: true, analyse: true };

/** Links an offer could hold if a store was filled by another tool (Airtable edited by hand, an old import). */
const LINKS: Record<string, string> = {
  web: 'https://www.example.com/emplois/1',
  plain: 'http://jobs.example.org/offre?id=2',
  javascript: 'javascript:alert(document.cookie)',
  data: 'data:text/html,<script>alert(1)</script>',
  file: 'file:///etc/passwd',
  vbscript: 'vbscript:msgbox(1)',
};

describeWithChromium("An offer's link in the page", () => {
  let app: Veille;
  let cleanup: () => void;
  const chrome = browserForSuite();

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir);
    await app.deps.store.addSources([{ sender: SENDER, board: 'HelloWork', activation: on, available: on }]);
    await app.deps.store.saveOffers(
      Object.entries(LINKS).map(([name, url]) => ({
        key: `liens:${name}`,
        source: SENDER,
        url,
        title: name,
        company: '',
        city: '',
        department: '',
        salary: '',
        offerDate: '',
      })),
    );
    await fetch(`${app.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  });

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  it('should be a link, opened without opener or referrer, only when it leads to a web page', async () => {
    const page = await chrome.browser.newPage();
    await page.goto(app.url);

    await page.locator(`[data-source="${SENDER}"] [data-col="A compléter"] button`).click();
    const list = page.getByTestId('offer-list');
    await list
      .locator('li')
      .nth(Object.keys(LINKS).length - 1)
      .waitFor();

    const anchors = await list
      .locator('a')
      .evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('rel')]));
    expect(anchors.sort()).toEqual([
      ['plain', LINKS.plain, 'noopener noreferrer'],
      ['web', LINKS.web, 'noopener noreferrer'],
    ]);
    expect((await list.locator('li .title').allTextContents()).sort()).toEqual(['data', 'file', 'javascript', 'vbscript']);
    expect(await page.locator('a[href^="javascript:"], a[href^="data:"], a[href^="file:"], a[href^="vbscript:"]').count()).toBe(0);
  }, 60_000);
});
