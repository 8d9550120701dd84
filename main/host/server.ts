/**
 * The browser host: the same main-process services in plain Node, the built renderer served on 127.0.0.1, and the
 * contract carried over a loopback HTTP bridge. A random per-launch session token is required on every bridge
 * call; Host and Origin are checked against the bound address (DNS rebinding); it binds loopback only.
 *
 * Bridge protocol:
 *   POST /bridge/call/<channel>   header X-Desk-Session: <token>, body = request JSON → Result JSON
 *                                 (HTTP 200; 413 request-too-large, 429 too-many-attempts, 503 host-stopping)
 *   GET  /bridge/events?session=<token>  Server-Sent Events, one event per EventName, JSON data
 *   GET  /bridge/download/journalExport?session=<token>&request=<journalExport request JSON>
 *   POST /bridge/download/journalExport  header X-Desk-Session, body = journalExport request JSON
 *                                 → the export as an attachment, chunked, rows written as they are read (progress
 *                                 as journalExportProgress events; a cancelled export ends the response unfinished)
 *
 * A call's work belongs to its request: when the page goes away before the answer, the call is aborted where the
 * services can stop (API calls, check runs) and its answer is never written.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Result } from '../../preload/contract.ts';
import type { AppServices } from '../api/app-types.ts';
import { T } from '../domain/i18n/index.ts';
import { KeyDerivationQueue } from './key-derivation-queue.ts';
import { createStaticFiles } from './static.ts';
import { PassphraseThrottle, type Verdict } from './passphrase-throttle.ts';

/** A body that is not JSON: said to the page as a catalogue text too, so it reads it in the person's language. */
const NOT_JSON = { code: 'invalid-request', message: 'The request was not valid JSON.', text: T('errors.host.notJson') } as const;

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


export const MAX_BRIDGE_BODY = 60 * 1024 * 1024;
/** A download's request is a filter: small. */
const MAX_DOWNLOAD_REQUEST = 64 * 1024;
/** How long a body over the cap is still read (and dropped): a socket closed with unread data answers with a reset. */
const OVERSIZE_LINGER_MS = 5_000;
/** How long stop() lets running calls finish (a key derivation cannot be stopped once started) before closing. */
const STOP_GRACE_MS = 2_000;

/** Calls that derive a key from a passphrase: one at a time (see key-derivation-queue.ts). */
const KEY_DERIVING: ReadonlySet<string> = new Set(['vaultSetPassphrase', 'vaultUnlock', 'backupExport', 'backupInspect', 'backupImport']);
/** Calls that check the app passphrase: an oracle for guessing it, so they back off after wrong ones. */
const PASSPHRASE_CHECKING: ReadonlySet<string> = new Set(['vaultSetPassphrase', 'vaultUnlock']);

export interface BrowserHostOptions {
  services: AppServices;
  rendererDir: string;
  port?: number;
  /** Only for tests that need a known token; a launch always draws a random one. */
  sessionToken?: string;
  /** The clock the passphrase back-off measures its waits with (ms); tests move it by hand. */
  now?: () => number;
}

export interface BrowserHost {
  /** The address to open, with the session token in the fragment (never sent to the server in requests). */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = path.resolve(options.rendererDir);
  const serveStatic = createStaticFiles(rendererDir, SECURITY_HEADERS, deny);
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
  const throttle = new PassphraseThrottle(options.now ?? Date.now);
  const derivations = new KeyDerivationQueue();
  /** Each call still being answered: its asker's abort switch, and the end of its answer. */
  const answering = new Map<AbortController, Promise<void>>();
  let stopping = false;

