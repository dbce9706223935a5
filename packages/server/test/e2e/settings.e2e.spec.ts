import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumAvailable, CHROMIUM } from '../chromium';
import { dovecotAvailable, startDovecot, type Dovecot } from '../dovecot';
import { startFakeAirtable, type FakeAirtable } from '../fakeAirtable';
import { startFakeAnthropic, type FakeAnthropic } from '../fakeAnthropic';
import { appForSuite, freshDataDir, startTestApp } from '../harness';
import { horizontalOverflow, seriousViolations } from '../pageChecks';
import type { Veille } from '../../src/compose/startVeille';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const describeWithBoth = chromiumAvailable() && dovecotAvailable() ? describe : describe.skip;

const alert = (subject: string): string =>
  ['From: Indeed <alert@indeed.com>', 'To: moi@example.org', `Subject: ${subject}`, 'Content-Type: text/plain; charset=utf-8', '', 'Une offre.', ''].join(
    '\r\n',
  );

/** Fits both widths with no accessibility failure, as the page is now. */
const checkLayout = async (page: Page, name: string): Promise<void> => {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(horizontalOverflow(page)).resolves.toBe(0);
    await expect(seriousViolations(page)).resolves.toEqual([]);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

describeWithBoth('Paramètres and Premiers pas, in a real browser against a real Dovecot', () => {
  let browser: Browser;
  let dovecot: Dovecot;

  beforeAll(async () => {
    [browser, dovecot] = await Promise.all([chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() }), startDovecot()]);
    await dovecot.append('INBOX', alert('Première alerte'));
    await dovecot.append('INBOX', alert('Deuxième alerte'));
    await dovecot.append('Alertes', alert('Alerte rangée'));
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), dovecot?.remove()]);
  });

  const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);
  const save = async (page: Page): Promise<string> => {
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/settings') && response.request().method() === 'PUT');
    await page.getByTestId('settings').getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await answered;
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).and(page.locator(':enabled')).waitFor();
    return (await page.getByTestId('settings-message').textContent()) ?? '';
  };
  /** Runs « Tester » of a part and answers what the page then says. */
  const test = async (page: Page, part: 'mailbox' | 'store' | 'analysis'): Promise<string> => {
    await page.getByTestId(`settings-test-${part}`).click();
    await page.getByTestId(`settings-test-${part}`).and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    return (await page.getByTestId('settings-test-result').textContent())?.trim() ?? '';
  };
  const testMailbox = (page: Page) => test(page, 'mailbox');

  describe('Configured from the page only', () => {
    // No IMAP_* variable: the mailbox is configured from the page only.
    const suite = appForSuite();

    it('should offer Premiers pas on a first start, connect the Dovecot from Paramètres, and never show the password again', async () => {
      // Dismissed, it stays hidden in this browser until asked for again.
      const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await other.goto(suite.app.url);
      await other.getByTestId('first-steps').getByRole('button', { name: 'Masquer' }).click();
      const settingsRead = other.waitForResponse((response) => response.url().endsWith('/api/settings'));
      await other.reload();
      await settingsRead;
      await other.getByRole('heading', { name: 'Synthèse des offres' }).waitFor();
      await expect(other.getByTestId('first-steps').count()).resolves.toBe(0);
      await other.getByRole('button', { name: 'Premiers pas' }).click();
      await other.getByTestId('first-steps').waitFor();
      await other.close();

      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(suite.app.url);

      const firstSteps = page.getByTestId('first-steps');
      await expect(firstSteps.textContent()).resolves.toContain('démo');
      await checkLayout(page, 'first-steps');
      await firstSteps.getByRole('button', { name: 'Connecter ma boîte mail' }).click();

      await page.getByTestId('settings').waitFor();
      expect(new URL(page.url()).search).toBe('?vue=parametres&section=boite-mail');
      await page.getByLabel('Ma boîte mail (IMAP)').check();
      await page.getByLabel('Fournisseur').selectOption({ label: 'Gmail' });
      await expect(field(page, 'mailbox.host').inputValue()).resolves.toBe('imap.gmail.com');
      const help = page.getByRole('link', { name: /Créer un mot de passe d'application Google/ });
      await expect(help.getAttribute('href')).resolves.toBe('https://myaccount.google.com/apppasswords');
      await expect(help.getAttribute('rel')).resolves.toBe('noopener noreferrer');
      await expect(help.getAttribute('target')).resolves.toBe('_blank');

      await field(page, 'mailbox.host').fill(dovecot.host);
      await field(page, 'mailbox.port').fill(String(dovecot.port));
      await field(page, 'mailbox.secure').uncheck();
      await field(page, 'mailbox.user').fill(dovecot.user);
      await field(page, 'mailbox.password').fill(dovecot.password);
      await expect(field(page, 'mailbox.password').getAttribute('type')).resolves.toBe('password');
      await expect(field(page, 'mailbox.password').getAttribute('autocomplete')).resolves.toBe('off');

      // Tested before it is saved: the folder is then chosen from the server's own list.
      await expect(testMailbox(page)).resolves.toBe('✓ Connecté : 2 emails dans INBOX.');
      const folder = page.locator('select[name="mailbox.folder"]');
      await expect(folder.locator('option').allTextContents()).resolves.toEqual(expect.arrayContaining(['INBOX', 'Alertes']));
      await folder.selectOption('Alertes');
      await checkLayout(page, 'settings-mailbox');

      await expect(save(page)).resolves.toBe('Paramètres enregistrés.');
      await expect(page.locator('[data-field="mailbox.password"] [data-secret-state]').textContent()).resolves.toMatch(/^enregistré \(…/);
      await expect(field(page, 'mailbox.password').count()).resolves.toBe(0);
      expect(await page.content()).not.toContain(dovecot.password);

      // A reload stays in Paramètres, with what was saved and still no password.
      await page.reload();
      await expect(field(page, 'mailbox.host').inputValue()).resolves.toBe(dovecot.host);
      await expect(field(page, 'mailbox.folder').inputValue()).resolves.toBe('Alertes');
      expect(await page.content()).not.toContain(dovecot.password);
      await expect(testMailbox(page)).resolves.toBe('✓ Connecté : 1 email dans Alertes.');

      await page.getByRole('link', { name: 'Tableau de bord' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Synthèse des offres' }).waitFor();
      await expect(firstSteps.count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Premiers pas' }).click();
      await expect(firstSteps.textContent()).resolves.toContain('Votre boîte mail est connectée');
    }, 90_000);

    it('should put a refused value next to its field, and say a wrong password in French next to the test', async () => {
      // Dovecot slows every login from this address after a wrong password: that one gets its own server.
      const strict = await startDovecot();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(`${suite.app.url}/?vue=parametres&section=boite-mail`);
        await field(page, 'mailbox.port').fill('quatre');

        await expect(save(page)).resolves.not.toBe('Paramètres enregistrés.');
        const port = field(page, 'mailbox.port');
        await expect(port.getAttribute('aria-invalid')).resolves.toBe('true');
        const describedBy = (await port.getAttribute('aria-describedby')) ?? '';
        const issue = page.locator('[data-field="mailbox.port"] [data-issue]');
        expect(describedBy.split(' ')).toContain(await issue.getAttribute('id'));
        await expect(issue.textContent()).resolves.toBe('un numéro de port est attendu');

        await port.fill(String(strict.port));
        await page.locator('[data-field="mailbox.password"]').getByRole('button', { name: 'Remplacer' }).click();
        await field(page, 'mailbox.password').fill('pas-le-bon');
        await expect(testMailbox(page)).resolves.toMatch(/^✗ Connexion IMAP refusée : identifiant ou mot de passe incorrect/);
        await expect(page.getByTestId('settings-test-result').evaluate((node) => getComputedStyle(node).color)).resolves.toBe('rgb(185, 28, 28)');
        await checkLayout(page, 'settings-wrong-password');
      } finally {
        await strict.remove();
      }
    }, 90_000);

    it('should keep the id of a pasted Airtable address, list the models with their prices, and save a key and a cap it never shows', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const key = 'sk-ant-api-secret-key-0042';
      await page.goto(`${suite.app.url}/?vue=parametres&section=stockage`);

      await page.getByLabel('Airtable').check();
      await field(page, 'store.baseId').fill('https://airtable.com/appAbCdEfGhIjKlMn/tblXyz/viwAbc?blocks=hide');
      await field(page, 'store.baseId').blur();
      await expect(field(page, 'store.baseId').inputValue()).resolves.toBe('appAbCdEfGhIjKlMn');
      await expect(page.getByRole('link', { name: /créer un jeton Airtable/ }).getAttribute('rel')).resolves.toBe('noopener noreferrer');
      await checkLayout(page, 'settings-store');

      // The sections are links: the keyboard alone goes from one to the next.
      await page.getByTestId('settings').getByRole('link', { name: 'Analyse' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Analyse' }).waitFor();
      expect(new URL(page.url()).search).toBe('?vue=parametres&section=analyse');
      await expect(page.getByTestId('settings').textContent()).resolves.toContain('Sans clé Claude, Veille note chaque offre avec ses règles');
      await page.getByLabel('Claude (IA, payant)').check();
      const models = await page.locator('select[name="analysis.model"] option').allTextContents();
      expect(models.length).toBeGreaterThan(1);
      for (const model of models) expect(model).toMatch(/ — .* \/ .* par million de jetons \(entrée \/ sortie\)$/);
      await expect(page.locator('[data-field="analysis.model"] small').first().textContent()).resolves.toMatch(/^Prix : .* par million de jetons/);
      await field(page, 'analysis.apiKey').fill(key);
      await field(page, 'analysis.cap.daily').fill('2,5');

      await expect(save(page)).resolves.toBe('Paramètres enregistrés.');
      await expect(page.locator('[data-field="analysis.apiKey"] [data-secret-state]').textContent()).resolves.toBe('enregistré (…0042)');
      await expect(field(page, 'analysis.cap.daily').inputValue()).resolves.toBe('2,5');
      await expect(field(page, 'analysis.cap.monthly').inputValue()).resolves.toBe('');
      expect(await page.content()).not.toContain(key);
      await checkLayout(page, 'settings-analysis');

      // During a run the server refuses a save with why: the page says it as it came, and waits for it with Enregistrer disabled.
      const duringRun = 'Paramètres non enregistrés : un traitement est en cours.';
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/settings', async (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        await held;
        await route.fulfill({ status: 409, json: { error: duringRun } });
      });
      await field(page, 'analysis.cap.monthly').fill('20');
      await page.getByTestId('settings').getByRole('button', { name: 'Enregistrer', exact: true }).click();
      const saving = page.getByTestId('settings').getByRole('button', { name: 'Enregistrement…' });
      await saving.waitFor();
      await expect(saving.isDisabled()).resolves.toBe(true);
      release();
      await page.getByTestId('settings-message').getByText(duringRun).waitFor();
      await expect(page.getByRole('button', { name: 'Enregistrer', exact: true }).isEnabled()).resolves.toBe(true);
      await page.unroute('**/api/settings');

      // Removed, the key leaves: the rules note again.
      await page.locator('[data-field="analysis.apiKey"]').getByRole('button', { name: 'Supprimer' }).click();
      await page.getByLabel('Règles (sans IA, gratuit)').check();
      await expect(save(page)).resolves.toBe('Paramètres enregistrés.');
      await page.getByLabel('Claude (IA, payant)').check();
      await expect(field(page, 'analysis.apiKey').inputValue()).resolves.toBe('');
    }, 90_000);
  });

  describe('With the mailbox in the environment, Airtable and Claude answered by fakes', () => {
    let app: Veille;
    let cleanup: () => void;
    let airtable: FakeAirtable;
    let anthropic: FakeAnthropic;

    beforeAll(async () => {
      [airtable, anthropic] = await Promise.all([startFakeAirtable({ apiKey: 'patFakeToken.0123456789abcdef' }), startFakeAnthropic()]);
      let dir: string;
      ({ dir, cleanup } = freshDataDir());
      app = await startTestApp(dir, {
        IMAP_HOST: dovecot.host,
        IMAP_PORT: String(dovecot.port),
        IMAP_SECURE: 'false',
        IMAP_USER: dovecot.user,
        IMAP_PASSWORD: dovecot.password,
        // Where Airtable and Claude answer is no setting of the page.
        AIRTABLE_ENDPOINT_URL: airtable.url,
        ANTHROPIC_BASE_URL: anthropic.url,
      });
    });

    afterAll(async () => {
      await app?.close();
      await Promise.all([airtable?.close(), anthropic?.close()]);
      cleanup?.();
    });

    it('should show what the environment sets read-only, offer no Premiers pas, and test Airtable and Claude with values not saved', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const settingsRead = page.waitForResponse((response) => response.url().endsWith('/api/settings'));
      await page.goto(app.url);
      await settingsRead;
      await page.getByRole('heading', { name: 'Synthèse des offres' }).waitFor();
      await expect(page.getByTestId('first-steps').count()).resolves.toBe(0);

      await page.getByRole('link', { name: 'Paramètres' }).click();
      const host = field(page, 'mailbox.host');
      await expect(host.inputValue()).resolves.toBe(dovecot.host);
      await expect(host.getAttribute('readonly')).resolves.not.toBeNull();
      const envNote = page.locator('#setting-mailbox-host-env');
      await expect(envNote.textContent()).resolves.toBe("défini par l'environnement");
      expect((await host.getAttribute('aria-describedby'))?.split(' ')).toContain('setting-mailbox-host-env');
      await expect(page.getByLabel('Ma boîte mail (IMAP)').isDisabled()).resolves.toBe(true);
      const password = page.locator('[data-field="mailbox.password"]');
      await expect(password.locator('[data-secret-state]').textContent()).resolves.toMatch(/^enregistré \(…/);
      await expect(password.getByRole('button').count()).resolves.toBe(0);
      await expect(field(page, 'mailbox.folder').getAttribute('readonly')).resolves.toBeNull();
      await expect(testMailbox(page)).resolves.toMatch(/^✓ Connecté : \d+ emails? dans INBOX\.$/);
      await checkLayout(page, 'settings-from-env');

      await page.getByTestId('settings').getByRole('link', { name: 'Stockage' }).click();
      await page.getByLabel('Airtable').check();
      await field(page, 'store.token').fill('patWrongToken.000000000000');
      await field(page, 'store.baseId').fill(`https://airtable.com/${airtable.baseId}/tblX/viwY`);
      await expect(test(page, 'store')).resolves.toMatch(/^✗ /);
      await field(page, 'store.token').fill(airtable.apiKey);
      await expect(test(page, 'store')).resolves.toMatch(/^✓ Jeton et base acceptés/);

      await page.getByTestId('settings').getByRole('link', { name: 'Analyse' }).click();
      await page.getByLabel('Claude (IA, payant)').check();
      await field(page, 'analysis.apiKey').fill('sk-ant-fake-key-for-the-test-9876');
      await expect(test(page, 'analysis')).resolves.toMatch(/^✓ Claude répond \(.+\) : ce test a coûté .*\$/);
      await page.getByTestId('settings').getByRole('link', { name: 'Boîte mail' }).click();
      expect(await page.content()).not.toContain(dovecot.password);
      expect(await page.content()).not.toContain(airtable.apiKey);
    }, 90_000);
  });
});
