/**
 * The Electron adapters' own logic, without Electron: the app:// file mapping, the external-link allowlist, the
 * window-state file, the clipboard clearing, the key store's answers and the activity throttle.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { originOf, resolveAppFile } from '../../main/electron/app-protocol.ts';
import { createClipboardAdapter, type Timers } from '../../main/electron/clipboard.ts';
import { protectDownloads, type DownloadSessionLike } from '../../main/electron/downloads.ts';
import { isAllowedExternalUrl } from '../../main/electron/guards.ts';
import { createKeyStore } from '../../main/electron/keystore.ts';
import { ACTIVITY_INTERVAL_MS, lockOnPowerEvents, reportActivity } from '../../main/electron/power.ts';
import type { AsyncSafeStorage } from '../../main/electron/safe-storage-cipher.ts';
import { DEFAULT_WINDOW_STATE, parseWindowState, readWindowState, writeWindowState } from '../../main/electron/window-state.ts';

const rendererDir = path.resolve('/srv/desk/out/renderer');

describe('app:// file mapping', () => {
  it('maps app pages into the renderer folder', () => {
    expect(resolveAppFile(rendererDir, 'app://desk/index.html')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://desk/')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://desk/assets/a%20b.js?x=1#y')).toBe(path.join(rendererDir, 'assets', 'a b.js'));
  });

  it('never leaves the renderer folder, whatever the URL', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '%2e%2e', '%2E%2e', '%2f', '%5c', '\\', '/', 'a', '.', '%00', 'index.html'), { maxLength: 12 }), (parts) => {
        const file = resolveAppFile(rendererDir, `app://desk/${parts.join('/')}`);
        if (file !== null) expect(path.relative(rendererDir, file).startsWith('..')).toBe(false);
      }),
    );
    expect(resolveAppFile(rendererDir, 'app://other/index.html')).toBeNull();
    expect(resolveAppFile(rendererDir, 'https://desk/index.html')).toBeNull();
  });

  it('compares origins by scheme and host, also for schemes WHATWG URL calls opaque', () => {
    expect(originOf('app://desk/index.html#/x')).toBe('app://desk');
    expect(originOf('evil://desk/index.html')).toBe('evil://desk');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('external links', () => {
  it('opens only https pages on the allowlisted onOffice hosts', () => {
    expect(isAllowedExternalUrl('https://apidoc.onoffice.de/actions/datensatz-lesen/')).toBe(true);
    expect(isAllowedExternalUrl('https://de.enterprisehilfe.onoffice.com/help_entries/api/')).toBe(true);
    for (const url of [
      'http://apidoc.onoffice.de/',
      'https://apidoc.onoffice.de.evil.example/',
      'https://user:pw@apidoc.onoffice.de/',
      'https://apidoc.onoffice.de:444/',
      'https://onoffice.de/',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('keeps a sane size and a reachable position', () => {
    expect(parseWindowState('{"x":100,"y":50,"width":1400,"height":900,"maximized":true}', screen)).toEqual({
      position: { x: 100, y: 50 },
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it('drops a position on a display that is gone, and corrupt or absurd values entirely', () => {
    expect(parseWindowState('{"x":5000,"y":50,"width":1400,"height":900}', screen)).toEqual({ width: 1400, height: 900, maximized: false });
    expect(parseWindowState('{"x":100,"y":-900,"width":1400,"height":900}', screen).position).toBeUndefined();
    for (const raw of ['', '{', 'null', '[]', '{"width":"1400","height":900}', '{"width":10,"height":10}', '{"width":1e9,"height":900}', '{"width":1400.5,"height":900}']) {
      expect(parseWindowState(raw, screen), raw).toEqual(DEFAULT_WINDOW_STATE);
    }
  });

  it('round-trips through its file and survives a missing one', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'aud-window-state-'));
    const file = path.join(dir, 'window-state.json');
    expect(readWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeWindowState(file, { getNormalBounds: () => ({ x: 10, y: 20, width: 1300, height: 800 }), isMaximized: () => false });
    expect(readWindowState(file, screen)).toEqual({ position: { x: 10, y: 20 }, width: 1300, height: 800, maximized: false });
    writeFileSync(file, 'garbage');
    expect(readWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('clipboard', () => {
  function setup() {
    const board = { text: '', clears: 0 };
    const clipboard = {
      writeText: (text: string) => {
        board.text = text;
        return Promise.resolve();
      },
      readText: () => Promise.resolve(board.text),
      clear: () => {
        board.text = '';
        board.clears += 1;
      },
    };
    const scheduled: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
    const timers: Timers = {
      setTimeout: (run, ms) => {
        const timer = { run, ms, cancelled: false };
        scheduled.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        (handle as { cancelled: boolean }).cancelled = true;
      },
    };
    const fire = async () => {
      for (const t of scheduled.filter((s) => !s.cancelled)) {
        t.cancelled = true;
        t.run();
      }
      await new Promise((r) => setImmediate(r));
    };
    return { board, adapter: createClipboardAdapter(clipboard, timers), scheduled, fire };
  }

  it('clears the copied text after the delay', async () => {
    const { board, adapter, scheduled, fire } = setup();
    adapter.copyAndClear('token-123', 30_000);
    await new Promise((r) => setImmediate(r));
    expect(board.text).toBe('token-123');
    expect(scheduled[0]?.ms).toBe(30_000);
    await fire();
    expect(board.text).toBe('');
  });

  it('leaves whatever the person copied since alone', async () => {
    const { board, adapter, fire } = setup();
    adapter.copyAndClear('token-123', 30_000);
    await new Promise((r) => setImmediate(r));
    board.text = 'something else';
    await fire();
    expect(board.text).toBe('something else');
    expect(board.clears).toBe(0);
  });

  it('copies text that is no secret and leaves it, even over a pending credential clear', async () => {
    const { board, adapter, scheduled, fire } = setup();
    adapter.copyAndClear('token-123', 30_000);
    adapter.copy('ind_1472_Feld_adressen2');
    await new Promise((r) => setImmediate(r));
    expect(board.text).toBe('ind_1472_Feld_adressen2');
    expect(scheduled).toHaveLength(1);
    await fire();
    expect(board.text).toBe('ind_1472_Feld_adressen2');
    expect(board.clears).toBe(0);
  });

  it('clears a pending copy at quit', async () => {
    const { board, adapter, scheduled } = setup();
    adapter.copyAndClear('token-123', 30_000);
    await adapter.clearNow();
    expect(board.text).toBe('');
    expect(scheduled[0]?.cancelled).toBe(true);
  });
});

describe('key store', () => {
  const storage = (available: boolean, backend: string): AsyncSafeStorage => ({
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    getSelectedStorageBackend: () => backend as ReturnType<AsyncSafeStorage['getSelectedStorageBackend']>,
    encryptStringAsync: (plain: string) => Promise.resolve(Buffer.from(`sealed:${plain}`)),
    decryptStringAsync: (data: Buffer) => Promise.resolve({ result: data.toString().slice('sealed:'.length), shouldReEncrypt: false }),
  });

  it("refuses Linux's basic_text unless the person accepted it", async () => {
    const keyStore = createKeyStore(storage(true, 'basic_text'), 'linux');
    expect(await keyStore.open({ allowWeak: false })).toEqual({ ok: false, code: 'weak-storage', backend: 'basic_text' });
    const accepted = await keyStore.open({ allowWeak: true });
    expect(accepted.ok && accepted.cipher.backend).toBe('basic_text');
  });

  it('names the backend when the key store is unavailable, and opens a real one', async () => {
    expect(await createKeyStore(storage(false, 'gnome_libsecret'), 'linux').open({ allowWeak: false })).toEqual({
      ok: false,
      code: 'encryption-unavailable',
      backend: 'gnome_libsecret',
    });
    const opened = await createKeyStore(storage(true, 'gnome_libsecret'), 'linux').open({ allowWeak: false });
    expect(opened.ok).toBe(true);
    if (opened.ok) expect((await opened.cipher.decrypt(await opened.cipher.encrypt('s3cret'))).plain).toBe('s3cret');
  });
});

describe('power and activity', () => {
  it('locks on suspend and screen lock', () => {
    const handlers = new Map<string, () => void>();
    const locks: string[] = [];
    lockOnPowerEvents({ on: ((event: string, fn: () => void) => handlers.set(event, fn)) as never }, { lock: (reason) => locks.push(reason) });
    handlers.get('suspend')?.();
    handlers.get('lock-screen')?.();
    expect(locks).toEqual(['suspend', 'screen-lock']);
  });

  it('reports input to the auto-lock timer at most once per interval', () => {
    let listener: ((event: unknown, input: { type: string }) => void) | undefined;
    let now = 0;
    let touches = 0;
    reportActivity({ on: ((_: string, fn: typeof listener) => (listener = fn)) as never }, { touch: () => (touches += 1) }, () => now);
    listener?.({}, { type: 'keyDown' });
    listener?.({}, { type: 'mouseMove' });
    now += ACTIVITY_INTERVAL_MS;
    listener?.({}, { type: 'mouseUp' });
    listener?.({}, { type: 'mouseDown' });
    expect(touches).toBe(2);
  });
});

describe('downloads', () => {
  /** Stand-ins for Electron's Session and DownloadItem (no Electron binary where tests run), on a real file. */
  class ItemStandIn extends EventEmitter {
    readonly savePath: string;
    constructor(savePath: string) {
      super();
      this.savePath = savePath;
    }
    getSavePath(): string {
      return this.savePath;
    }
  }
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it.runIf(process.platform !== 'win32')('leaves a finished download readable by its owner only, and a cancelled one alone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aud-downloads-'));
    dirs.push(dir);
    const session = new EventEmitter();
    protectDownloads(session as unknown as DownloadSessionLike);
    const finished = path.join(dir, 'api-user-desk-backup.audbackup');
    const cancelled = path.join(dir, 'report.html');
    for (const file of [finished, cancelled]) writeFileSync(file, 'x', { mode: 0o644 });
    const items = [new ItemStandIn(finished), new ItemStandIn(cancelled)];
    for (const item of items) session.emit('will-download', {}, item);
    items[0]?.emit('done', {}, 'completed');
    items[1]?.emit('done', {}, 'cancelled');
    await expect.poll(() => statSync(finished).mode & 0o777).toBe(0o600);
    expect(statSync(cancelled).mode & 0o777).toBe(0o644);
  });
});
