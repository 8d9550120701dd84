/**
 * The single app window: sandboxed, context-isolated, no Node, no webviews. It shows the renderer from
 * app://desk/ (or, in development only, from the Vite dev server).
 */
import path from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-protocol.ts';
import { MIN_SIZE, type WindowState } from './window-state.ts';

export interface MainWindowOptions {
  preloadPath: string;
  state: WindowState;
  backgroundColor: string;
  /** Set in development only: the renderer comes from the Vite dev server. */
  devServerUrl: string | null;
  /** Unpackaged (development) builds only. */
  devTools: boolean;
  /** The app's icon for the window (Linux and Windows; macOS takes the bundle's). */
  iconPath: string;
}

/**
 * The icon file: a packaged app carries it in its resources (electron-builder's extraResources), a development build
 * takes the rendered one from build/.
 */
export function iconPathFor(isPackaged: boolean, resourcesPath: string, appPath: string): string {
  return isPackaged ? path.join(resourcesPath, 'icon.png') : path.join(appPath, 'build', 'icons', '256x256.png');
}

export function webPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools,
  };
}

export const rendererUrl = (devServerUrl: string | null): string => devServerUrl ?? APP_ENTRY_URL;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { state } = options;
  const win = new BrowserWindow({
    ...(state.position ?? {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'API User Desk',
    icon: options.iconPath,
    backgroundColor: options.backgroundColor,
    webPreferences: webPreferences(options.preloadPath, options.devTools),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.loadURL(rendererUrl(options.devServerUrl)).catch((e: unknown) => console.error('The app page could not be loaded:', e));
  return win;
}
