/**
 * The updater: electron-updater's autoUpdater behind the small port the services use (UpdatesPort). The only
 * module that touches electron-updater, and it loads it only when it is about to check: a development build, an
 * app without app-update.yml or the browser host never load it and never reach the network.
 *
 * States: idle → checking → available(version) → downloading(percent) → ready(version), or not-available, or
 * error(kind). An update downloads in the background and installs on "restart now" or when the app quits. Nothing
 * from the update feed reaches the window but the version; errors become a kind, a code and one redacted line,
 * and never throw out of here.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { UpdateDisabledReason, UpdateErrorKind, UpdateState, UpdateView } from '../../preload/contract.ts';
import type { UpdatesPort } from '../api/app-types.ts';

export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** The first check waits a little after the window is shown: starting the app never waits for the network. */
export const FIRST_CHECK_DELAY_MS = 10_000;
export const UPDATE_CONFIG_FILE = 'app-update.yml';

/**
 * What the adapter needs of electron-updater's AppUpdater (the real autoUpdater, or a stand-in in tests): the
 * events it listens to, with only the fields it reads.
 */
export interface UpdaterEngine {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  readonly channel: string | null;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error, message?: string) => void): unknown;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string }; downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UpdaterOptions {
  /** `app.isPackaged`: a development build never updates itself. */
  isPackaged: boolean;
  currentVersion: string;
  /** `process.resourcesPath`, where electron-builder puts app-update.yml when the app is published (undefined outside Electron). */
  resourcesPath: string | undefined;
  /** The text of a file, or null when it cannot be read. */
  readFile?: (file: string) => string | null;
  /** Defaults to electron-updater's autoUpdater, loaded on first use. */
  loadEngine?: () => Promise<UpdaterEngine>;
  timers?: Timers;
  now?: () => number;
}

export interface Updater extends UpdatesPort {
  /** Starts the schedule once the window is ready; later calls do nothing. */
  start(): void;
  /** Stops the schedule for good (quit). */
  stop(): void;
}

async function loadElectronUpdater(): Promise<UpdaterEngine> {
  // A dynamic import: Vite bundles electron-updater into the main bundle but runs its code only from here.
  const { default: electronUpdater } = await import('electron-updater');
  return electronUpdater.autoUpdater;
}

const readText = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EPIPE',
]);
const NETWORK_MESSAGE = /\bnet::ERR_[A-Z_]+|\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b/;
/**
 * Windows (NsisUpdater): "New version … is not signed by the application owner" (ERR_UPDATER_INVALID_SIGNATURE);
 * macOS (Squirrel.Mac): "Code signature at URL … did not pass validation"; both refuse the update.
 */
const SIGNATURE_MESSAGE = /not signed by the application owner|code ?signature|signature (?:is )?(?:invalid|not valid)|signature (?:verification|validation|check) failed|did not pass validation/i;
const CODE = /^[A-Za-z0-9_:.-]{1,64}$/;
const MAX_MESSAGE = 240;

