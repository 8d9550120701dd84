/**
 * The built renderer, served fast: files are read and compressed (Brotli and gzip) once per change and kept in
 * memory; hashed assets (`assets/name-<hash>.js`, never changed in place) are cacheable for a year, the page itself
 * is always asked for again so a rebuilt app is picked up. Unknown paths without an extension get the page (the
 * renderer routes inside it); anything outside the renderer folder is refused.
 */
import { readFileSync, statSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

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
/** Already compressed formats gain nothing from another pass. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt']);
/** Vite's output names: `assets/<name>-<8+ char hash>.<ext>`. */
const HASHED = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const YEAR = 'public, max-age=31536000, immutable';

interface Cached {
  mtimeMs: number;
  size: number;
  raw: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

export type Deny = (res: http.ServerResponse, status: number, reason: string) => void;

export function createStaticFiles(root: string, headers: Readonly<Record<string, string>>, deny: Deny) {
  const cache = new Map<string, Cached>();

  function load(file: string): Cached | null {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const hit = cache.get(file);
    if (hit !== undefined && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit;
    const raw = readFileSync(file);
    const compress = COMPRESSIBLE.has(path.extname(file)) && raw.length > 512;
    const entry: Cached = {
      mtimeMs: stat.mtimeMs,
      size: stat.size,
      raw,
      br: compress ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : null,
      gzip: compress ? gzipSync(raw, { level: 9 }) : null,
    };
    cache.set(file, entry);
    return entry;
  }

  return function serveStatic(req: http.IncomingMessage, pathname: string, res: http.ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return deny(res, 400, 'bad path');
    }
    let relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(root, relative);
    if (file !== root && !file.startsWith(root + path.sep)) return deny(res, 403, 'outside');
    let target = file;
    let entry = load(target);
    if (entry === null) {
      if (path.extname(relative) !== '') return deny(res, 404, 'not found');
      relative = 'index.html';
      target = path.join(root, relative);
      entry = load(target);
      if (entry === null) return deny(res, 404, 'not found');
    }
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const [body, encoding] =
      entry.br !== null && /\bbr\b/.test(accepted) ? [entry.br, 'br'] : entry.gzip !== null && /\bgzip\b/.test(accepted) ? [entry.gzip, 'gzip'] : [entry.raw, null];
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      'Cache-Control': HASHED.test(relative.split(path.sep).join('/')) ? YEAR : 'no-cache',
      ...(entry.br !== null ? { Vary: 'Accept-Encoding' } : {}),
      ...(encoding !== null ? { 'Content-Encoding': encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
