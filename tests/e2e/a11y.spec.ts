/**
 * Accessibility on every screen the app reaches: axe (WCAG 2.1 A and AA plus best practices) on the passphrase,
 * the profiles (empty, with the demo, a profile, the new-profile form with its errors, a confirmation), each step
 * of the guide, the fields, the journal, the settings with the backup and the unlock form, in the light and the
 * dark theme; the skip link as the first stop of the keyboard; focus on the main area once the store opens; and a
 * visible focus ring on buttons, links, inputs and list rows. The check page (form and results) has its own test.
 */
import type { Locator, Page } from '@playwright/test';
import { DE, expect, openApp, PASSPHRASE, SAMPLE_SECRET, SAMPLE_TOKEN, setPassphrase, test, UNUSED_ENDPOINT } from './fixtures.ts';
import { axeViolations, demoLabel, go, GUIDE_STEPS, guideCheck, guideStep, openGuide, openProfile, runCheck, setTheme, startDemo } from './screens.ts';

/** Scans collect what they find, so one run names every screen's violations rather than only the first. */
function scanner(page: Page) {
  const found: Record<string, string[]> = {};
  const scan = async (state: string): Promise<void> => {
    const violations = await axeViolations(page);
    if (violations.length > 0) found[state] = violations;
  };
  return { scan, found };
}

/** The element has a visible ring when focused from the keyboard: an outline (or a ring drawn as a shadow). */
async function expectFocusRing(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const ring = await target.evaluate((el) => {
    const style = el.ownerDocument.defaultView?.getComputedStyle(el) ?? { outlineStyle: 'none', outlineWidth: '0', boxShadow: 'none' };
    return { visible: el.matches(':focus-visible'), outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow };
  });
  expect(ring.visible).toBe(true);
  expect(ring.outline !== 'none' && ring.width >= 2 ? 'ring' : ring.shadow !== 'none' ? 'ring' : `no ring (${JSON.stringify(ring)})`).toBe('ring');
}

/** Tabs forward until the target has the focus (a bounded number of stops, so a missing control fails). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
  }
  throw new Error(`the keyboard never reached ${target.toString()}`);
}

/** Puts the keyboard's starting point at the top of the page, as it is right after the page loads. */
async function fromTop(page: Page): Promise<void> {
  await page.locator('body').evaluate((body) => {
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute('tabindex');
  });
}

const skipLink = (page: Page) => page.getByRole('link', { name: DE['app.skipToMain'] });

