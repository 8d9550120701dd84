/**
 * Stand-in for Electron, which cannot run here. It is loaded in place of the `electron` module (see
 * load-main.ts) when the built main bundle runs in plain Node, and records what the app asks Electron to do:
 * window options, webContents and session handlers, protocol handlers and ipcMain registrations. Only the API
 * surface the main process uses is modelled; everything else is left out on purpose.
 *
 * At the end, AutoUpdaterStandIn stands in for electron-updater's autoUpdater (which needs a packaged Electron
 * app and a release server): tests hand it to the updater adapter and script what each check finds.
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Listener = (...args: never[]) => unknown;
type AnyHandler = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

export interface PreventableEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export const preventable = (url = ''): PreventableEvent => ({
  url,
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

export interface WebRequestRegistration {
  filter: { urls: string[] };
  listener: AnyHandler;
}

class FakeWebRequest {
  beforeRequest: WebRequestRegistration | null = null;
  headersReceived: WebRequestRegistration | null = null;
  onBeforeRequest(filter: { urls: string[] }, listener: AnyHandler): void {
    this.beforeRequest = { filter, listener };
  }
  onHeadersReceived(filter: { urls: string[] }, listener: AnyHandler): void {
    this.headersReceived = { filter, listener };
  }
}

class FakeSession extends Emitter {
  permissionRequestHandler: AnyHandler | null = null;
  permissionCheckHandler: AnyHandler | null = null;
  readonly webRequest = new FakeWebRequest();
  setPermissionRequestHandler(handler: AnyHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: AnyHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

let nextId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  windowOpenHandler: AnyHandler | null = null;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  setWindowOpenHandler(handler: AnyHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

class FakeApp extends Emitter {
  isPackaged = false;
  appUserModelId: string | null = null;
  sandboxEnabled = false;
  quitRequested = false;
  exitCode: number | null = null;
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Never written to: tests give the app its data folder through API_USER_DESK_DATA_DIR. */
  getPath(name: string): string {
    return path.join(tmpdir(), 'api-user-desk-stand-in', name);
  }
  getVersion(): string {
    return '0.0.0-stand-in';
  }
  /** The system's language as Electron reports it; a test may set another. */
  locale = 'de-DE';
  getLocale(): string {
    return this.locale;
  }
  getName(): string {
    return 'API User Desk';
  }
  getAppPath(): string {
    return path.join(tmpdir(), 'api-user-desk-stand-in', 'app');
  }
  aboutPanel: Record<string, unknown> | null = null;
  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.aboutPanel = options;
  }
  quit(): void {
    this.quitRequested = true;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

export class BrowserWindow extends Emitter {
  static readonly all: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.all.find((w) => w.webContents === contents) ?? null;
  }
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.all];
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: Number(this.options.width), height: Number(this.options.height) };
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  maximize(): void {}
}

