/** Errors main reports reach the page in the person's language, not in main's English. */
import { fillNewProfile, openApp, setPassphrase, expect, test } from './fixtures.ts';

test('an endpoint the app refuses is explained in German at its field', async ({ page, host }) => {
  await openApp(page, host);
  await setPassphrase(page);
  await fillNewProfile(page, { label: 'Unverschlüsselt', endpoint: 'http://example.test/api.php', token: 'a'.repeat(32), secret: 'b'.repeat(64) });
  await expect(page.getByText('Die Adresse kann nicht verwendet werden: einfaches http ist nur zu diesem Rechner erlaubt', { exact: false })).toBeVisible();
  await expect(page.getByText('plain http is only allowed', { exact: false })).toHaveCount(0);
});
