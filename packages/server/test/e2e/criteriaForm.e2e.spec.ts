import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserForSuite, chromiumAvailable } from '../chromium';
import { appForSuite } from '../harness';
import { horizontalOverflow, seriousViolations } from '../pageChecks';
import { DEFAULT_CRITERIA, type Criteria } from '../../src/criteria/criteria';

const SCREENSHOTS = path.resolve(__dirname, '../../../../test-results');
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

describeWithChromium('The criteria form, in a real browser', () => {
  const suite = appForSuite();
  const chrome = browserForSuite();
  const saved = (): Criteria => JSON.parse(readFileSync(path.join(suite.dataDir, 'criteres.json'), 'utf8')) as Criteria;

  beforeEach(async () => {
    const reset = await fetch(`${suite.app.url}/api/criteria`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(DEFAULT_CRITERIA),
    });
    expect(reset.status).toBe(200);
  });

  const openEditor = async (width = 1280): Promise<Page> => {
    const page = await chrome.browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${suite.app.url}/?vue=parametres&section=criteres`);
    await page.getByTestId('criteria-form').waitFor();
    return page;
  };
  const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);
  const input = (page: Page, name: string) => field(page, name).locator('input, textarea').first();
  /** Saves and waits for the answer to be shown: the button reads « Enregistrer » again once it is. */
  const save = async (page: Page): Promise<string> => {
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/criteria') && response.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await answered;
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).and(page.locator(':enabled')).waitFor();
    return (await page.getByTestId('criteria-message').textContent()) ?? '';
  };

  it('should save what is typed in the form, as numbers and lists, and show it again after a reload', async () => {
    const page = await openEditor();

    await input(page, 'salaryFloor').fill('52 000');
    await input(page, 'keywords').fill('python, sql,\nkafka , ');
    await page.getByLabel('Le télétravail me convient').uncheck();
    await page.getByRole('button', { name: 'Ajouter un critère rédhibitoire' }).click();
    await input(page, 'dealBreakers[2].title').fill('Déplacements');
    await input(page, 'dealBreakers[2].keywords').fill('déplacements fréquents, mobilité nationale');
    await input(page, 'optionalScores[0].weight').fill('0,25');
    await input(page, 'otherResources').fill('CV : dix ans de data engineering à Lyon.');

    await expect(save(page)).resolves.toBe('Critères enregistrés : les prochaines analyses les suivent.');

    expect(saved()).toMatchObject({
      salaryFloor: 52_000,
      keywords: ['python', 'sql', 'kafka'],
      remoteOk: false,
      dealBreakers: [...DEFAULT_CRITERIA.dealBreakers, { title: 'Déplacements', description: '', keywords: ['déplacements fréquents', 'mobilité nationale'] }],
      optionalScores: [{ ...DEFAULT_CRITERIA.optionalScores[0], weight: 0.25 }],
      otherResources: 'CV : dix ans de data engineering à Lyon.',
    });
    await page.reload();
    await page.getByTestId('criteria-form').waitFor();
    await expect(input(page, 'salaryFloor').inputValue()).resolves.toBe('52000');
    await expect(input(page, 'keywords').inputValue()).resolves.toBe('python, sql, kafka');
    await expect(page.getByLabel('Le télétravail me convient').isChecked()).resolves.toBe(false);
    await expect(input(page, 'dealBreakers[2].title').inputValue()).resolves.toBe('Déplacements');
    await expect(input(page, 'optionalScores[0].weight').inputValue()).resolves.toBe('0,25');
  }, 60_000);

  it('should put each French message next to its field, keep the file, and save once the fields are fixed', async () => {
    const page = await openEditor();

    await input(page, 'salaryFloor').fill('-5');
    await input(page, 'scores.culture.weight').fill('beaucoup');
    await input(page, 'dealBreakers[0].title').fill('  ');

    await expect(save(page)).resolves.toBe('Critères non enregistrés : 3 champs à corriger (voir ci-dessus).');

    await expect(field(page, 'salaryFloor').locator('[data-issue]').textContent()).resolves.toBe(
      'Le salaire plancher doit être supérieur à 0 (vide : pas de plancher).',
    );
    await expect(field(page, 'scores.culture.weight').locator('[data-issue]').textContent()).resolves.toBe('Le poids doit être un nombre.');
    await expect(field(page, 'dealBreakers[0].title').locator('[data-issue]').textContent()).resolves.toBe('Le titre est obligatoire.');
    await expect(input(page, 'salaryFloor').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field(page, 'locations').locator('[data-issue]').count()).resolves.toBe(0);
    expect(saved()).toEqual(DEFAULT_CRITERIA);
    await expect(seriousViolations(page)).resolves.toEqual([]);

    await input(page, 'salaryFloor').fill('');
    await input(page, 'scores.culture.weight').fill('2');
    await input(page, 'dealBreakers[0].title').fill('Stage');

    await expect(save(page)).resolves.toBe('Critères enregistrés : les prochaines analyses les suivent.');
    await expect(page.locator('[data-issue]').count()).resolves.toBe(0);
    expect(saved()).toMatchObject({ salaryFloor: null, scores: { culture: { weight: 2 } }, dealBreakers: [{ title: 'Stage' }, {}] });
  }, 60_000);

  it('should carry edits between the form and the raw JSON both ways, refuse a raw text that is not JSON, and save from either', async () => {
    const page = await openEditor();
    const raw = page.getByLabel('Critères (JSON)');

    await input(page, 'locations').fill('Annecy, Chambéry');
    await page.getByRole('button', { name: 'JSON brut' }).click();

    const text = await raw.inputValue();
    expect(JSON.parse(text)).toEqual({ ...DEFAULT_CRITERIA, locations: ['Annecy', 'Chambéry'] });

    await raw.fill(text.replace('"remoteOk": true,', '"remoteOk": true'));
    await page.getByRole('button', { name: 'Formulaire' }).click();
    await expect(page.getByTestId('criteria-message').textContent()).resolves.toMatch(/^JSON invalide ligne \d+, colonne 3 : .*virgule oubliée/);
    await expect(raw.isVisible()).resolves.toBe(true);

    await raw.fill(text.replace('"salaryFloor": 45000', '"salaryFloor": 61000'));
    await page.getByRole('button', { name: 'Formulaire' }).click();
    await expect(input(page, 'salaryFloor').inputValue()).resolves.toBe('61000');
    await expect(input(page, 'locations').inputValue()).resolves.toBe('Annecy, Chambéry');

    await page.getByRole('button', { name: 'JSON brut' }).click();
    await raw.fill(JSON.stringify({ ...DEFAULT_CRITERIA, salaryFloor: 'beaucoup' }));
    await expect(save(page)).resolves.toMatch(/champ « salaryFloor » : Le salaire plancher doit être un nombre/);
    await raw.fill(JSON.stringify({ ...DEFAULT_CRITERIA, locations: ['Nantes'] }));
    await expect(save(page)).resolves.toBe('Critères enregistrés : les prochaines analyses les suivent.');
    expect(saved().locations).toEqual(['Nantes']);
    await page.getByRole('button', { name: 'Formulaire' }).click();
    await expect(input(page, 'locations').inputValue()).resolves.toBe('Nantes');
  }, 60_000);

  it('should stop at 4 deal-breakers and 4 optional scores, and fit a phone with no accessibility failure', async () => {
    const page = await openEditor(390);
    const addDealBreaker = page.getByRole('button', { name: 'Ajouter un critère rédhibitoire' });
    const addScore = page.getByRole('button', { name: 'Ajouter une note optionnelle' });

    await addDealBreaker.click();
    await expect(addDealBreaker.isEnabled()).resolves.toBe(true);
    await addDealBreaker.click();
    for (let added = 0; added < 3; added += 1) await addScore.click();

    await expect(addDealBreaker.isDisabled()).resolves.toBe(true);
    await expect(addScore.isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Retirer : Critère rédhibitoire 4' }).click();
    await expect(addDealBreaker.isEnabled()).resolves.toBe(true);
    await expect(horizontalOverflow(page)).resolves.toBe(0);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'criteria-form-phone.png'), fullPage: true });
  }, 60_000);
});