/** One plain line: addresses cut to origin and path (no query, no user info), the home folder as ~, bounded. */
export function redactUpdateMessage(message: string, home: string = homedir()): string {
  let line = (message.split(/\r?\n/)[0] ?? '').trim();
  line = line.replace(/\b(?:https?|wss?|file):\/\/[^\s"'()<>]+/gi, (found) => {
    // Punctuation after an address belongs to the sentence.
    const trail = /[.,:;!?]+$/.exec(found)?.[0] ?? '';
    try {
      const url = new URL(found.slice(0, found.length - trail.length));
      return `${url.protocol === 'file:' ? 'file://…' : `${url.origin}${url.pathname}`}${trail}`;
    } catch {
      return `…${trail}`;
    }
  });
  if (home.length > 1) line = line.split(home).join('~');
  line = line.replace(/\s+/g, ' ');
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** What went wrong, as the person needs to know it: no connection, a refused signature, or something else. */
export function classifyUpdateError(error: unknown): { kind: UpdateErrorKind; code: string | null; message: string } {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  const rawCode = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  const code = typeof rawCode === 'string' && CODE.test(rawCode) ? rawCode : null;
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? (error as { statusCode: unknown }).statusCode : undefined;
  let kind: UpdateErrorKind = 'other';
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE' || SIGNATURE_MESSAGE.test(message)) kind = 'signature';
  else if ((code !== null && NETWORK_CODES.has(code)) || NETWORK_MESSAGE.test(message)) kind = 'network';
  else if (typeof status === 'number' && (status === 408 || status === 429 || status >= 500)) kind = 'network';
  return { kind, code, message: redactUpdateMessage(message) };
}

/** A version from the feed, shown only if it looks like one. */
const safeVersion = (value: unknown): string => (typeof value === 'string' && /^[0-9A-Za-z.+-]{1,64}$/.test(value) ? value : '?');

/** `channel:` of app-update.yml, if it names one. */
export function channelFromConfig(text: string | null): string | null {
  const match = text === null ? null : /^channel:\s*["']?([A-Za-z0-9._-]{1,32})["']?\s*$/m.exec(text);
  return match?.[1] ?? null;
}

/** States in which a check would only disturb what is under way (or already done). */
const BUSY: ReadonlySet<UpdateState['status']> = new Set(['checking', 'available', 'downloading', 'ready']);

export function createUpdater(options: UpdaterOptions): Updater {
  const timers: Timers = options.timers ?? { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  const now = options.now ?? Date.now;
  const readFile = options.readFile ?? readText;
  const configText = options.isPackaged && options.resourcesPath !== undefined ? readFile(path.join(options.resourcesPath, UPDATE_CONFIG_FILE)) : null;
  const disabledReason: UpdateDisabledReason | null = !options.isPackaged ? 'not-packaged' : configText === null ? 'no-update-config' : null;
  const configChannel = channelFromConfig(configText);

  let state: UpdateState = disabledReason === null ? { status: 'idle' } : { status: 'disabled', reason: disabledReason };
  let lastCheckAt: number | null = null;
  let engine: UpdaterEngine | null = null;
  let loading: Promise<UpdaterEngine> | null = null;
  let autoCheck = false;
  let started = false;
  let stopped = false;
  let timer: unknown = null;
  let pendingVersion = '?';
  const listeners = new Set<(view: UpdateView) => void>();

  const view = (): UpdateView => ({
    state: { ...state },
    channel: engine?.channel ?? configChannel ?? 'latest',
    currentVersion: options.currentVersion,
    lastCheckAt,
  });
  let last = JSON.stringify(view());
  const set = (next: UpdateState): void => {
    state = next;
    const current = view();
    const text = JSON.stringify(current);
    if (text === last) return;
    last = text;
    for (const listener of listeners) {
      try {
        listener(current);
      } catch (e) {
        console.error('An update listener failed:', e);
      }
    }
  };
  const finishCheck = (): void => {
    if (state.status === 'checking') lastCheckAt = now();
  };
  const fail = (error: unknown): void => {
    finishCheck();
    set({ status: 'error', ...classifyUpdateError(error) });
  };
  const cancelTimer = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  const disable = (reason: UpdateDisabledReason): void => {
    cancelTimer();
    set({ status: 'disabled', reason });
  };

  function attach(loaded: UpdaterEngine): UpdaterEngine {
    loaded.autoDownload = true;
    // "Later" still installs: the downloaded update goes in when the app quits.
    loaded.autoInstallOnAppQuit = true;
    loaded.on('checking-for-update', () => set({ status: 'checking' }));
    loaded.on('update-available', (info) => {
      finishCheck();
      pendingVersion = safeVersion(info?.version);
      set({ status: 'available', version: pendingVersion });
    });
    loaded.on('update-not-available', () => {
      finishCheck();
      set({ status: 'not-available' });
    });
    loaded.on('download-progress', (info) => {
      const raw = Number(info?.percent);
      // Whole percents only: progress arrives many times a second and each change crosses to the window.
      const percent = Number.isFinite(raw) ? Math.min(100, Math.max(0, Math.floor(raw))) : 0;
      set({ status: 'downloading', version: pendingVersion, percent });
    });
    loaded.on('update-downloaded', (info) => set({ status: 'ready', version: safeVersion(info?.version ?? pendingVersion) }));
    loaded.on('error', (error) => fail(error));
    engine = loaded;
    return loaded;
  }

  const engineOnce = (): Promise<UpdaterEngine> => {
    if (engine !== null) return Promise.resolve(engine);
    loading ??= (options.loadEngine ?? loadElectronUpdater)().then(attach, (e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  };

  async function check(): Promise<void> {
    if (state.status === 'disabled' || BUSY.has(state.status)) return;
    set({ status: 'checking' });
    try {
      const loaded = await engineOnce();
      const result = await loaded.checkForUpdates();
      // electron-updater answers null when it cannot work here (say, a Linux build not run as AppImage or .deb).
      if (result === null) return disable('unsupported');
      // Download failures arrive as 'error' events; the promise must not become an unhandled rejection.
      result.downloadPromise?.catch(() => undefined);
      if (state.status === 'checking') {
        finishCheck();
        set(result.isUpdateAvailable ? { status: 'available', version: (pendingVersion = safeVersion(result.updateInfo?.version)) } : { status: 'not-available' });
      }
    } catch (e) {
      fail(e);
    }
  }

  const schedule = (delay: number): void => {
    cancelTimer();
    if (stopped || !started || !autoCheck || state.status === 'disabled') return;
    timer = timers.setTimeout(() => {
      timer = null;
      schedule(CHECK_INTERVAL_MS);
      void check();
    }, delay);
  };

  return {
    view,
    async checkNow() {
      await check();
      return view();
    },
    restart() {
      if (state.status !== 'ready' || engine === null) return 'not-ready';
      try {
        // Silent install, then the new version starts by itself.
        engine.quitAndInstall(true, true);
        return 'restarting';
      } catch (e) {
        fail(e);
        return 'failed';
      }
    },
    setAutoCheck(on) {
      if (on === autoCheck) return;
      autoCheck = on;
      if (on) schedule(FIRST_CHECK_DELAY_MS);
      else cancelTimer();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (started || stopped) return;
      started = true;
      schedule(FIRST_CHECK_DELAY_MS);
    },
    stop() {
      stopped = true;
      cancelTimer();
      listeners.clear();
    },
  };
}
