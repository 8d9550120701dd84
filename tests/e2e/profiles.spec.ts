/** Looking after a profile: edit, rotate, copy the token, duplicate, delete; and a backup that brings a profile back. */
import { readFile } from 'node:fs/promises';
import { DE, expect, fillNewProfile, openApp, PASSPHRASE, SAMPLE_SECRET, SAMPLE_TOKEN, setPassphrase, test, tokenHint, UNUSED_ENDPOINT } from './fixtures.ts';

const LABEL = 'Schmidt & Partner – Portal';

test('edit, replace credentials, copy token, duplicate and delete a profile', async ({ page, host }) => {
  await openApp(page, host);
  await setPassphrase(page);
  await fillNewProfile(page, { label: LABEL, endpoint: UNUSED_ENDPOINT, token: SAMPLE_TOKEN, secret: SAMPLE_SECRET });
  await expect(page.getByRole('heading', { name: LABEL })).toBeVisible();

  await page.getByRole('button', { name: DE['profile.edit'], exact: true }).click();
  await page.getByLabel(DE['field.customer'], { exact: true }).fill('Agentur Blau');
  await page.getByRole('button', { name: DE['common.save'], exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: DE['profile.edit.done'] })).toBeVisible();
  await expect(page.getByText('Agentur Blau').first()).toBeVisible();

  const rotated = 'z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4';
  await page.getByRole('button', { name: DE['profile.rotate'] }).click();
  await page.getByLabel(DE['field.token'], { exact: true }).fill(SAMPLE_SECRET);
  await page.getByLabel(DE['field.secret'], { exact: true }).fill(rotated);
  await page.getByRole('button', { name: DE['profile.rotate.submit'] }).click();
  await expect(page.locator('.field-error[data-error-code="credentials-swapped"]')).toBeVisible();
  await page.getByLabel(DE['field.token'], { exact: true }).fill(rotated);
  await page.getByLabel(DE['field.secret'], { exact: true }).fill(SAMPLE_SECRET);
  await page.getByRole('button', { name: DE['profile.rotate.submit'] }).click();
  await expect(page.getByRole('status').filter({ hasText: DE['profile.rotate.done'] })).toBeVisible();
  await expect(page.getByRole('heading', { name: LABEL })).toBeFocused();
  await expect(page.locator('.facts .token-hint')).toHaveText(tokenHint(rotated));

  // Only the desktop app can copy a token: the browser host never hands one to the page, so it offers no button.
  await expect(page.getByRole('button', { name: DE['profile.copyToken'] })).toHaveCount(0);

  await page.getByRole('button', { name: DE['profile.duplicate.without'] }).click();
  const list = page.getByRole('list', { name: DE['profiles.listLabel'] });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.locator('[data-credentials-state="missing"]')).toHaveCount(1);

  await page.getByRole('button', { name: DE['profile.delete'], exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: DE['common.delete'] }).click();
  await expect(dialog).toBeHidden();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText(tokenHint(rotated));
});

test('a backup with credentials restores a deleted profile', async ({ page, host }) => {
  await openApp(page, host);
  await setPassphrase(page);
  await fillNewProfile(page, { label: LABEL, endpoint: UNUSED_ENDPOINT, token: SAMPLE_TOKEN, secret: SAMPLE_SECRET });
  await expect(page.getByRole('heading', { name: LABEL })).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.settings'] }).click();
  await page.getByRole('button', { name: DE['backup.export.all'] }).click();
  await page.getByLabel(DE['backup.export.passphrase'], { exact: true }).fill(PASSPHRASE);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: DE['backup.export.submit'] }).click();
  const download = await downloading;
  const file = await download.path();
  const content = await readFile(file, 'utf8');
  expect(content).not.toContain(SAMPLE_TOKEN);
  expect(content).not.toContain(SAMPLE_SECRET);

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.profiles'] }).click();
  await page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button', { name: new RegExp(LABEL) }).click();
  await page.getByRole('button', { name: DE['profile.delete'], exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: DE['common.delete'] }).click();
  await expect(page.getByText(DE['profiles.empty'])).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.settings'] }).click();
  await page.getByLabel(DE['backup.import.file'], { exact: true }).setInputFiles(file);
  await page.getByLabel(DE['backup.import.passphrase'], { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: DE['backup.import.inspect'] }).click();
  await expect(page.getByText(DE['backup.import.withCredentials'])).toBeVisible();
  await page.getByRole('button', { name: DE['backup.import.submit'], exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '1' })).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.profiles'] }).click();
  const item = page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button', { name: new RegExp(LABEL) });
  await expect(item).toContainText(tokenHint(SAMPLE_TOKEN));
  await expect(item.locator('[data-credentials-state="ok"]')).toBeVisible();
});

test('a metadata-only backup that points a profile at another server shows the move and does not keep its credentials', async ({ page, host }) => {
  await openApp(page, host);
  await setPassphrase(page);
  await fillNewProfile(page, { label: LABEL, endpoint: UNUSED_ENDPOINT, token: SAMPLE_TOKEN, secret: SAMPLE_SECRET });
  await expect(page.getByRole('heading', { name: LABEL })).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.settings'] }).click();
  await page.getByRole('button', { name: DE['backup.export.all'] }).click();
  await page.getByLabel(DE['backup.export.metadataOnly']).check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: DE['backup.export.submit'] }).click();
  const exported = await readFile((await (await downloading).path()) ?? '', 'utf8');

  // The same file, its endpoint changed by somebody else: the profile id stays, the server does not.
  const foreign = 'https://collector.invalid/api.php';
  const lines = exported.split('\n');
  const payload = JSON.parse(lines[1] ?? '') as { profiles: { profile: { endpoint: unknown } }[] };
  for (const entry of payload.profiles) entry.profile.endpoint = { kind: 'custom', url: foreign };
  lines[1] = JSON.stringify(payload);
  await page.getByLabel(DE['backup.import.file'], { exact: true }).setInputFiles({ name: 'crafted.audbackup', mimeType: 'application/json', buffer: Buffer.from(lines.join('\n')) });
  await page.getByRole('button', { name: DE['backup.import.inspect'] }).click();
  await expect(page.locator('.import-endpoint')).toHaveText(`${UNUSED_ENDPOINT} → ${foreign}`);
  await expect(page.getByRole('note')).toHaveText(DE['backup.import.serverChanged']);
  await page.getByLabel(DE['backup.import.choice'].replace('{label}', LABEL)).selectOption('replace');
  await page.getByRole('button', { name: DE['backup.import.submit'], exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: DE['backup.import.credentialsDropped'].replace('{labels}', LABEL) })).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.profiles'] }).click();
  const item = page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button', { name: new RegExp(LABEL) });
  await expect(item.locator('[data-credentials-state="missing"]')).toBeVisible();
});
