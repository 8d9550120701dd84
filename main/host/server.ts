/**
 * The browser host: the same main-process services in plain Node, the built renderer served on 127.0.0.1, and the
 * contract carried over a loopback HTTP bridge. A random per-launch session token is required on every bridge
 * call; Host and Origin are checked against the bound address (DNS rebinding); it binds loopback only.
 *
 * Bridge protocol:
 *   POST /bridge/call/<channel>   header X-Desk-Session: <token>, body = request JSON → Result JSON
 *   GET  /bridge/events?session=<token>  Server-Sent Events, one event per EventName, JSON data
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AppServices } from '../api/app-types.ts';

export const BROWSER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'Content-Security-Policy': BROWSER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const MAX_BRIDGE_BODY = 60 * 1024 * 1024;

export interface BrowserHostOptions {
  services: AppServices;
  rendererDir: string;
  port?: number;
  /** Only for tests that need a known token; a launch always draws a random one. */
  sessionToken?: string;
}

export interface BrowserHost {
  /** The address to open, with the session token in the fragment (never sent to the server in requests). */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = path.resolve(options.rendererDir);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`the renderer is not built: ${path.join(rendererDir, 'index.html')} is missing (run "npm run build")`);
  }
  const session = Buffer.from(options.sessionToken ?? randomBytes(32).toString('base64url'));
  const sessionOk = (given: string | undefined | null): boolean => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === session.length && timingSafeEqual(b, session);
  };
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();
  const streams = new Set<http.ServerResponse>();

  const unsubscribe = options.services.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) s.write(frame);
  });

  const server = http.createServer((req, res) => {
    // DNS rebinding: a page on another name resolving to 127.0.0.1 sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) return deny(res, 421, 'wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return deny(res, 403, 'wrong origin');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/bridge/')) {
      if (url.pathname === '/bridge/events' && req.method === 'GET') {
        if (!sessionOk(url.searchParams.get('session'))) return deny(res, 403, 'no session');
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      const match = /^\/bridge\/call\/([A-Za-z]+)$/.exec(url.pathname);
      if (!match || req.method !== 'POST') return deny(res, 404, 'not found');
      if (!sessionOk(req.headers['x-desk-session'] as string | undefined)) return deny(res, 403, 'no session');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return deny(res, 415, 'json only');
      readBody(req, MAX_BRIDGE_BODY).then(
        async (body) => {
          let request: unknown;
          try {
            request = body === '' ? {} : JSON.parse(body);
          } catch {
            return sendJson(res, { ok: false, error: { code: 'invalid-request', message: 'The request was not valid JSON.' } });
          }
          options.services.touch();
          sendJson(res, await options.services.dispatch(match[1] as string, request));
        },
        () => deny(res, 413, 'too large'),
      );
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
    serveStatic(rendererDir, url.pathname, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const originUrl = `http://127.0.0.1:${port}`;

  return {
    url: `${originUrl}/#session=${session.toString()}`,
    origin: originUrl,
    stop: async () => {
      unsubscribe();
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function deny(res: http.ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${reason}\n`);
}

function sendJson(res: http.ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return deny(res, 400, 'bad path');
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return deny(res, 403, 'outside');
  let target = file;
  if (!existsSync(target) || !statSync(target).isFile()) {
    // The renderer routes in the page: unknown paths without an extension get the app.
    if (path.extname(relative) !== '') return deny(res, 404, 'not found');
    target = path.join(root, 'index.html');
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream' });
  createReadStream(target).pipe(res);
}
