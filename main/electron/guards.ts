/**
 * Navigation, window, webview, permission and certificate guards. The app window only ever shows the app's own
 * pages; links to a short allowlist of onOffice help and status pages open in the system browser instead.
 */
import type { App, Session, WebContents } from 'electron';

/** https hosts whose pages may be opened in the system browser (onOffice API docs, status, help, marketplace). */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'apidoc.onoffice.de',
  'status.onoffice.de',
  'de.enterprisehilfe.onoffice.com',
  'en.enterprisehilfe.onoffice.com',
  'marketplace.onoffice.de',
  'www.onoffice.com',
]);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && EXTERNAL_HOSTS.has(parsed.hostname)
  );
}

export interface GuardOptions {
  /** The URL belongs to the app (app://desk, or the dev server in development). */
  isAppUrl(url: string): boolean;
  /** Opens an allowlisted URL in the system browser. */
  openExternal(url: string): void;
}

type Preventable = { preventDefault(): void };

export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  contents.on('will-navigate', (event) => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(event.url)) options.openExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!options.isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event: Preventable) => event.preventDefault());
}

/**
 * The renderer needs no permission and no network: main makes every API call. Requests to http(s) and
 * web sockets are cancelled unless allowRequest says otherwise (the dev server and its HMR socket in development).
 */
export function guardSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
  allowRequest: (url: string) => boolean,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    callback({ cancel: !allowRequest(details.url) });
  });
}

/** Applies the guards to every webContents the app ever creates, and rejects every invalid certificate. */
export function installGuards(app: Pick<App, 'on'>, options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
  app.on('certificate-error', (event, _contents, _url, _error, _certificate, callback) => {
    event.preventDefault();
    callback(false);
  });
}
