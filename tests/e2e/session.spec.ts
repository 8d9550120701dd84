/** A page opened without its session key cannot reach the app: it says where the right address is, and offers no retry. */
import { DE, expect, openApp, test } from './fixtures.ts';

test('without the session key the page explains how to open the right address instead of offering a retry', async ({ page, host }) => {
  const bare = host.url.split('#')[0] ?? host.url;
  await page.goto(bare);
  await expect(page.locator('html[data-app-state="error"]')).toBeAttached();
  await expect(page.getByRole('alert')).toContainText(DE['error.no-session']);
  await expect(page.getByText(DE['app.noSession.how'])).toBeVisible();
  await expect(page.getByRole('button', { name: DE['common.retry'] })).toHaveCount(0);

  // The address the host printed, with its key, opens the app (from a fresh page: a new hash alone does not reload).
  await page.goto('about:blank');
  await openApp(page, host);
  await expect(page.getByText(DE['app.noSession.how'])).toHaveCount(0);
});
