/** main checks pasted credentials and the form shows its findings next to the fields, keeping what was typed. */
import { DE, expect, fillNewProfile, openApp, SAMPLE_SECRET as SECRET, SAMPLE_TOKEN as TOKEN, setPassphrase, test, UNUSED_ENDPOINT } from './fixtures.ts';

test('a short token and swapped credentials are explained at the fields', async ({ page, host }) => {
  expect(TOKEN).toHaveLength(32);
  expect(SECRET).toHaveLength(64);
  await openApp(page, host);
  await setPassphrase(page);

  await fillNewProfile(page, { label: 'Kurzer Token', endpoint: UNUSED_ENDPOINT, token: TOKEN.slice(0, 31), secret: SECRET });
  const tokenError = page.locator('.field-error[data-error-code="token-length"]');
  await expect(tokenError).toHaveText(DE['cred.length'].replace('{name}', DE['cred.name.token']).replace('{length}', '32').replace('{actual}', '31'));
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel(DE['field.token'], { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(DE['field.label'], { exact: true })).toHaveValue('Kurzer Token');

  await page.getByLabel(DE['field.token'], { exact: true }).fill(SECRET);
  await page.getByLabel(DE['field.secret'], { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: DE['profile.create.submit'] }).click();
  await expect(page.locator('.field-error[data-error-code="credentials-swapped"]')).toHaveText(DE['cred.swapped']);
  await expect(tokenError).toHaveCount(0);
  await expect(page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button')).toHaveCount(0);

  // An API claim copied with a space inside is explained at its own field.
  await page.getByLabel(DE['field.token'], { exact: true }).fill(TOKEN);
  await page.getByLabel(DE['field.secret'], { exact: true }).fill(SECRET);
  await page.getByLabel(DE['field.apiClaim'], { exact: true }).fill('c1aim-part-one c1aim-part-two');
  await page.getByRole('button', { name: DE['profile.create.submit'] }).click();
  await expect(page.locator('.field-error[data-error-code="apiClaim-whitespace"]')).toHaveText(DE['cred.whitespace'].replace('{name}', DE['cred.name.apiClaim']));
  await expect(page.getByLabel(DE['field.apiClaim'], { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button')).toHaveCount(0);
});
