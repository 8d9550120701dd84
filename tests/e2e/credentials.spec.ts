/**
 * Credentials go in once and never come back: a profile created in the UI survives a restart of the host, is
 * listed with its token hint after unlocking, and neither token nor secret shows up in the page, in web storage,
 * or in any bridge answer.
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
