/**
 * A console call against the sandbox is on record in the journal, with the token only as its hint, and a call made
 * while the journal is open shows up live.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Page } from '@playwright/test';
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
  // The raw answer: the server's JSON, redacted.
  await result.getByRole('button', { name: DE['console.view.raw'] }).click();
  await expect(result.getByTestId('console-raw')).toContainText('"records"');
  await expect(result.getByTestId('console-raw')).not.toContainText(user.token);

  // A call that changes data is asked about first, naming the action, the resource and the record.
  const sent: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/bridge/call/consoleCall')) sent.push(r.postDataJSON());
  });
  await page.getByLabel(DE['console.kind'], { exact: true }).selectOption('modify');
  await page.getByLabel(DE['console.resourceid'], { exact: true }).fill('17');
  await page.getByRole('button', { name: DE['console.run'] }).click();
  const question = page.getByRole('dialog', { name: DE['console.confirm.title'] });
  await expect(question).toContainText('Datensatz 17 der Ressource estate ändern (modify)?');
  await question.getByRole('button', { name: DE['common.cancel'] }).click();
  await expect(question).toBeHidden();
  expect(sent).toEqual([]);
  await page.getByRole('button', { name: DE['console.run'] }).click();
  const answered = page.waitForResponse((r) => r.url().endsWith('/bridge/call/consoleCall'));
  await question.getByRole('button', { name: DE['console.confirm.send'].replace('{kind}', 'modify') }).click();
  await answered;
  expect(sent).toEqual([expect.objectContaining({ kind: 'modify', resourceid: '17', confirmed: true })]);
  await page.getByLabel(DE['console.kind'], { exact: true }).selectOption('read');
  await page.getByLabel(DE['console.resourceid'], { exact: true }).fill('');

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.journal'] }).click();
  const entry = page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option').filter({ hasText: 'read estate' }).first();
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('Sandbox Website');
  // The list holds summaries; the bodies are fetched when the entry is opened.
  const bodyFetch = page.waitForResponse((r) => r.url().endsWith('/bridge/call/journalEntry'));
  await entry.click();
  const detail = page.getByTestId('journal-detail');
  expect(await (await bodyFetch).json()).toMatchObject({ ok: true, value: { requestBody: expect.stringContaining(tokenHint(user.token)) } });
  await expect(detail).toContainText(tokenHint(user.token));
  await expect(detail).toContainText(DE['journal.detail.response']);
  await expect(detail).not.toContainText(user.token);

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
  // The headline counts every matching entry, not the page loaded.
  const matching = (count: number) => page.getByTestId('journal-count').getByText(DE['journal.matching.other'].replace('{number}', String(count)), { exact: true });
  await expect(matching(130)).toBeVisible();
  const list = page.getByRole('listbox', { name: DE['journal.listLabel'] });
  await expect(list.getByRole('option')).not.toHaveCount(0);
  // A valid list structure (options only inside the listbox), with names and contrast, says axe.
  const axe = await new AxeBuilder({ page }).include('.journal').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await list.evaluate((e) => e.scrollTo(0, e.scrollHeight));
  await list.evaluate((e) => e.scrollTo(0, e.scrollHeight));
  await expect(page.getByText(DE['journal.end'])).toBeVisible();
  await expect(list.getByRole('option').last()).toHaveAttribute('aria-setsize', '130');

  // Keyboard: the list moves its selection with the arrow keys and shows the entry.
  await list.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toHaveCount(1);
  await expect(page.getByTestId('journal-detail')).toContainText(tokenHint(user.token));

  await page.getByLabel(DE['journal.filter.status'], { exact: true }).selectOption('failed');
  await expect(page.getByText(DE['journal.empty'])).toBeVisible();
  await page.getByRole('button', { name: DE['journal.filter.reset'] }).click();
  await expect(matching(130)).toBeVisible();

  // Clearing names exactly how many entries go (all of them, whatever the filter), and then says how many went.
  await page.getByLabel(DE['journal.filter.kind'], { exact: true }).selectOption('get');
  await expect(page.getByText(DE['journal.empty'])).toBeVisible();
  await page.getByRole('button', { name: DE['journal.clear'] }).click();
  const dialog = page.getByRole('dialog', { name: DE['journal.clear'] });
  await expect(dialog).toContainText(DE['journal.clear.confirm.other'].replace('{number}', '130'));
  await dialog.getByRole('button', { name: DE['journal.clear'] }).click();
  await expect(page.getByText(DE['journal.clear.done.other'].replace('{number}', '130'))).toBeVisible();
  await page.getByRole('button', { name: DE['journal.filter.reset'] }).click();
  await expect(page.getByText(DE['journal.empty'])).toBeVisible();
  await page.getByRole('button', { name: DE['journal.clear'] }).click();
  await expect(page.getByText(DE['journal.clear.nothing'])).toBeVisible();
});

test('the journal exports as a streamed download with the redacted entries', async ({ page, host, sandbox }) => {
  const user = sandbox.apiUsers[0];
  if (user === undefined) throw new Error('the sandbox has no API user');
  await openApp(page, host);
  await setPassphrase(page);
  await fillNewProfile(page, { label: 'Sandbox Website', endpoint: sandbox.endpoint, token: user.token, secret: user.secret });
  await expect(page.getByRole('heading', { name: 'Sandbox Website' })).toBeVisible();
  await callsThroughBridge(page, 3, 'estate');

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.journal'] }).click();
  await expect(page.getByText(DE['journal.matching.other'].replace('{number}', '3'))).toBeVisible();

  const jsonl = page.waitForEvent('download');
  await page.getByRole('button', { name: DE['journal.export.jsonl'] }).click();
  const jsonlFile = await jsonl;
  expect(jsonlFile.suggestedFilename()).toMatch(/^api-user-desk-journal-[0-9-]+\.jsonl$/);
  const lines = (await readDownload(jsonlFile)).trimEnd().split('\n').map((l) => JSON.parse(l) as { resourcetype: string; requestBody: string; time: string; profile: string; profileId: string });
  expect(lines).toHaveLength(3);
  expect(lines.every((l) => l.resourcetype === 'estate' && l.requestBody.includes(tokenHint(user.token)))).toBe(true);
  await expect(page.getByText(DE['journal.export.done'].replace('{file}', jsonlFile.suggestedFilename()))).toBeVisible();

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: DE['journal.export.csv'] }).click();
  const csvText = await readDownload(await csv);
  expect(csvText.startsWith('\uFEFFid,groupId,time,')).toBe(true);
  expect(csvText.split('\r\n').filter((l) => l !== '')).toHaveLength(4);
  // Both files: the same ISO 8601 time (UTC) and the profile's label beside its id.
  const first = lines[0];
  expect(first).toMatchObject({ profile: 'Sandbox Website', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
  expect(csvText).toContain(`,${first?.time},Sandbox Website,${first?.profileId},`);

  for (const text of [JSON.stringify(lines), csvText]) {
    expect(text).not.toContain(user.token);
    expect(text).not.toContain(user.secret);
  }
});

async function readDownload(download: Download): Promise<string> {
  const file = await download.path();
  return readFileSync(file, 'utf8');
}
