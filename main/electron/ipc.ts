/**
 * Wires the contract into ipcMain: one handler per channel, all through one wrapper that checks the sender (our
 * window, showing a page of our origin) before the request reaches the services' dispatch. Events from the
 * services are forwarded to the window.
 */
import { BrowserWindow, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, ipcChannel, ipcEvent, type ChannelName, type Result, type Settings } from '../../preload/contract.ts';
import type { AppServices } from '../api/app-types.ts';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  services: Pick<AppServices, 'dispatch' | 'onEvent'>;
  /** The one app window, or null while there is none. */
  window(): BrowserWindow | null;
  /** The URL is one of the app's own pages (app://desk, or the dev server in development). */
  isAppUrl(url: string): boolean;
  /** Called with the new settings after the renderer changed them (menu language, theme). */
  onSettingsChanged(settings: Settings): void;
}

export const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'forbidden-sender', message: 'This request did not come from the app window and was refused.' },
};

const INTERNAL: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong inside the app. Your data is unchanged; details are in the app log.' },
};

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, options: Pick<IpcOptions, 'window' | 'isAppUrl'>): boolean {
  const win = options.window();
  if (win === null || win.isDestroyed()) return false;
  if (BrowserWindow.fromWebContents(event.sender) !== win) return false;
  const url = event.senderFrame?.url;
  return typeof url === 'string' && options.isAppUrl(url);
}

/** Registers every contract channel; returns a function that removes them again. */
export function registerIpc(options: IpcOptions): () => void {
  const handle = async (name: ChannelName, event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, options)) return FORBIDDEN_SENDER;
    let result: Result<unknown>;
    try {
      result = await options.services.dispatch(name, request);
    } catch (e) {
      console.error(`IPC ${name} failed:`, e);
      return INTERNAL;
    }
    if (name === 'settingsSet' && result.ok) {
      // The settings are saved either way; a menu or theme that fails to follow must not turn that into an error.
      try {
        options.onSettingsChanged(result.value as Settings);
      } catch (e) {
        console.error('Applying the new settings to the menu and theme failed:', e);
      }
    }
    return result;
  };
  for (const name of CHANNEL_NAMES) {
    options.ipcMain.handle(ipcChannel(name), (event, request: unknown) => handle(name, event, request));
  }
  const unsubscribe = options.services.onEvent((event, payload) => {
    const win = options.window();
    if (win !== null && !win.isDestroyed()) win.webContents.send(ipcEvent(event), payload);
  });
  return () => {
    unsubscribe();
    for (const name of CHANNEL_NAMES) options.ipcMain.removeHandler(ipcChannel(name));
  };
}
