/**
 * Updates in the interface. The browser version does not update itself: Settings says so, no banner appears and
 * the channels refuse. The desktop app's side is played in the same page by a window.desk that answers like the
 * preload would: every channel goes to the real services over the host's bridge, except that the app calls itself
 * the desktop app and the update channels and the updateState event come from the test.
 */
import type { Page } from '@playwright/test';
import type { UpdateState, UpdateView } from '../../preload/contract.ts';
import { DE, expect, openApp, setPassphrase, test } from './fixtures.ts';

test('the browser version explains that it does not update itself', async ({ page, host }) => {
  await openApp(page, host);
  await setPassphrase(page);
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.settings'] }).click();
  const section = page.getByRole('region', { name: DE['updates.title'] });
  await expect(section).toContainText(DE['updates.browser']);
  await expect(section.getByRole('button')).toHaveCount(0);
  await expect(section.getByRole('checkbox')).toHaveCount(0);
  await expect(page.locator('.update-region')).toHaveCount(0);

  const answers = await page.evaluate(async () => {
    const session = sessionStorage.getItem('desk-session') ?? '';
    const call = async (channel: string) =>
      (await fetch(`/bridge/call/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Desk-Session': session }, body: '{}' })).json();
    return Promise.all(['updateGet', 'updateCheckNow', 'updateRestart'].map(call));
  });
  for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'updates-unavailable' } });
});

interface PlayedUpdates {
  push(view: UpdateView): void;
  calls: string[];
}

/** Installs the desktop-like window.desk before the app's scripts run (see the file comment). */
async function playDesktop(page: Page, initial: UpdateView): Promise<void> {
  await page.addInitScript((first: UpdateView) => {
    // The page's globals, named through a type: this file compiles without the DOM library.
    const w = globalThis as unknown as { desk: unknown; __updates: PlayedUpdates; location: { hash: string } };
    const hashSession = /session=([^&]+)/.exec(w.location.hash)?.[1];
    if (hashSession !== undefined) sessionStorage.setItem('desk-session', decodeURIComponent(hashSession));
    const session = sessionStorage.getItem('desk-session') ?? '';
    const call = async (channel: string, request: unknown): Promise<{ ok: boolean; value?: object }> =>
      (await fetch(`/bridge/call/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Desk-Session': session }, body: JSON.stringify(request ?? {}) })).json() as Promise<{
        ok: boolean;
        value?: object;
      }>;
    let view = first;
    const calls: string[] = [];
    const listeners = new Set<(view: UpdateView) => void>();
    const played: Record<string, (request: unknown) => Promise<unknown>> = {
      appInfo: async () => {
        const answer = await call('appInfo', {});
        return answer.ok ? { ok: true, value: { ...answer.value, host: 'electron' } } : answer;
      },
      updateGet: async () => ({ ok: true, value: view }),
      updateCheckNow: async () => {
        calls.push('check');
        return { ok: true, value: view };
      },
      updateRestart: async () => {
        calls.push('restart');
        return { ok: true, value: { restarting: true } };
      },
    };
    w.desk = new Proxy(
      {},
      {
        get: (_, name: string) =>
          name === 'on'
            ? (event: string, listener: (view: UpdateView) => void) => {
                if (event !== 'updateState') return () => undefined;
                listeners.add(listener);
                return () => listeners.delete(listener);
              }
            : (played[name] ?? ((request: unknown) => call(name, request))),
      },
    );
    w.__updates = {
      push(next) {
        view = next;
        for (const listener of listeners) listener(next);
      },
      calls,
    };
  }, initial);
}

const view = (state: UpdateState): UpdateView => ({ state, channel: 'latest', currentVersion: '1.1.0', lastCheckAt: null });
const push = (page: Page, next: UpdateView) => page.evaluate((v) => (globalThis as unknown as { __updates: PlayedUpdates }).__updates.push(v), next);
const calls = (page: Page) => page.evaluate(() => (globalThis as unknown as { __updates: PlayedUpdates }).__updates.calls);

test('the desktop app: "update ready" banner with restart now / later, and the updates section in Settings', async ({ page, host }) => {
  await playDesktop(page, view({ status: 'idle' }));
  await openApp(page, host);
  await setPassphrase(page);
  const region = page.locator('.update-region');
  await expect(region).toHaveAttribute('role', 'status');
  await expect(region).toBeEmpty();

  await push(page, view({ status: 'ready', version: '1.2.0' }));
  await expect(region).toContainText(DE['updates.banner.title']);
  await expect(region).toContainText('1.2.0');
  const restart = region.getByRole('button', { name: DE['updates.banner.restart'] });
  await restart.focus();
  await expect(restart).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => calls(page)).toEqual(['restart']);
  await page.keyboard.press('Tab');
  await expect(region.getByRole('button', { name: DE['updates.banner.later'] })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(region).toBeEmpty();
  // "Later" holds for that version only.
  await push(page, view({ status: 'ready', version: '1.2.0' }));
  await expect(region).toBeEmpty();
  await push(page, view({ status: 'ready', version: '1.3.0' }));
  await expect(region).toContainText('1.3.0');

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.settings'] }).click();
  const section = page.getByRole('region', { name: DE['updates.title'] });
  await expect(section).toContainText('latest');
  await expect(section).toContainText('1.1.0');
  await expect(section).toContainText(DE['updates.lastCheck.never']);
  await expect(section.getByRole('status')).toHaveText('Version 1.3.0 ist heruntergeladen. Sie wird installiert, wenn Sie die App neu starten oder beenden.');
  const checkNow = section.getByRole('button', { name: DE['updates.checkNow'] });
  await expect(checkNow).toBeDisabled();
  await section.getByRole('button', { name: DE['updates.restart'] }).click();
  await expect.poll(() => calls(page)).toEqual(['restart', 'restart']);

  await push(page, { ...view({ status: 'error', kind: 'signature', code: 'ERR_UPDATER_INVALID_SIGNATURE', message: 'New version 1.3.0 is not signed by the application owner' }), lastCheckAt: Date.UTC(2025, 0, 2, 9, 30) });
  await expect(section.getByRole('status')).toHaveText(DE['updates.error.signature']);
  await expect(section).toContainText('Einzelheiten: New version 1.3.0 is not signed by the application owner');
  await expect(section).not.toContainText(DE['updates.lastCheck.never']);
  await expect(checkNow).toBeEnabled();
  await checkNow.click();
  await expect.poll(() => calls(page)).toEqual(['restart', 'restart', 'check']);

  // The switch is the real setting, kept by main.
  const auto = section.getByRole('checkbox', { name: DE['updates.auto'] });
  await expect(auto).toBeChecked();
  await auto.uncheck();
  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.settings'] }).click();
  await expect(page.getByRole('region', { name: DE['updates.title'] }).getByRole('checkbox', { name: DE['updates.auto'] })).not.toBeChecked();
});
