/**
 * The menu template and the IPC wiring, with `electron` replaced by a small mock (the real package would try to
 * download its binary when loaded).
 */
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, ipcChannel, ipcEvent, SETTINGS_DEFAULTS, type EventName, type EventPayloads } from '../../preload/contract.ts';
import type { EventListener } from '../../main/api/app-types.ts';

const windows = vi.hoisted(() => new Map<unknown, unknown>());
vi.mock('electron', () => ({
  BrowserWindow: { fromWebContents: (contents: unknown) => windows.get(contents) ?? null },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined },
}));

const { menuTemplate, HELP_LINKS } = await import('../../main/electron/menu.ts');
const { registerIpc } = await import('../../main/electron/ipc.ts');

type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void };

describe('menu', () => {
  const actions = () => {
    const calls: string[] = [];
    return { calls, lockNow: () => calls.push('lock'), openExternal: (url: string) => calls.push(url) };
  };

  it('follows the language setting', () => {
    const de = menuTemplate({ language: 'de', isDev: false, isMac: false, appName: 'API User Desk' }, actions()) as Item[];
    const en = menuTemplate({ language: 'en', isDev: false, isMac: false, appName: 'API User Desk' }, actions()) as Item[];
    expect(de.map((m) => m.label)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']);
    expect(en.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(de[0]?.submenu?.[0]?.label).toBe('Jetzt sperren');
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (isDev: boolean) =>
      (menuTemplate({ language: 'en', isDev, isMac: false, appName: 'x' }, actions()) as Item[])[2]?.submenu?.map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('offers the About box in the Help menu, except on macOS where the app menu has it', () => {
    const help = (isMac: boolean, language: 'de' | 'en') =>
      (menuTemplate({ language, isDev: false, isMac, appName: 'API User Desk' }, actions()) as Item[]).find((m) => m.role === 'help')?.submenu ?? [];
    expect(help(false, 'de').at(-1)).toMatchObject({ role: 'about', label: 'Über API User Desk' });
    expect(help(false, 'en').at(-1)).toMatchObject({ role: 'about', label: 'About API User Desk' });
    expect(help(true, 'en').some((i) => i.role === 'about')).toBe(false);
  });

  it('locks on "lock now" and opens the allowlisted help pages', () => {
    const a = actions();
    const template = menuTemplate({ language: 'de', isDev: false, isMac: false, appName: 'x' }, a) as Item[];
    template[0]?.submenu?.[0]?.click?.();
    for (const item of template[3]?.submenu ?? []) item.click?.();
    expect(a.calls).toEqual(['lock', HELP_LINKS.apiDoc, HELP_LINKS.enterpriseHelp.de, HELP_LINKS.status]);
  });
});

describe('IPC wiring', () => {
  function setup(answer: () => Promise<unknown> = () => Promise.resolve({ ok: true, value: SETTINGS_DEFAULTS })) {
    const handlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
    const sent: Array<{ channel: string; payload: unknown }> = [];
    const contents = { send: (channel: string, payload: unknown) => sent.push({ channel, payload }) };
    const win = { webContents: contents, isDestroyed: () => false };
    windows.set(contents, win);
    let emit: EventListener = () => undefined;
    const settingsChanges: unknown[] = [];
    const dispatched: Array<[string, unknown]> = [];
    const unregister = registerIpc({
      ipcMain: { handle: (channel: string, fn: never) => handlers.set(channel, fn), removeHandler: (channel: string) => handlers.delete(channel) } as never,
      services: {
        dispatch: (channel, request) => {
          dispatched.push([channel, request]);
          return answer() as never;
        },
        onEvent: (listener) => {
          emit = listener;
          return () => (emit = () => undefined);
        },
      },
      window: () => win as never,
      isAppUrl: (url) => url.startsWith('app://desk/'),
      onSettingsChanged: (settings) => settingsChanges.push(settings),
    });
    const trusted = { sender: contents, senderFrame: { url: 'app://desk/index.html' } };
    const fire = <E extends EventName>(event: E, payload: EventPayloads[E]) => emit(event, payload);
    return { handlers, sent, trusted, fire, settingsChanges, dispatched, unregister };
  }

  it('passes trusted requests to dispatch and tells the menu and theme about new settings', async () => {
    const { handlers, trusted, settingsChanges, dispatched } = setup();
    expect(await handlers.get(ipcChannel('settingsSet'))?.(trusted, { language: 'en' })).toEqual({ ok: true, value: SETTINGS_DEFAULTS });
    expect(dispatched).toEqual([['settingsSet', { language: 'en' }]]);
    expect(settingsChanges).toEqual([SETTINGS_DEFAULTS]);
  });

  it('forwards service events to the window until unregistered', () => {
    const { handlers, sent, fire, unregister } = setup();
    fire('journalAppended', { count: 3 });
    expect(sent).toEqual([{ channel: ipcEvent('journalAppended'), payload: { count: 3 } }]);
    unregister();
    fire('journalAppended', { count: 4 });
    expect(sent).toHaveLength(1);
    expect(CHANNEL_NAMES.some((name) => handlers.has(ipcChannel(name)))).toBe(false);
  });

  it('turns a throwing dispatch into an internal-error envelope', async () => {
    const { handlers, trusted } = setup(() => Promise.reject(new Error('boom')));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await handlers.get(ipcChannel('profilesList'))?.(trusted, {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
