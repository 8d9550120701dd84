/**
 * The updater adapter (main/electron/updater.ts) over AutoUpdaterStandIn, electron-updater's autoUpdater played
 * from a script: the states a check passes through, what each kind of failure becomes, when it is disabled, the
 * schedule that follows the `updates.check` setting, and that the window hears nothing but the update view.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, ipcEvent, type UpdateState, type UpdateView } from '../../preload/contract.ts';
import { createAppServices } from '../../main/api/app.ts';
import type { AppServices } from '../../main/api/app-types.ts';
import {
  CHECK_INTERVAL_MS,
  channelFromConfig,
  classifyUpdateError,
  createUpdater,
  FIRST_CHECK_DELAY_MS,
  redactUpdateMessage,
  type Updater,
  type UpdaterOptions,
} from '../../main/electron/updater.ts';
import { AutoUpdaterStandIn } from './electron-stand-in.ts';

const windows = vi.hoisted(() => new Map<unknown, unknown>());
vi.mock('electron', () => ({
  BrowserWindow: { fromWebContents: (contents: unknown) => windows.get(contents) ?? null },
}));
const { registerIpc } = await import('../../main/electron/ipc.ts');

const RESOURCES = '/opt/API User Desk/resources';
const CONFIG = 'owner: api-user-desk\nrepo: api-user-desk\nprovider: github\nupdaterCacheDirName: api-user-desk-updater\n';

interface Setup {
  updater: Updater;
  engine: AutoUpdaterStandIn;
  states: UpdateState[];
  loads: () => number;
}

function setup(over: Partial<UpdaterOptions> = {}, engine = new AutoUpdaterStandIn()): Setup {
  let loads = 0;
  const updater = createUpdater({
    isPackaged: true,
    currentVersion: '1.1.0',
    resourcesPath: RESOURCES,
    readFile: (file) => (file === path.join(RESOURCES, 'app-update.yml') ? CONFIG : null),
    loadEngine: () => {
      loads += 1;
      return Promise.resolve(engine);
    },
    now: () => 1_700_000_000_000,
    ...over,
  });
  const states: UpdateState[] = [];
  updater.onChange((view) => states.push(view.state));
  return { updater, engine, states, loads: () => loads };
}

/** Lets the stand-in's download (microtasks) run to its end. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('a check', () => {
  it('finds an update, downloads it in the background and restarts into it only when ready', async () => {
    const { updater, engine, states } = setup({}, new AutoUpdaterStandIn().script({ kind: 'available', version: '1.2.0' }));
    expect(updater.restart()).toBe('not-ready');
    const view = await updater.checkNow();
    expect(view).toMatchObject({ channel: 'latest', currentVersion: '1.1.0', lastCheckAt: 1_700_000_000_000 });
    await settle();
    expect(engine.autoDownload).toBe(true);
    expect(engine.autoInstallOnAppQuit).toBe(true);
    expect(states).toEqual([
      { status: 'checking' },
      { status: 'available', version: '1.2.0' },
      { status: 'downloading', version: '1.2.0', percent: 12 },
      { status: 'downloading', version: '1.2.0', percent: 50 },
      { status: 'downloading', version: '1.2.0', percent: 100 },
      { status: 'ready', version: '1.2.0' },
    ]);
    expect(engine.installs).toEqual([]);
    expect(updater.restart()).toBe('restarting');
    expect(engine.installs).toEqual([{ isSilent: true, isForceRunAfter: true }]);
  });

  it('reports that nothing newer exists', async () => {
    const { updater, states } = setup();
    expect((await updater.checkNow()).state).toEqual({ status: 'not-available' });
    expect(states).toEqual([{ status: 'checking' }, { status: 'not-available' }]);
    expect(updater.restart()).toBe('not-ready');
  });

  it('does not start a second check while one is under way or an update waits', async () => {
    const { updater, engine } = setup({}, new AutoUpdaterStandIn().script({ kind: 'available', version: '1.2.0' }));
    await Promise.all([updater.checkNow(), updater.checkNow()]);
    await settle();
    expect(updater.view().state).toEqual({ status: 'ready', version: '1.2.0' });
    await updater.checkNow();
    expect(engine.checks).toBe(1);
  });

  it('turns a failed download into a network error with a redacted line, and checks again later', async () => {
    const cut = Object.assign(new Error(`net::ERR_CONNECTION_RESET https://objects.githubusercontent.com/x/API-User-Desk.AppImage?X-Amz-Signature=abc123 (${process.env.HOME ?? '/root'}/.cache/x)\n    at stack line`), {});
    const { updater, engine, states } = setup({}, new AutoUpdaterStandIn().script({ kind: 'download-error', version: '1.2.0', error: cut }, { kind: 'not-available' }));
    await updater.checkNow();
    await settle();
    const error = states.at(-1);
    expect(error).toMatchObject({ status: 'error', kind: 'network', code: null });
    const message = (error as { message: string }).message;
    expect(message).toContain('net::ERR_CONNECTION_RESET https://objects.githubusercontent.com/x/API-User-Desk.AppImage');
    expect(message).not.toMatch(/X-Amz-Signature|abc123|stack line/);
    expect(updater.restart()).toBe('not-ready');
    expect((await updater.checkNow()).state).toEqual({ status: 'not-available' });
    expect(engine.checks).toBe(2);
  });

  it('names a refused signature as such (Windows and macOS wording)', async () => {
    const windowsError = Object.assign(
      new Error('New version 1.2.0 is not signed by the application owner: publisherNames: API User Desk, raw info: {"SignerCertificate":…}'),
      { code: 'ERR_UPDATER_INVALID_SIGNATURE' },
    );
    const macError = new Error('Code signature at URL file:///Users/person/Library/Caches/api-user-desk-updater/pending/update.zip did not pass validation: code failed to satisfy specified code requirement(s)');
    for (const error of [windowsError, macError]) {
      const { updater, states } = setup({}, new AutoUpdaterStandIn().script({ kind: 'download-error', version: '1.2.0', error }));
      await updater.checkNow();
      await settle();
      expect(states.at(-1), error.message).toMatchObject({ status: 'error', kind: 'signature' });
    }
    expect(classifyUpdateError(windowsError)).toMatchObject({ kind: 'signature', code: 'ERR_UPDATER_INVALID_SIGNATURE' });
    expect(classifyUpdateError(macError).message).not.toContain('/Users/person');
  });

  it('reports a check that fails once, although electron-updater both emits the error and rejects', async () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' });
    const { updater, states } = setup({}, new AutoUpdaterStandIn().script({ kind: 'check-error', error }));
    expect((await updater.checkNow()).state).toEqual({ status: 'error', kind: 'network', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND github.com' });
    expect(states).toEqual([{ status: 'checking' }, { status: 'error', kind: 'network', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND github.com' }]);
    expect(updater.view().lastCheckAt).toBe(1_700_000_000_000);
  });

  it('keeps a throw from checkForUpdates inside the adapter', async () => {
    const { updater } = setup({}, new AutoUpdaterStandIn().script({ kind: 'throw', error: new Error('Cannot parse update info from latest-linux.yml') }));
    await expect(updater.checkNow()).resolves.toMatchObject({ state: { status: 'error', kind: 'other', message: 'Cannot parse update info from latest-linux.yml' } });
  });

  it('reports an updater that cannot load, and one that cannot work on this install', async () => {
    const broken = setup({ loadEngine: () => Promise.reject(new Error('App version is not a valid semver version')) });
    expect((await broken.updater.checkNow()).state).toMatchObject({ status: 'error', kind: 'other' });
    const inactive = setup({}, new AutoUpdaterStandIn().script({ kind: 'inactive' }));
    expect((await inactive.updater.checkNow()).state).toEqual({ status: 'disabled', reason: 'unsupported' });
    await inactive.updater.checkNow();
    expect(inactive.engine.checks).toBe(1);
  });

  it('names the channel of app-update.yml, else latest', async () => {
    expect(channelFromConfig('provider: github\nchannel: beta\n')).toBe('beta');
    expect(channelFromConfig(CONFIG)).toBeNull();
    expect(setup({ readFile: () => 'provider: github\nchannel: beta\n' }).updater.view().channel).toBe('beta');
    expect(setup().updater.view()).toEqual({ state: { status: 'idle' }, channel: 'latest', currentVersion: '1.1.0', lastCheckAt: null });
  });
});

describe('errors', () => {
  it('classify by code, message and HTTP status', () => {
    expect(classifyUpdateError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' })).kind).toBe('network');
    expect(classifyUpdateError(new Error('net::ERR_INTERNET_DISCONNECTED')).kind).toBe('network');
    expect(classifyUpdateError(Object.assign(new Error('HttpError: 503 Service Unavailable'), { statusCode: 503 })).kind).toBe('network');
    expect(classifyUpdateError(Object.assign(new Error('HttpError: 404 Not Found'), { statusCode: 404, code: 'HTTP_ERROR_404' })).kind).toBe('other');
    expect(classifyUpdateError(Object.assign(new Error('sha512 checksum mismatch, expected a, got b'), { code: 'ERR_CHECKSUM_MISMATCH' })).kind).toBe('other');
    expect(classifyUpdateError('plain text').kind).toBe('other');
    expect(classifyUpdateError({ code: { not: 'a string' } })).toEqual({ kind: 'other', code: null, message: 'unknown error' });
  });

  it('become one bounded line without queries, user info or the home folder', () => {
    expect(redactUpdateMessage('Cannot download https://user:pw@example.com/a/b.yml?token=x#y: failed\nHeaders: {"authorization":"token z"}', '/home/person')).toBe(
      'Cannot download https://example.com/a/b.yml: failed',
    );
    expect(redactUpdateMessage('EACCES: permission denied, open /home/person/.cache/x', '/home/person')).toBe('EACCES: permission denied, open ~/.cache/x');
    expect(redactUpdateMessage('x'.repeat(1000)).length).toBe(240);
  });
});

describe('disabled', () => {
  it('in a development build: electron-updater is never loaded and no timer is set', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { updater, loads } = setup({ isPackaged: false });
      updater.setAutoCheck(true);
      updater.start();
      expect(vi.getTimerCount()).toBe(0);
      expect((await updater.checkNow()).state).toEqual({ status: 'disabled', reason: 'not-packaged' });
      expect(updater.restart()).toBe('not-ready');
      expect(loads()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without app-update.yml (or outside Electron, where there is no resources folder)', async () => {
    expect((await setup({ readFile: () => null }).updater.checkNow()).state).toEqual({ status: 'disabled', reason: 'no-update-config' });
    const outside = setup({ resourcesPath: undefined });
    expect((await outside.updater.checkNow()).state).toEqual({ status: 'disabled', reason: 'no-update-config' });
    expect(outside.loads()).toBe(0);
  });
});

describe('the schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks soon after the window shows, then every 6 hours', async () => {
    const { updater, engine } = setup();
    updater.setAutoCheck(true);
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS * 10);
    expect(engine.checks).toBe(0);
    updater.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS - 1);
    expect(engine.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(engine.checks).toBe(2);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(engine.checks).toBe(3);
    updater.stop();
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 4);
    expect(engine.checks).toBe(3);
  });

  it('runs no check with the setting off, and schedules again when it is turned on', async () => {
    const { updater, engine } = setup();
    updater.setAutoCheck(false);
    updater.start();
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3);
    expect(engine.checks).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    updater.setAutoCheck(true);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(engine.checks).toBe(1);
    updater.setAutoCheck(false);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3);
    expect(engine.checks).toBe(1);
  });

  it('stops for good when this install cannot update itself', async () => {
    const { updater, engine } = setup({}, new AutoUpdaterStandIn().script({ kind: 'inactive' }));
    updater.setAutoCheck(true);
    updater.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(updater.view().state).toEqual({ status: 'disabled', reason: 'unsupported' });
    expect(vi.getTimerCount()).toBe(0);
    expect(engine.checks).toBe(1);
  });
});

describe('through the services and IPC', () => {
  let dir: string;
  let services: AppServices | null = null;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aud-updater-'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(async () => {
    await services?.close();
    services = null;
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  async function wire(engine: AutoUpdaterStandIn) {
    const { updater } = setup({}, engine);
    services = await createAppServices({ host: 'electron', appVersion: '1.1.0', platform: 'linux', dataDir: dir, updates: updater });
    const handlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
    const sent: Array<{ channel: string; payload: unknown }> = [];
    const contents = { send: (channel: string, payload: unknown) => sent.push({ channel, payload }) };
    const win = { webContents: contents, isDestroyed: () => false };
    windows.set(contents, win);
    registerIpc({
      ipcMain: { handle: (channel: string, fn: never) => handlers.set(channel, fn), removeHandler: (channel: string) => handlers.delete(channel) } as never,
      services,
      window: () => win as never,
      isAppUrl: (url) => url.startsWith('app://desk/'),
      onSettingsChanged: () => undefined,
    });
    const trusted = { sender: contents, senderFrame: { url: 'app://desk/index.html' } };
    const invoke = (name: Parameters<typeof ipcChannel>[0], request: unknown = {}) => handlers.get(ipcChannel(name))?.(trusted, request);
    return { updater, sent, invoke };
  }

  it('sends the window only the update view: no notes, addresses, paths or hashes from the feed', async () => {
    const engine = new AutoUpdaterStandIn().script({ kind: 'available', version: '1.2.0' });
    const { sent, invoke } = await wire(engine);
    expect(await invoke('updateCheckNow')).toMatchObject({ ok: true, value: { state: { version: '1.2.0' } } });
    await settle();
    expect(sent.length).toBeGreaterThan(3);
    for (const { channel, payload } of sent) {
      expect(channel).toBe(ipcEvent('updateState'));
      const view = payload as UpdateView;
      expect(Object.keys(view).sort()).toEqual(['channel', 'currentVersion', 'lastCheckAt', 'state']);
      expect(Object.keys(view.state).every((k) => ['status', 'version', 'percent'].includes(k))).toBe(true);
    }
    const everything = JSON.stringify(sent);
    for (const leak of ['script', 'releaseNotes', 'github.com', 'feed-secret', 'sha512', '.AppImage', '/home/person', 'downloadedFile']) expect(everything).not.toContain(leak);
    expect(sent.at(-1)?.payload).toMatchObject({ state: { status: 'ready', version: '1.2.0' } });
    expect(await invoke('updateGet')).toEqual({ ok: true, value: { state: { status: 'ready', version: '1.2.0' }, channel: 'latest', currentVersion: '1.1.0', lastCheckAt: 1_700_000_000_000 } });
    expect(await invoke('updateRestart')).toEqual({ ok: true, value: { restarting: true } });
    expect(engine.installs).toHaveLength(1);
  });

  it('answers a restart without a downloaded update with an error, and validates requests', async () => {
    const engine = new AutoUpdaterStandIn();
    const { invoke } = await wire(engine);
    expect(await invoke('updateRestart')).toMatchObject({ ok: false, error: { code: 'update-not-ready' } });
    expect(await invoke('updateGet', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(engine.installs).toEqual([]);
  });

  it('follows the saved updates.check setting: off from the start means no check, on schedules one', async () => {
    const first = await wire(new AutoUpdaterStandIn());
    expect(await first.invoke('settingsSet', { updates: { check: false } })).toMatchObject({ ok: true, value: { updates: { check: false } } });
    expect(await first.invoke('settingsSet', { updates: { check: 'yes' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await services?.close();

    // A new start reads the setting back: the updater stays quiet.
    const engine = new AutoUpdaterStandIn();
    const second = await wire(engine);
    second.updater.start();
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(engine.checks).toBe(0);
    expect(await second.invoke('settingsGet')).toMatchObject({ ok: true, value: { updates: { check: false } } });
    await second.invoke('settingsSet', { updates: { check: true } });
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(engine.checks).toBe(1);
  });
});
