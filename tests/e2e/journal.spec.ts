/**
 * A console call against the sandbox is on record in the journal, with the token only as its hint, and a call made
 * while the journal is open shows up live.
 */
import type { Page } from '@playwright/test';
import { DE, expect, fillNewProfile, openApp, setPassphrase, test, tokenHint } from './fixtures.ts';

/** Sends console calls straight through the bridge, as a second window of the app would. */
async function callsThroughBridge(page: Page, count: number, resourcetype: string): Promise<void> {
  await page.evaluate(
    async ({ count, resourcetype }) => {
      const session = sessionStorage.getItem('desk-session') ?? '';
      const call = (channel: string, body: unknown) =>
        fetch(`/bridge/call/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Desk-Session': session }, body: JSON.stringify(body) }).then((r) => r.json());
      const profiles = (await call('profilesList', {})) as { value: Array<{ id: string }> };
      for (let i = 0; i < count; i += 1) {
        await call('consoleCall', { profileId: profiles.value[0]?.id, kind: 'read', resourcetype, parameters: { data: ['Id'], listlimit: 1 } });
      }
    },
    { count, resourcetype },
  );
}

test('the journal shows a console call with the token as its hint only', async ({ page, host, sandbox }) => {
  const user = sandbox.apiUsers[0];
  if (user === undefined) throw new Error('the sandbox has no API user');
  await openApp(page, host);
  await setPassphrase(page);
  await fillNewProfile(page, { label: 'Sandbox Website', endpoint: sandbox.endpoint, token: user.token, secret: user.secret });
  await expect(page.getByRole('heading', { name: 'Sandbox Website' })).toBeVisible();

  await page.getByRole('button', { name: DE['console.run'] }).click();
  const result = page.getByTestId('console-result');
  await expect(result).toBeVisible();
  await expect(result.getByRole('table')).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.journal'] }).click();
  const entry = page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option').filter({ hasText: 'read estate' }).first();
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('Sandbox Website');
  await entry.click();
  const detail = page.getByTestId('journal-detail');
  await expect(detail).toContainText(tokenHint(user.token));
  await expect(detail).toContainText(DE['journal.detail.response']);

  // A call made elsewhere appears without reloading.
  await callsThroughBridge(page, 1, 'address');
  await expect(page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option').filter({ hasText: 'read address' })).toBeVisible();

  const html = await page.content();
  expect(html).not.toContain(user.token);
  expect(html).not.toContain(user.secret);
});

test('the journal pages back through older entries as it is scrolled, and filters', async ({ page, host, sandbox }) => {
  const user = sandbox.apiUsers[0];
  if (user === undefined) throw new Error('the sandbox has no API user');
  await openApp(page, host);
  await setPassphrase(page);
  await fillNewProfile(page, { label: 'Sandbox Website', endpoint: sandbox.endpoint, token: user.token, secret: user.secret });
  await expect(page.getByRole('heading', { name: 'Sandbox Website' })).toBeVisible();
  await callsThroughBridge(page, 130, 'estate');

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.journal'] }).click();
  const shown = (count: number) => page.getByText(DE['journal.loaded'].replace('{count}', String(count)));
  await expect(shown(100)).toBeVisible();
  const list = page.getByRole('listbox', { name: DE['journal.listLabel'] });
  await list.evaluate((e) => e.scrollTo(0, e.scrollHeight));
  await expect(shown(130)).toBeVisible();
  await list.evaluate((e) => e.scrollTo(0, e.scrollHeight));
  await expect(page.getByText(DE['journal.end'])).toBeVisible();

  // Keyboard: the list moves its selection with the arrow keys and shows the entry.
  await list.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toHaveCount(1);
  await expect(page.getByTestId('journal-detail')).toContainText(tokenHint(user.token));

  await page.getByLabel(DE['journal.filter.status'], { exact: true }).selectOption('failed');
  await expect(page.getByText(DE['journal.empty'])).toBeVisible();
  await page.getByRole('button', { name: DE['journal.filter.reset'] }).click();
  await expect(shown(100)).toBeVisible();
});
