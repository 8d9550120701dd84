/**
 * The field explorer against the sandbox: fetching a website user's fields in one request, searching names and
 * labels, labels in the interface language, copying a name, and the cached catalogue with its fetch time after a
 * restart with onOffice out of reach. And the check form's new inputs: field names (typed or from a file) with
 * their problems shown inline, the website language remembered per profile, and the picture categories, all sent
 * with the check; an expected estate's reasons shown as chips.
 */
import type { Page } from '@playwright/test';
import { en } from '../../main/domain/i18n/catalogue.ts';
import { DE, expect, fillNewProfile, openApp, PASSPHRASE, setPassphrase, test } from './fixtures.ts';

const text = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

async function createProfile(page: Page, endpoint: string, token: string, secret: string): Promise<void> {
  await setPassphrase(page);
  await fillNewProfile(page, { label: 'Website Müller', endpoint, token, secret });
  await expect(page.getByRole('heading', { name: 'Website Müller' })).toBeVisible();
}

const fieldList = (page: Page) => page.getByRole('list', { name: DE['fields.listLabel'] });
const row = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);

test('fetches the fields once, searches them, copies a name, and opens them offline after a restart', async ({ page, context, launch, sandbox }) => {
  const user = sandbox.apiUsers.find((u) => u.scenario === 'healthy-website');
  if (user === undefined) throw new Error('the sandbox has no healthy-website user');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const first = await launch();
  await openApp(page, first);
  await createProfile(page, sandbox.endpoint, user.token, user.secret);

  await page.getByRole('button', { name: DE['profile.fields'] }).click();
  await expect(page.getByRole('heading', { name: DE['fields.title'], level: 1 })).toBeVisible();
  await expect(page.getByText(DE['fields.none'])).toBeVisible();
  const before = sandbox.control.requests().length;
  await page.getByRole('button', { name: DE['fields.fetch'] }).click();
  await expect(row(page, 'objektart')).toBeVisible();
  // Both languages in one signed request.
  expect(sandbox.control.requests()).toHaveLength(before + 1);
  const fetchedAt = await page.getByTestId('fields-fetched-at').textContent();
  expect(fetchedAt).toMatch(/^Abgerufen am /);

  // Search by name and by the German label; the list shows the label in the interface language.
  const search = page.getByLabel(DE['fields.search'], { exact: true });
  await search.fill('Objektart');
  await expect(fieldList(page).getByRole('listitem')).toHaveCount(1);
  await expect(row(page, 'objektart')).toContainText('Objektart');
  await search.fill('kaufpr');
  await expect(row(page, 'kaufpreis')).toBeVisible();
  await expect(row(page, 'objektart')).toHaveCount(0);

  // The English interface shows and searches the English labels.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByLabel(en['fields.search'], { exact: true }).fill('type of property');
  await expect(row(page, 'objektart')).toContainText('Type of property');
  await row(page, 'objektart').getByRole('button', { name: /objektart/ }).first().click();
  const detail = page.getByTestId('field-detail');
  await expect(detail.getByRole('heading', { name: 'objektart' })).toBeVisible();
  await expect(detail.getByRole('table', { name: en['fields.detail.values'] })).toContainText('haus');
  await page.getByRole('button', { name: 'DE', exact: true }).click();

  await row(page, 'objektart').getByRole('button', { name: text(DE['fields.copy.of'], { name: 'objektart' }) }).click();
  await expect(page.getByRole('status').filter({ hasText: text(DE['fields.copied'], { name: 'objektart' }) })).toBeVisible();
  // As a string: the tests are type-checked without the DOM's types.
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe('objektart');

  await page.getByRole('group', { name: DE['fields.module'] }).getByRole('button', { name: DE['fields.module.address'] }).click();
  await search.fill('');
  await expect(row(page, 'Email')).toBeVisible();
  await first.stop();
  await sandbox.stop();

  // onOffice out of reach, the app restarted: the catalogue comes from this computer, with its fetch time.
  const second = await launch();
  await openApp(page, second);
  await page.getByLabel(DE['vault.unlock.passphrase'], { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: DE['vault.unlock.submit'] }).click();
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.fields'] }).click();
  await expect(row(page, 'objektart')).toBeVisible();
  await expect(page.getByTestId('fields-fetched-at')).toHaveText(fetchedAt ?? '');
  await expect(page.getByRole('button', { name: DE['fields.fetchAgain'] })).toBeEnabled();
});

