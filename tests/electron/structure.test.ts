/**
 * Structural checks of the built desktop app without Electron: the main bundle (built by scripts/build.mjs into
 * a temporary folder) runs in Node against the Electron stand-in (electron-stand-in.ts), and the preload bundle
 * runs in a bare script context. They prove
 * the window's security settings, every deny handler, the CSP on app:// responses, one IPC handler per contract
 * channel and the sender check, as the shipped bundles do it.
 */
import { spawnSync } from 'node:child_process';
import nodeFs, { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../main/sandbox/index.ts';
import { CHANNEL_NAMES, EVENT_NAMES, ipcChannel, ipcEvent } from '../../preload/contract.ts';
import type { BrowserWindow as StandInWindow } from './electron-stand-in.ts';
import { loadMainBundle, loadStandIn, root } from './load-main.ts';

const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type StandIn = ReturnType<typeof loadStandIn>;
type IpcHandler = (event: unknown, request: unknown) => Promise<unknown>;

let electron: StandIn;
let win: StandInWindow;
let dataDir: string;
let outDir: string;

const listener = (emitter: { listeners: Map<string, unknown[]> }, event: string) => {
  const found = emitter.listeners.get(event)?.[0];
  expect(found, `a '${event}' listener`).toBeTypeOf('function');
  return found as (...args: unknown[]) => unknown;
};

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (electron.dialog.errors.length > 0) throw new Error(`The app reported: ${JSON.stringify(electron.dialog.errors)}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'aud-electron-out-'));
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'main', 'preload', '--out-dir', outDir], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
  dataDir = mkdtempSync(path.join(tmpdir(), 'aud-electron-structure-'));
  process.env.API_USER_DESK_DATA_DIR = dataDir;
  delete process.env.VITE_DEV_SERVER_URL;
  electron = loadStandIn();
  loadMainBundle(outDir);
  win = await waitFor(() => electron.BrowserWindow.all[0], 'the app window');
}, 60_000);

afterAll(async () => {
  electron?.app.emit('will-quit', electron.preventable());
  await waitFor(() => (electron.app.quitRequested ? true : undefined), 'the services to close');
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('main process, before ready', () => {
  it('registers app:// as a standard, secure scheme and enables the sandbox for every renderer', () => {
    expect(electron.protocol.privilegedSchemes).toContainEqual({
      scheme: 'app',
      privileges: expect.objectContaining({ standard: true, secure: true }),
    });
    expect(electron.app.sandboxEnabled).toBe(true);
  });
});

describe('the app window', () => {
  it('is the only window, locked down, with the built preload and the app:// page', () => {
    expect(electron.BrowserWindow.all).toHaveLength(1);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.webviewTag ?? false).toBe(false);
    expect(prefs.preload).toBe(path.join(outDir, 'preload', 'index.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(win.loadedUrl).toBe('app://desk/index.html');
  });

  it('refuses navigation and redirects away from the app, opening only allowlisted help links outside', () => {
    const navigate = listener(win.webContents, 'will-navigate');
    const inside = electron.preventable('app://desk/index.html#/profiles');
    navigate(inside);
    expect(inside.defaultPrevented).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://apidoc.onoffice.de/', 'evil://desk/index.html']) {
      const away = electron.preventable(url);
      navigate(away);
      expect(away.defaultPrevented, url).toBe(true);
    }
    const help = electron.preventable('https://apidoc.onoffice.de/');
    navigate(help);
    expect(help.defaultPrevented).toBe(true);
    expect(electron.shell.opened).toEqual(['https://apidoc.onoffice.de/']);

    const redirect = electron.preventable('https://evil.example/');
    listener(win.webContents, 'will-redirect')(redirect);
    expect(redirect.defaultPrevented).toBe(true);
  });

  it('denies every window.open, opening allowlisted https links in the system browser', () => {
    const open = win.webContents.windowOpenHandler as (details: { url: string }) => unknown;
    expect(open).toBeTypeOf('function');
    electron.shell.opened.length = 0;
    for (const url of ['https://evil.example/', 'http://status.onoffice.de/', 'https://status.onoffice.de:8443/', 'https://status.onoffice.de/']) {
      expect(open({ url }), url).toEqual({ action: 'deny' });
    }
    expect(electron.shell.opened).toEqual(['https://status.onoffice.de/']);
  });

  it('refuses to attach webviews', () => {
    const attach = electron.preventable();
    listener(win.webContents, 'will-attach-webview')(attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('applies the same guards to every other webContents the app creates', () => {
    const other = new electron.FakeWebContents();
    electron.app.emit('web-contents-created', electron.preventable(), other);
    const away = electron.preventable('https://evil.example/');
    listener(other, 'will-navigate')(away);
    expect(away.defaultPrevented).toBe(true);
    expect(other.windowOpenHandler).toBeTypeOf('function');
    expect(other.listeners.get('will-attach-webview')).toHaveLength(1);
  });
});

describe('settings, power and activity', () => {
  it('builds the menu in the language of the settings (German by default) and follows the theme setting', () => {
    const menu = electron.Menu.applicationMenu as { template: Array<{ label?: string }> };
    expect(menu.template.map((m) => m.label)).toEqual(expect.arrayContaining(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']));
    expect(electron.nativeTheme.themeSource).toBe('system');
  });

  it('rebuilds the menu when the renderer switches the language', async () => {
    const set = electron.ipcMain.handlers.get(ipcChannel('settingsSet')) as IpcHandler;
    const event = { sender: win.webContents, senderFrame: { url: 'app://desk/index.html' } };
    expect(await set(event, { language: 'en', theme: 'dark' })).toMatchObject({ ok: true });
    const menu = electron.Menu.applicationMenu as { template: Array<{ label?: string }> };
    expect(menu.template.map((m) => m.label)).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
    expect(electron.nativeTheme.themeSource).toBe('dark');
    expect(await set(event, { language: 'de', theme: 'system' })).toMatchObject({ ok: true });
  });

  it('locks on suspend and screen lock, and watches the window for activity', () => {
    expect(electron.powerMonitor.listeners.get('suspend')).toHaveLength(1);
    expect(electron.powerMonitor.listeners.get('lock-screen')).toHaveLength(1);
    expect(win.webContents.listeners.get('input-event')).toHaveLength(1);
  });
});

describe('the session and the app', () => {
  it('denies every permission request and check', () => {
    const { permissionRequestHandler, permissionCheckHandler } = electron.session.defaultSession;
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      (permissionRequestHandler as (...a: unknown[]) => void)(win.webContents, permission, (granted: boolean) => answers.push(granted), {});
      expect((permissionCheckHandler as (...a: unknown[]) => boolean)(win.webContents, permission, 'app://desk', {})).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false]);
  });

  it('makes every finished download readable by its owner only', () => {
    expect(electron.session.defaultSession.listeners.get('will-download')).toHaveLength(process.platform === 'win32' ? 0 : 1);
  });

  it('cancels renderer network requests', () => {
    const registration = electron.session.defaultSession.webRequest.beforeRequest;
    expect(registration?.filter.urls).toEqual(expect.arrayContaining(['https://*/*', 'http://*/*', 'wss://*/*', 'ws://*/*']));
    const decisions: unknown[] = [];
    (registration?.listener as (...a: unknown[]) => void)({ url: 'https://api.onoffice.de/api/stable/api.php' }, (d: unknown) => decisions.push(d));
    expect(decisions).toEqual([{ cancel: true }]);
  });

  it('rejects every certificate error', () => {
    const event = electron.preventable();
    const trusted: boolean[] = [];
    listener(electron.app, 'certificate-error')(event, win.webContents, 'https://x.example/', 'net::ERR_CERT_INVALID', {}, (t: boolean) => trusted.push(t), true);
    expect(event.defaultPrevented).toBe(true);
    expect(trusted).toEqual([false]);
  });
});

describe('app:// responses', () => {
  const handler = () => {
    const found = electron.protocol.handlers.get('app');
    expect(found).toBeTypeOf('function');
    return found as (request: { url: string; method: string }) => Promise<Response>;
  };

  it('carry the strict CSP, whether found or not', async () => {
    // Only main and preload were built here; a page of our own stands in for the renderer bundle.
    mkdirSync(path.join(outDir, 'renderer'), { recursive: true });
    writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>desk</title>');
    const page = await handler()({ url: 'app://desk/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await page.text()).toContain('<title>desk</title>');
    const missing = await handler()({ url: 'app://desk/no-such-file.js', method: 'GET' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('refuse path traversal, other hosts and writes', async () => {
    const packageJson = readFileSync(path.join(root, 'package.json'), 'utf8');
    for (const url of [
      'app://desk/..%2f..%2fpackage.json',
      'app://desk/%2e%2e/%2e%2e/package.json',
      'app://desk/..%5c..%5cpackage.json',
      'app://desk/../../package.json',
      'app://other/index.html',
      'app://desk/%E0%A4%A',
    ]) {
      const response = await handler()({ url, method: 'GET' });
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toBe(packageJson);
      expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    }
    expect((await handler()({ url: 'app://desk/index.html', method: 'POST' })).status).toBe(405);
  });
});

describe('IPC', () => {
  const handlerOf = (channel: string) => electron.ipcMain.handlers.get(channel) as IpcHandler;
  const trusted = () => ({ sender: win.webContents, senderFrame: { url: 'app://desk/index.html' } });
  const forbidden = { ok: false, error: expect.objectContaining({ code: 'forbidden-sender' }) };

  it('has exactly one handler per contract channel', () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
  });

  it('answers the app window with the result envelope', async () => {
    const result = (await handlerOf(ipcChannel('appInfo'))(trusted(), {})) as { ok: boolean };
    expect(result.ok).toBe(true);
    expect(await handlerOf(ipcChannel('appInfo'))(trusted(), { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses a sender that is not the app window', async () => {
    const stranger = new electron.FakeWebContents();
    expect(await handlerOf(ipcChannel('profilesList'))({ sender: stranger, senderFrame: { url: 'app://desk/index.html' } }, {})).toEqual(forbidden);
  });

  it('refuses the app window when the sending frame shows a foreign page', async () => {
    for (const url of ['https://evil.example/', 'evil://desk/index.html', 'file:///index.html', 'app://other/index.html', 'about:blank', 'not a url']) {
      expect(await handlerOf(ipcChannel('profilesList'))({ sender: win.webContents, senderFrame: { url } }, {}), url).toEqual(forbidden);
    }
    expect(await handlerOf(ipcChannel('profilesList'))({ sender: win.webContents, senderFrame: null }, {})).toEqual(forbidden);
  });

  it('answers any payload on any channel with an envelope, never by throwing', async () => {
    const stranger = new electron.FakeWebContents();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES), fc.anything(), fc.boolean(), async (name, payload, fromApp) => {
        const event = fromApp ? trusted() : { sender: stranger, senderFrame: { url: 'app://desk/index.html' } };
        const result = (await handlerOf(ipcChannel(name))(event, payload)) as { ok: unknown; error?: { code: unknown } };
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(typeof result.error?.code).toBe('string');
        if (!fromApp) expect(result).toEqual(forbidden);
      }),
      { numRuns: 300 },
    );
  });

  it('sends only contract events to the window', async () => {
    // Make the app send what it sends in use: a vault change (auto-lock setting, passphrase, lock), a check's progress and the
    // journal entries of its calls (against the local sandbox), and whatever the updater says when asked to check.
    const sandbox = await startSandbox({ scenarios: ['healthy-website'] });
    try {
      win.webContents.sent.length = 0;
      const call = async (name: Parameters<typeof ipcChannel>[0], request: unknown = {}) => {
        const result = (await handlerOf(ipcChannel(name))(trusted(), request)) as { ok: boolean; value?: unknown; error?: unknown };
        expect(result.ok, `${name}: ${JSON.stringify(result.error)}`).toBe(true);
        return result.value;
      };
      const before = ((await call('settingsGet')) as { autoLockMinutes: number }).autoLockMinutes;
      await call('settingsSet', { autoLockMinutes: before === 10 ? 15 : 10 });
      await call('settingsSet', { autoLockMinutes: before });
      await call('vaultSetPassphrase', { passphrase: 'korrekt Pferd Batterie Heftklammer' });
      const user = sandbox.apiUsers.find((u) => u.scenario === 'healthy-website');
      expect(user).toBeDefined();
      const profile = (await call('profilesCreate', {
        label: 'Events',
        endpoint: { kind: 'custom', url: sandbox.endpoint },
        token: user?.token,
        secret: user?.secret,
      })) as { id: string };
      await call('checksRun', { profileId: profile.id, useCase: 'website' });
      await handlerOf(ipcChannel('updateCheckNow'))(trusted(), {});
      await call('profilesDelete', { id: profile.id });
      await call('vaultLock');
    } finally {
      await sandbox.stop();
    }

    const channels = win.webContents.sent.map((s) => s.channel);
    expect(channels.length).toBeGreaterThan(0);
    const allowed = new Set(EVENT_NAMES.map(ipcEvent));
    for (const channel of channels) expect(allowed.has(channel), channel).toBe(true);
    // Each kind triggered above did reach the window (updateState needs a packaged build: see the updater tests).
    expect(new Set(channels)).toEqual(new Set(['vaultChanged', 'checksProgress', 'journalAppended'].map((e) => ipcEvent(e as (typeof EVENT_NAMES)[number]))));
  });
});

describe('updates', () => {
  const invoke = (name: Parameters<typeof ipcChannel>[0]) =>
    (electron.ipcMain.handlers.get(ipcChannel(name)) as IpcHandler)({ sender: win.webContents, senderFrame: { url: 'app://desk/index.html' } }, {});

  it('are disabled in a build that is not packaged: electron-updater never runs, nothing is scheduled', async () => {
    win.emit('ready-to-show');
    const disabled = { state: { status: 'disabled', reason: 'not-packaged' }, channel: 'latest', currentVersion: '0.0.0-stand-in', lastCheckAt: null };
    expect(await invoke('updateGet')).toEqual({ ok: true, value: disabled });
    expect(await invoke('updateCheckNow')).toEqual({ ok: true, value: disabled });
    expect(await invoke('updateRestart')).toMatchObject({ ok: false, error: { code: 'update-not-ready' } });
    // electron-updater's file helpers (graceful-fs) mark the fs module the moment they load.
    expect(Object.getOwnPropertySymbols(nodeFs).map(String)).not.toContain('Symbol(graceful-fs.queue)');
  });

  it('bundles electron-updater into the main bundle: no import of it is left for app.asar to satisfy', () => {
    const bundle = readFileSync(path.join(outDir, 'main', 'index.js'), 'utf8');
    expect(bundle).toContain('// node_modules/electron-updater/out/main.js');
    const imports = [...bundle.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
    for (const specifier of imports) expect(specifier === 'electron' || specifier?.startsWith('node:'), specifier).toBe(true);
    const required = new Set([...bundle.matchAll(/\b__require\("([^"]+)"\)/g)].map((m) => m[1]));
    for (const specifier of required) expect(specifier === 'electron' || isBuiltin(specifier ?? ''), specifier).toBe(true);
  });

  it('gives the window and the About box the app icon (from build/ in development)', () => {
    const icon = path.join(electron.app.getAppPath(), 'build', 'icons', '256x256.png');
    expect(win?.options.icon).toBe(icon);
    expect(electron.app.aboutPanel).toMatchObject({ applicationName: 'API User Desk', applicationVersion: '0.0.0-stand-in', iconPath: icon });
  });

  it("names the app to Windows by electron-builder's appId, and only on Windows", () => {
    const appId = /^appId:\s*(\S+)\s*$/m.exec(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'))?.[1];
    expect(appId).toBe('de.apiuserdesk.app');
    expect(readFileSync(path.join(root, 'main', 'index.ts'), 'utf8')).toContain(`const APP_USER_MODEL_ID = '${appId}';`);
    expect(electron.app.appUserModelId).toBe(process.platform === 'win32' ? appId : null);
  });
});

describe('preload bundle', () => {
  function runPreload() {
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: Array<{ channel: string; request: unknown }> = [];
    const subscriptions = new Map<string, (...args: unknown[]) => void>();
    const required: string[] = [];
    const electronForPreload = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      // The preload's view of Electron, keyed as the module names it.
      'ipcRenderer': {
        invoke: (channel: string, request: unknown) => {
          invoked.push({ channel, request });
          return Promise.resolve({ ok: true, value: null });
        },
        on: (channel: string, fn: (...args: unknown[]) => void) => subscriptions.set(channel, fn),
        removeListener: (channel: string) => subscriptions.delete(channel),
      },
    };
    const code = readFileSync(path.join(outDir, 'preload', 'index.cjs'), 'utf8');
    const module = { exports: {} };
    // A sandboxed preload gets `require` for a handful of modules only; this one may need nothing but electron.
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return electronForPreload;
      throw new Error(`a sandboxed preload cannot require '${id}'`);
    };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console }, { filename: 'index.cjs' });
    return { exposed, invoked, subscriptions, required };
  }

  it('needs only electron and exposes one named function per channel plus on(), nothing generic', () => {
    const { exposed, required } = runPreload();
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect([...exposed.keys()]).toEqual(['desk']);
    const desk = exposed.get('desk') ?? {};
    expect(Object.keys(desk).sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
    for (const value of Object.values(desk)) expect(value).toBeTypeOf('function');
  });

  it('invokes the channel of each function and subscribes only to contract events', async () => {
    const { exposed, invoked, subscriptions } = runPreload();
    const desk = exposed.get('desk') as Record<string, (...args: unknown[]) => unknown>;
    await desk.profilesGet?.({ id: 'p1' });
    expect(invoked).toEqual([{ channel: ipcChannel('profilesGet'), request: { id: 'p1' } }]);

    const payloads: unknown[] = [];
    const off = desk.on?.('vaultChanged', (payload: unknown) => payloads.push(payload)) as () => void;
    subscriptions.get(ipcEvent('vaultChanged'))?.({ sender: 'ipc event object' }, { locked: true });
    expect(payloads).toEqual([{ locked: true }]);
    off();
    expect(subscriptions.has(ipcEvent('vaultChanged'))).toBe(false);
    expect(() => desk.on?.('desk:profilesList', () => undefined)).toThrow();
  });
});