export const protocol = {
  privilegedSchemes: [] as unknown[],
  handlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
  handle(channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const session = { defaultSession: new FakeSession() };

export const Menu = {
  applicationMenu: null as unknown,
  buildFromTemplate(template: unknown[]): unknown {
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    this.applicationMenu = menu;
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  },
  /** What the next save dialogs answer (a dismissed dialog when none is queued), and what they were asked. */
  saveAnswers: [] as Array<{ canceled: boolean; filePath?: string }>,
  saveRequests: [] as Array<{ window: unknown; options: Record<string, unknown> }>,
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    const [window, options] = args.length > 1 ? args : [null, args[0]];
    this.saveRequests.push({ window, options: options as Record<string, unknown> });
    return Promise.resolve(this.saveAnswers.shift() ?? { canceled: true });
  },
};

export const clipboard = {
  text: '',
  writeText(text: string): Promise<void> {
    this.text = text;
    return Promise.resolve();
  },
  readText(): Promise<string> {
    return Promise.resolve(this.text);
  },
  clear(): void {
    this.text = '';
  },
};

export const nativeTheme = { themeSource: 'system', shouldUseDarkColors: false };

export const powerMonitor = new Emitter();

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

/** No OS key store here: the services fall back to the app passphrase, as on a Linux without a keyring. */
export const safeStorage = {
  isAsyncEncryptionAvailable: () => Promise.resolve(false),
  getSelectedStorageBackend: () => 'basic_text',
  encryptStringAsync: () => Promise.reject(new Error('no key store in the stand-in')),
  decryptStringAsync: () => Promise.reject(new Error('no key store in the stand-in')),
};

// ---------------------------------------------------------------------------------------------------------------
// electron-updater

/** What the next check finds, in the order electron-updater reports it. */
export type UpdaterOutcome =
  /** update-available, download-progress for each percent, update-downloaded. */
  | { kind: 'available'; version: string; progress?: number[] }
  | { kind: 'not-available' }
  /** update-available, then the download fails: an 'error' event, and the download promise rejects. */
  | { kind: 'download-error'; version: string; error: Error }
  /** The check fails: an 'error' event, and checkForUpdates rejects (as electron-updater does both). */
  | { kind: 'check-error'; error: Error }
  /** checkForUpdates throws before anything happens. */
  | { kind: 'throw'; error: Error }
  /** electron-updater thinks it cannot work here (not an AppImage, say) and answers null. */
  | { kind: 'inactive' };

/** The update feed's data: more than the app may pass on (notes with markup, file addresses, paths, hashes). */
export const feedInfo = (version: string) => ({
  version,
  releaseDate: '2025-01-01T00:00:00.000Z',
  releaseNotes: '<p>Notes <script>alert(1)</script></p>',
  path: `API-User-Desk-${version}.AppImage`,
  sha512: 'c2hhNTEyLXN0YW5kLWlu',
  files: [{ url: `https://github.com/owner/repo/releases/download/v${version}/API-User-Desk-${version}.AppImage?token=feed-secret`, sha512: 'c2hh', size: 1 }],
});

/**
 * Stand-in for electron-updater's autoUpdater: an EventEmitter with its events and methods, whose checks play
 * scripted outcomes. Downloads advance on microtasks, so fake timers do not hold them up.
 */
export class AutoUpdaterStandIn extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  channel: string | null = null;
  checks = 0;
  readonly installs: Array<{ isSilent: boolean | undefined; isForceRunAfter: boolean | undefined }> = [];
  readonly outcomes: UpdaterOutcome[] = [];

  script(...outcomes: UpdaterOutcome[]): this {
    this.outcomes.push(...outcomes);
    return this;
  }

  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: ReturnType<typeof feedInfo>; downloadPromise: Promise<string[]> | null } | null> {
    this.checks += 1;
    const outcome = this.outcomes.shift() ?? { kind: 'not-available' };
    if (outcome.kind === 'throw') throw outcome.error;
    if (outcome.kind === 'inactive') return Promise.resolve(null);
    this.emit('checking-for-update');
    return (async () => {
      await Promise.resolve();
      if (outcome.kind === 'check-error') {
        this.emit('error', outcome.error, `Cannot check for updates: ${outcome.error.stack ?? outcome.error.message}`);
        throw outcome.error;
      }
      if (outcome.kind === 'not-available') {
        this.emit('update-not-available', feedInfo('0.0.0'));
        return { isUpdateAvailable: false, updateInfo: feedInfo('0.0.0'), downloadPromise: null };
      }
      const info = feedInfo(outcome.version);
      this.emit('update-available', info);
      return { isUpdateAvailable: true, updateInfo: info, downloadPromise: this.autoDownload ? this.download(outcome) : null };
    })();
  }

  private async download(outcome: Extract<UpdaterOutcome, { kind: 'available' | 'download-error' }>): Promise<string[]> {
    const info = feedInfo(outcome.version);
    for (const percent of outcome.kind === 'available' ? (outcome.progress ?? [12.5, 50.2, 50.7, 100]) : [3.3]) {
      await Promise.resolve();
      this.emit('download-progress', { percent, bytesPerSecond: 1000, total: 1000, transferred: percent * 10, delta: 1 });
    }
    await Promise.resolve();
    if (outcome.kind === 'download-error') {
      this.emit('error', outcome.error, outcome.error.stack ?? outcome.error.message);
      throw outcome.error;
    }
    this.emit('update-downloaded', { ...info, downloadedFile: `/home/person/.cache/api-user-desk-updater/${info.path}` });
    return [`/home/person/.cache/api-user-desk-updater/${info.path}`];
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push({ isSilent, isForceRunAfter });
  }
}
