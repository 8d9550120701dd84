/** Changing the app passphrase re-seals the stored credentials: the new passphrase unlocks them, the old one no more. */
import { DE, expect, fillNewProfile, openApp, PASSPHRASE, setPassphrase, test, tokenHint } from './fixtures.ts';

const NEW_PASSPHRASE = 'neue Passphrase für den Schreibtisch';

test('the app passphrase can be changed and the credentials stay usable', async ({ page, launch, sandbox }) => {
  const user = sandbox.apiUsers[0];
  if (user === undefined) throw new Error('the sandbox has no API user');
  const host = await launch();
  await openApp(page, host);
  await setPassphrase(page);
  await fillNewProfile(page, { label: 'Website', endpoint: sandbox.endpoint, token: user.token, secret: user.secret });
  await expect(page.getByRole('heading', { name: 'Website' })).toBeVisible();

  await page.getByRole('button', { name: DE['nav.settings'] }).click();
  const form = page.getByRole('form', { name: DE['settings.passphrase'] });
  await form.getByLabel(DE['settings.passphrase.current'], { exact: true }).fill('not the passphrase');
  await form.getByLabel(DE['settings.passphrase.new'], { exact: true }).fill(NEW_PASSPHRASE);
  await form.getByLabel(DE['vault.setup.confirm'], { exact: true }).fill(NEW_PASSPHRASE);
  await form.getByRole('button', { name: DE['settings.passphrase.submit'] }).click();
  await expect(form.getByRole('alert')).toBeVisible();

  await form.getByLabel(DE['settings.passphrase.current'], { exact: true }).fill(PASSPHRASE);
  await form.getByRole('button', { name: DE['settings.passphrase.submit'] }).click();
  await expect(form.getByText(DE['settings.passphrase.done'])).toBeVisible();
  await expect(form.getByLabel(DE['settings.passphrase.new'], { exact: true })).toHaveValue('');

  await page.getByRole('button', { name: DE['vault.lockNow'] }).click();
  const unlock = page.getByLabel(DE['vault.unlock.passphrase'], { exact: true });
  await unlock.fill(PASSPHRASE);
  await page.getByRole('button', { name: DE['vault.unlock.submit'] }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await unlock.fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: DE['vault.unlock.submit'] }).click();

  await page.getByRole('button', { name: DE['nav.profiles'] }).click();
  const item = page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button', { name: /Website/ });
  await expect(item).toContainText(tokenHint(user.token));
  await expect(item.locator('[data-credentials-state="ok"]')).toBeVisible();
});
