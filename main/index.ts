/**
 * The Electron main process: the composition root. It owns every `electron` import of the main side, creates
 * the services (which know nothing about Electron) and connects them to the window, IPC, menu and power events.
 */
import path from 'node:path';
import {
  app,
  type BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  nativeTheme,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import type { Settings } from '../preload/contract.ts';
import { createAppServices } from './api/app.ts';
import { languageFromLocale, translate, type Language } from './domain/i18n/catalogue.ts';
import type { AppServices } from './api/app-types.ts';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, originOf } from './electron/app-protocol.ts';
import { createClipboardAdapter } from './electron/clipboard.ts';
import { applyDevServerCsp } from './electron/csp.ts';
import { guardSession, installGuards, isAllowedExternalUrl } from './electron/guards.ts';
import { registerIpc } from './electron/ipc.ts';
import { createKeyStore } from './electron/keystore.ts';
import { createSaveDialog } from './electron/save-dialog.ts';
import { applyMenu } from './electron/menu.ts';
import { protectDownloads } from './electron/downloads.ts';
import { lockOnPowerEvents, reportActivity } from './electron/power.ts';
import { applyTheme, windowBackground } from './electron/theme.ts';
import { createUpdater } from './electron/updater.ts';
import { createMainWindow, iconPathFor } from './electron/window.ts';
import { readWindowState, writeWindowState } from './electron/window-state.ts';

/** electron-builder's appId: Windows groups the taskbar entry and the notifications under it. */
const APP_USER_MODEL_ID = 'de.apiuserdesk.app';

const isDev = !app.isPackaged;
// Development-only overrides: a packaged app never reads its pages or its data folder from the environment, and
// even in development the pages only come from a dev server on this computer.
const isLoopbackHttp = (url: string): boolean => {
  try {
    const { protocol: scheme, hostname } = new URL(url);
    return scheme === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
};
const devServerUrl = isDev && process.env.VITE_DEV_SERVER_URL && isLoopbackHttp(process.env.VITE_DEV_SERVER_URL) ? process.env.VITE_DEV_SERVER_URL : null;
const devServerOrigin = devServerUrl === null ? null : originOf(devServerUrl);
const appOrigins = new Set([APP_ORIGIN, ...(devServerOrigin === null ? [] : [devServerOrigin])]);
const isAppUrl = (url: string): boolean => appOrigins.has(originOf(url) ?? '');
// Vite's hot reload talks over a web socket on the dev server's host.
const devSocketOrigin = devServerOrigin?.replace(/^http/, 'ws') ?? null;
const isDevServerRequest = (url: string): boolean => devServerOrigin !== null && [devServerOrigin, devSocketOrigin].includes(originOf(url));

const bundleDir = import.meta.dirname;
const preloadPath = path.join(bundleDir, '..', 'preload', 'index.cjs');
const rendererDir = path.join(bundleDir, '..', 'renderer');

const openExternal = (url: string): void => {
  if (isAllowedExternalUrl(url)) shell.openExternal(url).catch((e: unknown) => console.error('Could not open the link:', e));
};

// Must happen before 'ready': only then can app:// be a standard, secure origin.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}

function start(): void {
  let services: AppServices | null = null;
  let win: BrowserWindow | null = null;
  /** The app's language, as the settings last said (native dialogs follow it). */
  let language: Language = languageFromLocale(app.getLocale());
  let closing = false;
  let closed = false;
  const dataDir = isDev && process.env.API_USER_DESK_DATA_DIR ? process.env.API_USER_DESK_DATA_DIR : app.getPath('userData');
  const windowStateFile = path.join(dataDir, 'window-state.json');
  const clipboardAdapter = createClipboardAdapter(clipboard);
  // Disabled (and electron-updater never loaded) in development and without app-update.yml.
  const updater = createUpdater({ isPackaged: app.isPackaged, currentVersion: app.getVersion(), resourcesPath: process.resourcesPath });
  const iconPath = iconPathFor(app.isPackaged, process.resourcesPath, app.getAppPath());
  app.setAboutPanelOptions({ applicationName: 'API User Desk', applicationVersion: app.getVersion(), iconPath });

  installGuards(app, { isAppUrl, openExternal });

  app.on('second-instance', () => {
    if (win === null || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  const applySettings = (settings: Settings): void => {
    language = settings.language;
    applyTheme(nativeTheme, settings.theme);
    applyMenu(
      { language: settings.language, isDev, isMac: process.platform === 'darwin', appName: app.getName() },
      { lockNow: () => services?.lock('manual'), openExternal },
    );
  };

  const openWindow = (running: AppServices): BrowserWindow => {
    const workAreas = screen.getAllDisplays().map((d) => d.workArea);
    const current = createMainWindow({
      preloadPath,
      state: readWindowState(windowStateFile, workAreas),
      backgroundColor: windowBackground(nativeTheme),
      devServerUrl,
      devTools: isDev,
      iconPath,
    });
    win = current;
    reportActivity(current.webContents, running);
    current.on('close', () => writeWindowState(windowStateFile, current));
    current.on('closed', () => {
      if (win === current) win = null;
    });
    return current;
  };

  const ready = async (): Promise<void> => {
    guardSession(session.defaultSession, isDevServerRequest);
    protectDownloads(session.defaultSession);
    if (devServerOrigin !== null) applyDevServerCsp(session.defaultSession, devServerOrigin);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

    const started = await createAppServices({
      host: 'electron',
      dataDir,
      keyStore: createKeyStore(safeStorage, process.platform),
      clipboard: clipboardAdapter,
      updates: updater,
      saveDialog: createSaveDialog(dialog, () => win, () => app.getPath('downloads'), () => language),
      appVersion: app.getVersion(),
      platform: process.platform,
    });
    services = started;
    registerIpc({ ipcMain, services: started, window: () => win, isAppUrl, onSettingsChanged: applySettings });
    lockOnPowerEvents(powerMonitor, started);
    applySettings(started.settings());
    // Update checks begin once the window shows, so they never hold up the start.
    openWindow(started).once('ready-to-show', () => updater.start());

    app.on('activate', () => {
      if (win === null) openWindow(started);
    });
  };

  app.on('window-all-closed', () => {
    // macOS convention: the app stays active until the person quits it explicitly.
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits once for the services to close (database, timers) and a pending clipboard copy to clear.
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    updater.stop();
    Promise.all([clipboardAdapter.clearNow(), services?.close()])
      .catch((e: unknown) => console.error('Closing the services failed:', e))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  app.whenReady().then(ready).catch((e: unknown) => {
    console.error('API User Desk could not start:', e);
    // The language setting lives in the database that may be what failed: the system's language says it.
    const reason = e instanceof Error ? e.message : String(e);
    dialog.showErrorBox('API User Desk', translate(languageFromLocale(app.getLocale()), 'dialog.startFailed', { reason }));
    app.exit(1);
  });
}