  const unsubscribe = options.services.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) if (!s.destroyed) s.write(frame);
  });

  /** Runs one contract call; null when there is no one left to answer. */
  async function call(channel: string, request: unknown, signal: AbortSignal): Promise<Answer | null> {
    if (!KEY_DERIVING.has(channel)) return { status: 200, result: await options.services.dispatch(channel, request, { signal }) };
    const checksPassphrase = PASSPHRASE_CHECKING.has(channel);
    if (checksPassphrase) {
      const admission = throttle.admit();
      if (!admission.admitted) return tooManyAttempts(admission.retryAfterMs);
    }
    const queued = await derivations.run(() => options.services.dispatch(channel, request, { signal }), signal);
    if (!queued.ran) {
      if (checksPassphrase) throttle.settle('other');
      return queued.reason === 'stopping' ? HOST_STOPPING : null;
    }
    const result = queued.value;
    if (!checksPassphrase) return { status: 200, result };
    const verdict: Verdict = result.ok ? 'right' : result.error.code === 'wrong-passphrase' ? 'wrong' : 'other';
    const waitMs = throttle.settle(verdict);
    // The form can say at once how long the next try has to wait.
    if (verdict === 'wrong' && waitMs > 0 && !result.ok) {
      return { status: 200, result: { ok: false, error: { ...result.error, details: { retryAfterSeconds: Math.ceil(waitMs / 1000) } } } };
    }
    return { status: 200, result };
  }

  /** Follows one answer until its connection closes: the abort switch fires when it closes before the answer is complete. */
  function follow(res: http.ServerResponse): AbortController {
    const asker = new AbortController();
    answering.set(
      asker,
      new Promise((resolve) =>
        res.once('close', () => {
          answering.delete(asker);
          // Closed before the answer was complete: the page went away, and the work done for it can stop.
          if (!res.writableFinished) asker.abort();
          resolve();
        }),
      ),
    );
    return asker;
  }

  async function answerCall(channel: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const asker = follow(res);
    const body = await readBody(req, MAX_BRIDGE_BODY);
    if (body.kind === 'gone') return;
    if (body.kind === 'too-large') {
      return sendAnswer(res, {
        status: 413,
        result: { ok: false, error: { code: 'request-too-large', message: `The request is larger than the app accepts (${MAX_BRIDGE_BODY / 1024 / 1024} MiB).`, details: { maxBytes: MAX_BRIDGE_BODY } } },
        headers: { Connection: 'close' },
      });
    }
    if (stopping) return sendAnswer(res, HOST_STOPPING);
    let request: unknown;
    try {
      request = body.text === '' ? {} : JSON.parse(body.text);
    } catch {
      return sendAnswer(res, { status: 200, result: { ok: false, error: NOT_JSON } });
    }
    options.services.touch();
    const answer = await call(channel, request, asker.signal);
    if (answer !== null) sendAnswer(res, answer);
  }

  /** A journal export as a download: headers first, then the rows as the journal reads them, at the reader's pace. */
  async function answerDownload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const asker = follow(res);
    let text: string;
    if (req.method === 'GET') {
      if (!sessionOk(url.searchParams.get('session'))) return deny(res, 403, 'no session');
      text = url.searchParams.get('request') ?? '';
    } else {
      if (!sessionOk(req.headers['x-desk-session'] as string | undefined)) return deny(res, 403, 'no session');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return deny(res, 415, 'json only');
      const body = await readBody(req, MAX_DOWNLOAD_REQUEST);
      if (body.kind === 'gone') return;
      if (body.kind === 'too-large') return deny(res, 413, 'request too large');
      text = body.text;
    }
    if (stopping) return sendAnswer(res, HOST_STOPPING);
    let request: unknown;
    try {
      request = text === '' ? {} : JSON.parse(text);
    } catch {
      return sendAnswer(res, { status: 400, result: { ok: false, error: NOT_JSON } });
    }
    const opened = options.services.openJournalExport(request);
    if (!opened.ok) return sendAnswer(res, { status: 400, result: opened });
    options.services.touch();
    const download = opened.value;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': `${download.mimeType}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${download.fileName}"`,
    });
    const write = async (chunk: string): Promise<void> => {
      if (res.destroyed) throw new Error('the download was closed');
      if (!res.write(chunk)) await once(res, 'drain', { signal: asker.signal });
    };
    try {
      const result = await download.pipe(write, asker.signal);
      // A cancelled export must not look complete: the response ends without its last chunk.
      if (result.state === 'done') res.end();
      else res.destroy();
    } catch {
      res.destroy();
    }
  }

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
      if (url.pathname === '/bridge/download/journalExport' && (req.method === 'GET' || req.method === 'POST')) {
        void answerDownload(req, res, url);
        return;
      }
      const match = /^\/bridge\/call\/([A-Za-z]+)$/.exec(url.pathname);
      if (!match || req.method !== 'POST') return deny(res, 404, 'not found');
      if (!sessionOk(req.headers['x-desk-session'] as string | undefined)) return deny(res, 403, 'no session');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return deny(res, 415, 'json only');
      void answerCall(match[1] as string, req, res);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
    serveStatic(req, url.pathname, res);
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
      stopping = true;
      unsubscribe();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Calls still waiting for a key derivation are answered now and never start one.
      derivations.close();
      for (const s of streams) s.end();
      server.closeIdleConnections();
      // Running calls stop where they can (API calls, check runs); what cannot, gets a short grace to answer.
      for (const asker of answering.keys()) asker.abort();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(answering.values()), new Promise<void>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(grace);
      server.closeAllConnections();
      await closed;
    },
  };
}

