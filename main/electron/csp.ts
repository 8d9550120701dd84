/**
 * Content Security Policy for the app window. The renderer needs no network (main makes every API call), no
 * inline code and no plugins, so everything not named is refused. In development the Vite dev server needs its
 * inline preamble (React Refresh), injected styles and its HMR socket, for its own origin only.
 */
import type { Session } from 'electron';

export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function devServerCsp(devOrigin: string): string {
  const socket = devOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${devOrigin}`,
    `style-src 'self' 'unsafe-inline' ${devOrigin}`,
    `img-src 'self' data: ${devOrigin}`,
    `font-src 'self' ${devOrigin}`,
    `connect-src ${devOrigin} ${socket}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The app scheme's responses carry APP_CSP from its handler; the dev server's responses get theirs here. */
export function applyDevServerCsp(session: Pick<Session, 'webRequest'>, devOrigin: string): void {
  const policy = devServerCsp(devOrigin);
  session.webRequest.onHeadersReceived({ urls: [`${devOrigin}/*`] }, (details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}