test('a failed fetch is explained with the fix, and nothing is cached', async ({ page, host, sandbox }) => {
  const user = sandbox.apiUsers.find((u) => u.scenario === 'healthy-website');
  if (user === undefined) throw new Error('the sandbox has no healthy-website user');
  await openApp(page, host);
  await createProfile(page, sandbox.endpoint, user.token, `${user.secret.slice(0, -1)}${user.secret.endsWith('0') ? '1' : '0'}`);
  await page.getByRole('button', { name: DE['profile.fields'] }).click();
  await page.getByRole('button', { name: DE['fields.fetch'] }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(DE['console.fix']);
  await expect(alert).toContainText('137');
  await expect(page.getByText(DE['fields.none'])).toBeVisible();
});

test('the check form sends field names, the remembered website language and the picture categories', async ({ page, host, sandbox }) => {
  const user = sandbox.apiUsers.find((u) => u.scenario === 'healthy-website');
  if (user === undefined) throw new Error('the sandbox has no healthy-website user');
  await openApp(page, host);
  await createProfile(page, sandbox.endpoint, user.token, user.secret);
  await page.getByRole('button', { name: DE['profile.check'] }).click();

  const fields = page.getByLabel(DE['check.fields'], { exact: true });
  await fields.fill('objekttitel, kaufpreis\nkontakt: Email\nobjekt.titel');
  await expect(page.getByText(text(DE['check.fields.unknownModule'], { line: 2, item: 'kontakt' }))).toBeVisible();
  await expect(page.getByText(text(DE['check.fields.invalidName'], { line: 3, item: 'objekt.titel' }))).toBeVisible();
  await expect(fields).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel(DE['check.fields.file']).setInputFiles({ name: 'felder.csv', mimeType: 'text/csv', buffer: Buffer.from('"objekttitel";"kaufpreis"\r\naddress:Email;Name\r\n') });
  await expect(fields).toHaveValue('"objekttitel";"kaufpreis"\r\naddress:Email;Name\r\n'.replace(/\r\n/g, '\n'));
  await expect(page.getByTestId('field-list-count')).toHaveText(text(DE['check.fields.count'], { estate: 2, address: 2 }));

  const language = page.getByLabel(DE['check.language'], { exact: true });
  await expect(language).toHaveValue('');
  await language.selectOption('ENG');
  await expect(page.getByRole('checkbox', { name: DE['check.picture.Titelbild'] })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: DE['check.picture.Epass_Skala'] })).not.toBeChecked();
  await page.getByRole('checkbox', { name: DE['check.picture.Epass_Skala'] }).check();
  await page.getByRole('checkbox', { name: DE['check.picture.Lageplan'] }).uncheck();

  await page.getByLabel(DE['check.estates'], { exact: true }).fill('99999');

  const sent = page.waitForRequest((r) => r.url().endsWith('/bridge/call/checksRun'));
  await page.getByRole('button', { name: DE['check.run'] }).click();
  expect((await sent).postDataJSON()).toMatchObject({
    fields: [
      { module: 'estate', names: ['objekttitel', 'kaufpreis'] },
      { module: 'address', names: ['Email', 'Name'] },
    ],
    language: 'ENG',
    pictureCategories: ['Titelbild', 'Foto', 'Foto_gross', 'Grundriss', 'Panorama', 'Epass_Skala'],
  });
  await expect(page.getByTestId('check-summary')).toBeVisible();
  await expect(page.locator('.check-steps [data-step="fields"] .check-step-name')).toHaveText(DE['check.step.fields']);
  // The expected estate's reasons show as chips, among the expected properties.
  const estate = page.getByTestId('estate-group').locator('[data-finding-id="estate:99999"]');
  await expect(estate.locator('[data-reason="not-found"]')).toHaveText(DE['check.reason.not-found']);

  // The language is remembered for this profile.
  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.checks'] }).click();
  await expect(page.getByLabel(DE['check.language'], { exact: true })).toHaveValue('ENG');
});