test('every screen in light and dark has no axe violations, is reached by keyboard and shows where the focus is', async ({ page, host }) => {
  test.setTimeout(480_000);
  const { scan, found } = scanner(page);
  const healthy = demoLabel('healthy-website');
  const noRights = demoLabel('no-read-rights');

  // The passphrase: the skip link is the keyboard's first stop, seen when focused, and leads into the main area.
  await openApp(page, host);
  // The scan itself can fail: an input without a label, put in for a moment, is found.
  await page.locator('main').evaluate((main) => main.insertAdjacentHTML('beforeend', '<input data-unlabelled type="text">'));
  expect((await axeViolations(page)).join('\n')).toMatch(/^label \(critical\): /m);
  await page.locator('[data-unlabelled]').evaluate((el) => el.remove());
  await scan('vault setup');
  await fromTop(page);
  await page.keyboard.press('Tab');
  await expect(skipLink(page)).toBeFocused();
  await expect(skipLink(page)).toBeInViewport();
  await expectFocusRing(skipLink(page));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.getByLabel(DE['vault.setup.passphrase'], { exact: true }).fill('kurz');
  await page.getByRole('button', { name: DE['vault.setup.submit'] }).click();
  await expect(page.getByText(DE['vault.setup.tooShort'])).toBeVisible();
  await scan('vault setup, passphrase too short');

  // Once the store is open the focus is in the main area, where a page change would leave it.
  await setPassphrase(page);
  await expect(page.getByRole('main')).toBeFocused();
  await scan('profiles, empty');

  await startDemo(page);
  await scan('profiles with the demo, default theme');

  // The new-profile form, refused with its errors at the fields, then a profile that never calls out.
  await page.getByRole('button', { name: DE['profiles.new'] }).click();
  await page.getByRole('button', { name: DE['profile.create.submit'] }).click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await scan('new profile, with errors');
  await page.getByLabel(DE['field.label'], { exact: true }).fill('Schmidt & Partner – Portal');
  await page.getByRole('radio', { name: new RegExp(DE['field.endpoint.custom']) }).check();
  await page.getByLabel(DE['field.endpointUrl'], { exact: true }).fill(UNUSED_ENDPOINT);
  await page.getByLabel(DE['field.token'], { exact: true }).fill(SAMPLE_TOKEN);
  await page.getByLabel(DE['field.secret'], { exact: true }).fill(SAMPLE_SECRET);
  await page.getByRole('button', { name: DE['profile.create.submit'] }).click();
  await expect(page.getByRole('heading', { name: 'Schmidt & Partner – Portal' })).toBeVisible();


  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await scan(`${theme}: settings`);
    // The backup export refused for a passphrase too short: the error at its field.
    await page.getByRole('button', { name: DE['backup.export.submit'] }).click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    await scan(`${theme}: settings, backup export with an error`);

    await go(page, 'profiles');
    await expect(page.getByRole('button', { name: DE['demo.remove'] })).toBeVisible();
    await scan(`${theme}: profiles with the demo`);

    await openProfile(page, healthy);
    await scan(`${theme}: profile detail`);
    await page.getByRole('button', { name: DE['profile.delete'], exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await scan(`${theme}: confirmation open`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    // The guide, step by step, with the rights checked on a user that may not read anything.
    await openGuide(page, noRights);
    // Light walks every step; dark the ones with a form and with results.
    for (const step of theme === 'light' ? GUIDE_STEPS : (['credentials', 'rights', 'publish'] as const)) {
      await guideStep(page, step);
      if (theme === 'light' && step === 'rights') await guideCheck(page, 'rights', DE['guide.rights.check']);
      if (theme === 'light' && step === 'connection') await guideCheck(page, 'connection', DE['guide.connection.check']);
      await scan(`${theme}: guide, step ${step}`);
    }

    await openProfile(page, healthy);
    await page.getByRole('button', { name: DE['profile.fields'] }).click();
    await expect(page.getByRole('heading', { name: DE['fields.title'], level: 1 })).toBeVisible();
    if (theme === 'light') await page.getByRole('button', { name: DE['fields.fetch'] }).click();
    await expect(page.getByRole('list', { name: DE['fields.listLabel'] }).getByRole('listitem').first()).toBeVisible({ timeout: 30_000 });
    await scan(`${theme}: fields`);

    await go(page, 'journal');
    await expect(page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option').first()).toBeVisible();
    await scan(`${theme}: journal with entries`);

    // Keyboard: a link-like skip, a navigation button, an input, a list row and the journal's rows show their ring.
    await fromTop(page);
    await page.keyboard.press('Tab');
    await expectFocusRing(skipLink(page));
    const navButton = page.getByRole('navigation', { name: DE['nav.label'] }).getByRole('button', { name: DE['nav.journal'] });
    await tabTo(page, navButton);
    await expectFocusRing(navButton);
    const journalList = page.getByRole('listbox', { name: DE['journal.listLabel'] });
    await tabTo(page, journalList);
    await expectFocusRing(journalList);
    await go(page, 'profiles');
    const firstRow = page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('listitem').first().getByRole('button').first();
    await tabTo(page, firstRow);
    await expectFocusRing(firstRow);
    await go(page, 'settings');
    const themeSelect = page.getByLabel(DE['settings.theme'], { exact: true });
    await tabTo(page, themeSelect);
    await expectFocusRing(themeSelect);
    const passphraseInput = page.getByLabel(DE['settings.passphrase.current'], { exact: true });
    await tabTo(page, passphraseInput);
    await expectFocusRing(passphraseInput);

    // Locked: the unlock form, and the focus in the main area again once it opens.
    await page.getByRole('button', { name: DE['vault.lockNow'] }).click();
    await expect(page.getByLabel(DE['vault.unlock.passphrase'], { exact: true })).toBeVisible();
    await scan(`${theme}: unlock`);
    await page.getByLabel(DE['vault.unlock.passphrase'], { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: DE['vault.unlock.submit'] }).click();
    await expect(page.getByRole('main')).toBeFocused();
  }

  expect(found).toEqual({});
});

test('the check page, its form and a result with problems, in light and dark', async ({ page, host }) => {
  test.setTimeout(180_000);
  const { scan, found } = scanner(page);
  await openApp(page, host);
  await setPassphrase(page);
  await startDemo(page);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await openProfile(page, demoLabel('no-read-rights'));
    await page.getByRole('button', { name: DE['profile.check'] }).click();
    await expect(page.getByRole('heading', { name: DE['check.title'], level: 1 })).toBeVisible();
    await scan(`${theme}: check form`);
    await runCheck(page, demoLabel('no-read-rights'));
    await scan(`${theme}: check results with problems`);
  }
  expect(found).toEqual({});
});