interface Answer {
  status: number;
  result: Result<unknown>;
  headers?: Record<string, string>;
}

const HOST_STOPPING: Answer = {
  status: 503,
  result: { ok: false, error: { code: 'host-stopping', message: 'The app is shutting down; this request was not carried out.' } },
  headers: { Connection: 'close' },
};

function tooManyAttempts(retryAfterMs: number): Answer {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return {
    status: 429,
    result: {
      ok: false,
      error: { code: 'too-many-attempts', message: `Too many wrong passphrases in a row. Try again in ${seconds} s.`, details: { retryAfterSeconds: seconds } },
    },
    headers: { 'Retry-After': String(seconds) },
  };
}

function deny(res: http.ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${reason}\n`);
}

function sendAnswer(res: http.ServerResponse, answer: Answer): void {
  // The asker may have gone meanwhile: nothing is written to a closed connection.
  if (res.destroyed || res.writableEnded) return;
  const body = JSON.stringify(answer.result);
  res.writeHead(answer.status, {
    ...SECURITY_HEADERS,
    ...answer.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

type Body = { kind: 'text'; text: string } | { kind: 'too-large' } | { kind: 'gone' };

/**
 * Reads a body of at most `max` bytes. A larger one (declared or found out) is read on and dropped until its end, at
 * most OVERSIZE_LINGER_MS, so that its sender gets the 413: a socket closed with unread data answers with a reset,
 * and the sender would see nothing but that.
 */
function readBody(req: http.IncomingMessage, max: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let linger: NodeJS.Timeout | undefined;
    const settle = (body: Body): void => {
      clearTimeout(linger);
      resolve(body);
    };
    const overflow = (): void => {
      tooLarge = true;
      chunks.length = 0;
      linger = setTimeout(() => settle({ kind: 'too-large' }), OVERSIZE_LINGER_MS);
    };
    if (Number(req.headers['content-length'] ?? 0) > max) overflow();
    req.on('data', (c: Buffer) => {
      if (tooLarge) return;
      size += c.length;
      if (size > max) overflow();
      else chunks.push(c);
    });
    req.on('end', () => settle(tooLarge ? { kind: 'too-large' } : { kind: 'text', text: Buffer.concat(chunks).toString('utf8') }));
    // Closed before its end: the sender is gone and there is no one to answer.
    req.on('error', () => settle({ kind: 'gone' }));
    req.on('close', () => {
      if (!req.complete) settle({ kind: 'gone' });
    });
  });
}

