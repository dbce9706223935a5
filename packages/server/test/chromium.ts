import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without Chromium a laptop skips loudly; CI never skips: there the test fails instead. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) return true;
  console.warn(`\n*** Browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium) ***\n`);
  return false;
}

/** Playwright gives each launch a fresh profile of its own. */
export function chromiumArgs(): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** One Chromium for a whole describe block: launched before its tests, closed after them. */
export function browserForSuite(): { readonly browser: Browser } {
  const suite = {} as { browser: Browser };
  beforeAll(async () => {
    suite.browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
