/**
 * The HTTP shell of the client: one POST with a connect timeout, a total timeout, a response size cap and gzip.
 * Built on node:http/https rather than fetch because fetch cannot time the connect phase on its own.
 * It knows nothing about onOffice; retries and parsing live in client.ts.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { TransportErrorCode } from './errors.ts';

export interface TransportRequest {
  url: URL;
  body: string;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** The response `Date` header, if any (for clock-skew measurement). */
  date: string | null;
  contentType: string | null;
  body: string;
}

export interface TransportFailure {
  code: TransportErrorCode;
  message: string;
  httpStatus?: number;
}

export type TransportOutcome = { ok: true; response: TransportResponse } | { ok: false; error: TransportFailure };

export type Transport = (request: TransportRequest) => Promise<TransportOutcome>;

const NETWORK_CODES: Record<string, TransportErrorCode> = {
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ENOSPC: 'network',
};

// What OpenSSL says when an https:// call reaches a port that answers plain HTTP: the first bytes back are not a TLS
// record ("wrong version number", "packet length too long"), or the server saw our TLS hello as "http request".
const PLAIN_HTTP_CODES = /^ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST)$/;
const PLAIN_HTTP_TEXT = /wrong[ _]version[ _]number|packet[ _]length[ _]too[ _]long|http[ _]request/i;

/** A TLS connect that failed because the other side speaks plain HTTP: a wrong scheme or port, not a certificate. */
export function isPlainHttpAnswer(err: NodeJS.ErrnoException): boolean {
  const code = err.code ?? '';
  if (PLAIN_HTTP_CODES.test(code)) return true;
  return (code === 'EPROTO' || /^ERR_SSL_/.test(code)) && PLAIN_HTTP_TEXT.test(err.message);
}

function classify(err: NodeJS.ErrnoException, tls: boolean): TransportFailure {
  const code = err.code ?? '';
  if (code in NETWORK_CODES) return { code: NETWORK_CODES[code] as TransportErrorCode, message: err.message };
  // Checked before the certificate rule below: OpenSSL's wording mentions SSL and would read as a certificate problem.
  if (tls && isPlainHttpAnswer(err)) return { code: 'plain-http', message: err.message };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate|ssl|tls/i.test(err.message)) {
    return { code: 'tls', message: err.message };
  }
  if (err.message === 'aborted') return { code: 'connection-reset', message: 'the connection closed before the whole answer arrived' };
  return { code: 'network', message: err.message || code || 'network error' };
}

export const httpTransport: Transport = (req) =>
  new Promise<TransportOutcome>((resolve) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: TransportOutcome): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      req.signal?.removeEventListener('abort', onAbort);
      if (!outcome.ok) request.destroy();
      resolve(outcome);
    };
    const onAbort = (): void => finish({ ok: false, error: { code: 'aborted', message: 'the call was cancelled' } });

    const lib = req.url.protocol === 'https:' ? https : http;
    const payload = Buffer.from(req.body, 'utf8');
    const request = lib.request(req.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': payload.length,
        'Accept': 'application/json',
        'Accept-Encoding': 'gzip, deflate',
      },
      // Each call gets its own connection so a connect timeout always measures a real connect.
      agent: false,
    });

    timers.push(
      setTimeout(
        () => finish({ ok: false, error: { code: 'timeout-total', message: `no complete answer within ${req.totalTimeoutMs} ms` } }),
        req.totalTimeoutMs,
      ),
    );
    const connectTimer = setTimeout(
      () => finish({ ok: false, error: { code: 'timeout-connect', message: `no connection within ${req.connectTimeoutMs} ms` } }),
      req.connectTimeoutMs,
    );
    timers.push(connectTimer);
    request.on('socket', (socket) => {
      const connected = (): void => clearTimeout(connectTimer);
      if (!socket.connecting) connected();
      socket.once(req.url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });

    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort);

    request.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, error: classify(err, req.url.protocol === 'https:') }));
    request.on('response', (res) => {
      const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
      const stream =
        encoding === 'gzip' ? res.pipe(zlib.createGunzip()) : encoding === 'deflate' ? res.pipe(zlib.createInflate()) : res;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('aborted', () => finish({ ok: false, error: { code: 'connection-reset', message: 'the connection closed before the whole answer arrived' } }));
      res.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, error: classify(err, req.url.protocol === 'https:') }));
      stream.on('error', (err: NodeJS.ErrnoException) =>
        finish({ ok: false, error: { code: 'malformed', message: `the compressed answer is damaged (${err.message})` } }),
      );
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxResponseBytes) {
          finish({ ok: false, error: { code: 'too-large', message: `the answer is larger than ${req.maxResponseBytes} bytes` } });
          return;
        }
        chunks.push(chunk);
      });
      stream.on('end', () => {
        if (!res.complete) {
          finish({ ok: false, error: { code: 'connection-reset', message: 'the connection closed before the whole answer arrived' } });
          return;
        }
        finish({
          ok: true,
          response: {
            status: res.statusCode ?? 0,
            date: typeof res.headers.date === 'string' ? res.headers.date : null,
            contentType: typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : null,
            body: Buffer.concat(chunks).toString('utf8'),
          },
        });
      });
    });
    request.end(payload);
  });
