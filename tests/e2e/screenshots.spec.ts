/**
 * The README's pictures of the app, taken from the real app on its demo profiles: the profiles list, the guide on
 * the rights step, a check with problems, the journal and the fields, each in the light and the dark theme, in
 * German at 1280×800. Written to docs/screenshots/ only on request (`npm run screenshots`), so an ordinary test
 * run never changes files in the repository.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DE, expect, openApp, setPassphrase, test } from './fixtures.ts';
import { demoLabel, go, guideCheck, guideStep, openGuide, openProfile, runCheck, setTheme, startDemo } from './screens.ts';

const OUT = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

const WANTED = process.env.UPDATE_SCREENSHOTS === '1';
const WHY_SKIPPED = 'skipped: writes the README screenshots only when UPDATE_SCREENSHOTS=1 is set (npm run screenshots)';

test.skip(!WANTED, WHY_SKIPPED);
test.use({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });

/** A picture of what is on screen, without a focus ring or caret left over from getting there. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.locator('body').evaluate((body) => (body.ownerDocument.activeElement as { blur?: () => void } | null)?.blur?.());
  await page.screenshot({ path: path.join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

// The list reporter shows a skipped test without its reason: say it once, where the run is read.
if (!WANTED) console.log(`screenshots.spec.ts ${WHY_SKIPPED}`);

test('the README screenshots, light and dark', async ({ page, host }) => {
  test.setTimeout(300_000);
  const healthy = demoLabel('healthy-website');
  const noRights = demoLabel('no-read-rights');
  await openApp(page, host);
  await setPassphrase(page);
  await startDemo(page);

  // The fields are fetched once and kept; the journal then holds the demo's calls.
  await openProfile(page, healthy);
  await page.getByRole('button', { name: DE['profile.fields'] }).click();
  await page.getByRole('button', { name: DE['fields.fetch'] }).click();
  await expect(page.locator('[data-field="objektart"]')).toBeVisible({ timeout: 30_000 });

  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);

    await go(page, 'profiles');
    await expect(page.getByRole('button', { name: DE['demo.remove'] })).toBeVisible();
    await shoot(page, `profiles-${theme}`);

    await openGuide(page, noRights);
    await guideStep(page, 'rights');
    // The guide keeps a step's result: checked once, shown in both themes.
    if (theme === 'light') await guideCheck(page, 'rights', DE['guide.rights.check']);
    await expect(page.getByTestId('guide-result-rights')).not.toContainText(DE['guide.result.none']);
    await page.getByRole('heading', { level: 1, name: DE['guide.title'] }).scrollIntoViewIfNeeded();
    await shoot(page, `guide-rights-${theme}`);

    await runCheck(page, noRights);
    await page.getByTestId('check-summary').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(page, `check-results-${theme}`);

    await go(page, 'journal');
    await expect(page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option').first()).toBeVisible();
    await shoot(page, `journal-${theme}`);

    await openProfile(page, healthy);
    await page.getByRole('button', { name: DE['profile.fields'] }).click();
    await page.locator('[data-field="objektart"]').getByRole('button', { name: /objektart/ }).first().click();
    await expect(page.getByTestId('field-detail').getByRole('heading', { name: 'objektart' })).toBeVisible();
    await shoot(page, `fields-${theme}`);
  }
});
