/**
 * The renderer is served from the privileged scheme app://desk/ instead of file://, so it has a real origin of
 * its own (for the CSP and the IPC sender check) and cannot read any other file on disk.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_CSP } from './csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * The origin of a URL as "scheme://host[:port]". WHATWG URL gives every non-special scheme the opaque origin
 * "null", which would make app://desk and evil://x look equal, so those are built from scheme and host.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== 'null') return parsed.origin;
  return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The file under rootDir that an app:// URL names, or null for another host, a bad escape or a path outside. */
export function resolveAppFile(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname === '/' || pathname === '' ? '/index.html' : pathname}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

const headers = (contentType: string) => ({
  'content-type': contentType,
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
});

const refusal = (status: number, text: string) => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

/** The protocol.handle handler for the app scheme: static files from rootDir, every response with the CSP. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
    const file = resolveAppFile(rootDir, request.url);
    if (file === null) return refusal(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return refusal(404, 'Not found');
    }
    const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(type) });
  };
}
