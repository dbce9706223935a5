import { STATUS } from '@veille/domain';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumAvailable, CHROMIUM } from '../chromium';
import { freshDataDir, runEnded, startTestApp, until } from '../harness';
import { horizontalOverflow, seriousViolations } from '../pageChecks';
import { SMTP_PASSWORD, SMTP_USER, startSmtpServer } from '../smtp';
import type { Veille } from '../../src/compose/startVeille';

const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

type Observed = { asked: number; shown: { title: string; body: string; tag: string }[] };

/**
 * The page's Notification, observed: each notification shown and each permission request are
 * recorded. The permission starts undecided, as on a first visit, and the request grants it;
 * the real notification (granted to the context) is still created.
 */
const OBSERVE_NOTIFICATIONS = () => {
  const Real = window.Notification;
  const seen: Observed = { asked: 0, shown: [] };
  // Kept as the browser keeps it: a reload does not ask again.
  let permission = (localStorage.getItem('stub.permission') ?? 'default') as NotificationPermission;
  class Notification extends Real {
    constructor(title: string, options: NotificationOptions = {}) {
      seen.shown.push({ title, body: options.body ?? '', tag: options.tag ?? '' });
      super(title, options);
    }
    static get permission(): NotificationPermission {
      return permission;
    }
    static requestPermission(): Promise<NotificationPermission> {
      seen.asked += 1;
      permission = 'granted';
      localStorage.setItem('stub.permission', permission);
      return Promise.resolve(permission);
    }
  }
  Object.assign(window, { Notification, seen });
};

/** A browser without the Notification API (an old one, an embedded view). */
const NO_NOTIFICATIONS = () => {
  delete (window as { Notification?: unknown }).Notification;
};

const screenProblems = async (page: Page) => ({ overflow: await horizontalOverflow(page), violations: await seriousViolations(page) });

describeWithChromium('Digest in a real browser: « Me prévenir », the run panel, Paramètres › Résumé', () => {
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let app: Veille;
  let cleanup: () => void;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [browser, smtp] = await Promise.all([chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() }), startSmtpServer()]);
    const data = freshDataDir();
    cleanup = data.cleanup;
    app = await startTestApp(data.dir);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await app?.close();
    await Promise.all([browser?.close(), smtp?.close()]);
    cleanup?.();
  });

  const open = async (options: { permissions?: string[]; phone?: boolean; init: () => void }): Promise<{ page: Page; errors: string[] }> => {
    const context = await browser.newContext({
      permissions: options.permissions ?? [],
      viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      isMobile: options.phone,
      hasTouch: options.phone,
    });
    contexts.push(context);
    await context.addInitScript(options.init);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.url);
    await page.getByTestId('run-panel').waitFor();
    return { page, errors };
  };

  it('should set up the email digest in Paramètres › Résumé: Tester sends an email, the password is never shown again', async () => {
    const { page } = await open({ permissions: ['notifications'], init: OBSERVE_NOTIFICATIONS });
    await page.goto(`${app.url}/?vue=parametres&section=resume`);
    const form = page.getByRole('form', { name: 'Résumé des nouvelles offres' });
    await form.waitFor();

    await page.locator('[name="digest.host"]').fill('127.0.0.1');
    await page.locator('[name="digest.port"]').fill(String(smtp.port));
    await page.locator('[name="digest.user"]').fill(SMTP_USER);
    await page.locator('[name="digest.password"]').fill(SMTP_PASSWORD);
    await page.locator('[name="digest.to"]').fill('moi@example.org');
    await page.getByTestId('settings-test-digest').click();
    await page.getByTestId('settings-test-result').filter({ hasText: 'Email de test envoyé' }).waitFor({ timeout: 20_000 });
    await smtp.receivedCount(1);
    expect(smtp.received[0].subject).toBe('Veille : test du résumé par email');

    await page.locator('[name="digest.minScore"]').fill('25');
    await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.locator('#setting-digest-minScore-issue').textContent()).resolves.toContain('entre 0 et 20');
    await page.locator('[name="digest.minScore"]').fill('14');
    await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByTestId('settings-message').filter({ hasText: 'Paramètres enregistrés.' }).waitFor();

    expect(await page.content()).not.toContain(SMTP_PASSWORD);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await expect(screenProblems(page)).resolves.toEqual({ overflow: 0, violations: [] });
    }
  });

  it('should ask for permission once, from « Me prévenir », then notify the new offers when a run ends, and say the email was sent', async () => {
    const desktop = await open({ permissions: ['notifications'], init: OBSERVE_NOTIFICATIONS });
    const phone = await open({ phone: true, init: NO_NOTIFICATIONS });
    const seen = () => desktop.page.evaluate(() => (window as unknown as { seen: Observed }).seen);
    const toggle = desktop.page.getByRole('button', { name: 'Me prévenir' });

    await expect(seen()).resolves.toEqual({ asked: 0, shown: [] });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(seen()).resolves.toMatchObject({ asked: 1 });
    // Without the API, no button, and nothing breaks.
    await expect(phone.page.getByRole('button', { name: 'Me prévenir' }).count()).resolves.toBe(0);

    const ended = runEnded(app.deps.bus);
    await desktop.page.getByRole('button', { name: 'Lancer les traitements' }).click();
    const state = await ended;
    await until(app.deps.bus, (current) => current.run.digest?.mail === 'sent');

    const best = [...state.offers.values()]
      .filter((offer) => offer.status === STATUS.toProcess && (offer.analysis?.total ?? 0) >= 14)
      .sort((a, b) => (b.analysis?.total ?? 0) - (a.analysis?.total ?? 0) || a.title.localeCompare(b.title, 'fr'));
    expect(best.length).toBeGreaterThan(1);
    const headline = `${best.length} nouvelles offres ≥ 14/20`;
    await desktop.page.waitForFunction(() => (window as unknown as { seen: Observed }).seen.shown.length > 0);
    const { shown, asked } = await seen();
    expect(asked).toBe(1);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: headline, tag: 'veille-digest' });
    expect(shown[0].body).toContain(best[0].title);
    await smtp.receivedCount(2);
    expect(smtp.received[1].subject).toBe(`Veille : ${headline}`);

    for (const { page, errors } of [desktop, phone]) {
      const line = page.getByTestId('run-digest');
      await line.filter({ hasText: 'résumé envoyé par email' }).waitFor();
      await expect(line.textContent()).resolves.toContain(headline);
      await expect(screenProblems(page)).resolves.toEqual({ overflow: 0, violations: [] });
      expect(errors).toEqual([]);
    }

    // The choice is remembered in this browser: no second request after a reload.
    await desktop.page.reload();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(seen()).resolves.toEqual({ asked: 0, shown: [] });
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
  }, 90_000);
});
