/**
 * Credentials go in once and never come back: a profile created in the UI survives a restart of the host, is
 * listed with its token hint after unlocking, and neither token, secret nor a marketplace API claim shows up in
 * the page, in web storage, or in any bridge answer.
 */
import type { Page, Response } from '@playwright/test';
import { DE, expect, fillNewProfile, openApp, PASSPHRASE, setPassphrase, test, tokenHint } from './fixtures.ts';

/** Collects the text of every bridge call's answer (the event stream never ends, so it is left out). */
function recordBridgeAnswers(page: Page): { bodies: Promise<string>[] } {
  const record = { bodies: [] as Promise<string>[] };
  page.on('response', (response: Response) => {
    if (response.url().includes('/bridge/call/')) record.bodies.push(response.text().catch(() => ''));
  });
  return record;
}

async function storageDump(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dump = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
    return `${dump(localStorage)}\n${dump(sessionStorage)}`;
  });
}

test('a profile survives a restart, and its token and secret never reach the page', async ({ page, launch, sandbox }) => {
  const user = sandbox.apiUsers[0];
  if (user === undefined) throw new Error('the sandbox has no API user');
  expect(user.token).toHaveLength(32);
  expect(user.secret).toHaveLength(64);
  const answers = recordBridgeAnswers(page);

  const first = await launch();
  await openApp(page, first);
  await setPassphrase(page);
  await fillNewProfile(page, { label: 'Müller Immobilien – Website', endpoint: sandbox.endpoint, token: user.token, secret: user.secret });
  await expect(page.getByRole('status').filter({ hasText: 'Müller Immobilien – Website' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Müller Immobilien – Website' })).toBeVisible();
  expect(await page.content()).not.toContain(user.secret);
  expect(await page.content()).not.toContain(user.token);
  await first.stop();

  const second = await launch();
  await openApp(page, second);
  const passphrase = page.getByLabel(DE['vault.unlock.passphrase'], { exact: true });
  await passphrase.fill('not the passphrase');
  await page.getByRole('button', { name: DE['vault.unlock.submit'] }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await passphrase.fill(PASSPHRASE);
  await page.getByRole('button', { name: DE['vault.unlock.submit'] }).click();

  const item = page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button', { name: /Müller Immobilien/ });
  await expect(item).toBeVisible();
  await expect(item).toContainText(tokenHint(user.token));
  await expect(item.locator('[data-credentials-state="ok"]')).toBeVisible();

  const html = await page.content();
  const storage = await storageDump(page);
  const bodies = await Promise.all(answers.bodies);
  expect(bodies.length).toBeGreaterThan(5);
  for (const text of [html, storage, ...bodies]) {
    expect(text).not.toContain(user.token);
    expect(text).not.toContain(user.secret);
  }
});

test("a marketplace API user's claim goes in once: sent and journalled only as removed, never back in the page", async ({ page, launch, sandbox }) => {
  const user = sandbox.apiUsers[0];
  if (user === undefined) throw new Error('the sandbox has no API user');
  const apiClaim = 'c1aim-e2e-4f0e9d8c7b6a5f4e3d2c1b0a';
  const label = 'Anbieter-App – Kunde Nord';
  const answers = recordBridgeAnswers(page);

  const first = await launch();
  await openApp(page, first);
  await setPassphrase(page);
  await fillNewProfile(page, { label, endpoint: sandbox.endpoint, token: user.token, secret: user.secret, apiClaim });
  await expect(page.getByRole('heading', { name: label })).toBeVisible();
  await expect(page.locator('[data-api-claim="stored"]')).toHaveText(DE['profile.apiClaim.stored']);

  // Every call carries it; the journal keeps it only as removed.
  await page.getByRole('button', { name: DE['console.run'] }).click();
  await expect(page.getByTestId('console-result')).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.journal'] }).click();
  await page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option').first().click();
  await expect(page.getByTestId('journal-detail')).toContainText('"extendedclaim": "[api claim removed]"');

  // The replace form starts empty, like the secret, and says that an empty claim removes the stored one.
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.profiles'] }).click();
  await page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button', { name: /Anbieter-App/ }).click();
  await page.getByRole('button', { name: DE['profile.rotate'] }).click();
  const claimInput = page.getByLabel(DE['field.apiClaim'], { exact: true });
  await expect(claimInput).toHaveValue('');
  await expect(page.getByText(DE['field.apiClaim.hint.replace'])).toBeVisible();
  await page.getByRole('button', { name: DE['common.cancel'] }).click();
  await first.stop();

  // The flag is kept in clear: after a restart and unlocking, the profile still says a claim is stored.
  const second = await launch();
  await openApp(page, second);
  await page.getByLabel(DE['vault.unlock.passphrase'], { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: DE['vault.unlock.submit'] }).click();
  await page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button', { name: /Anbieter-App/ }).click();
  await expect(page.locator('[data-api-claim="stored"]')).toBeVisible();

  const html = await page.content();
  const storage = await storageDump(page);
  const bodies = await Promise.all(answers.bodies);
  expect(bodies.some((b) => b.includes('"hasApiClaim":true'))).toBe(true);
  for (const text of [html, storage, ...bodies]) {
    expect(text).not.toContain(apiClaim);
    expect(text).not.toContain(apiClaim.slice(0, 16));
    expect(text).not.toContain(user.secret);
  }

  // Replacing the credentials without a claim removes it.
  await page.getByRole('button', { name: DE['profile.rotate'] }).click();
  await page.getByLabel(DE['field.token'], { exact: true }).fill(user.token);
  await page.getByLabel(DE['field.secret'], { exact: true }).fill(user.secret);
  await page.getByRole('button', { name: DE['profile.rotate.submit'] }).click();
  await expect(page.getByRole('status').filter({ hasText: DE['profile.rotate.done'] })).toBeVisible();
  await expect(page.locator('[data-api-claim="stored"]')).toHaveCount(0);
});
