/** The language is a setting kept by main: a switch survives a reload, in both directions. */
import { en } from '../../main/domain/i18n/catalogue.ts';
import { DE, expect, openApp, PASSPHRASE, setPassphrase, test } from './fixtures.ts';

/** --bg of the light palette (#f4f5f7). */
const LIGHT_BACKGROUND = 'rgb(244, 245, 247)';

test('switching between German and English persists across a reload', async ({ page, host }) => {
  await openApp(page, host);
  await setPassphrase(page);
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('button', { name: DE['nav.journal'] })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(nav.getByRole('button', { name: en['nav.checks'] })).toBeVisible();
  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await expect(nav.getByRole('button', { name: en['nav.checks'] })).toBeVisible();
  await expect(page.getByRole('heading', { name: en['profiles.title'] })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('button', { name: 'DE', exact: true }).click();
  await expect(nav.getByRole('button', { name: DE['nav.checks'] })).toBeVisible();
  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await expect(nav.getByRole('button', { name: DE['nav.checks'] })).toBeVisible();
});

test.describe('on an English system', () => {
  test.use({ locale: 'en-US' });

  test('the first run speaks the system language until the person chooses one', async ({ page, host }) => {
    await openApp(page, host);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByLabel(en['vault.setup.passphrase'], { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(en['vault.setup.confirm'], { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: en['vault.setup.submit'] }).click();
    await expect(page.getByRole('button', { name: en['profiles.new'] })).toBeVisible();
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('button', { name: en['nav.checks'] })).toBeVisible();

    // Chosen: German stays, whatever the system says.
    await page.getByRole('button', { name: 'DE', exact: true }).click();
    await expect(nav.getByRole('button', { name: DE['nav.checks'] })).toBeVisible();
    await page.reload();
    await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
    await expect(nav.getByRole('button', { name: DE['nav.checks'] })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  });
});

test('the theme follows the setting and persists', async ({ page, host }) => {
  await openApp(page, host);
  await setPassphrase(page);
  await expect(page.locator('html')).toHaveClass(/theme-system/);
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.settings'] }).click();
  await page.getByLabel(DE['settings.theme'], { exact: true }).selectOption('dark');
  await expect(page.locator('html')).toHaveClass(/theme-dark/);
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(15, 18, 22)');
  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await expect(page.locator('html')).toHaveClass(/theme-dark/);

  // "Like the system" follows the system's choice, also when it changes while the app is open.
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.settings'] }).click();
  await page.getByLabel(DE['settings.theme'], { exact: true }).selectOption('system');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('body')).toHaveCSS('background-color', LIGHT_BACKGROUND);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(15, 18, 22)');
});
