/**
 * The signed onOffice client: builds and signs a batch, sends it, parses both status levels, retries safe reads,
 * measures clock skew, and reports every HTTP exchange (for the journal). Clock, sleep and transport are injected.
 */
import type { TransportErrorCode } from './errors.ts';
import type { Exchange } from './exchange.ts';
import { createRedactor, hmacsIn } from './redact.ts';
import { httpTransport, type Transport, type TransportFailure } from './transport.ts';
import {
  buildRequest,
  isReadOnlyKind,
  parseResponse,
  type ActionResult,
  type ActionSpec,
  type Credentials,
  type EnvelopeError,
} from './wire.ts';

export interface ClientTimeouts {
  connectMs: number;
  totalMs: number;
}

export interface ClientOptions {
  endpoint: URL;
  /** Asked once per attempt, so a locked vault stops a retry too. */
  credentials: () => Credentials | Promise<Credentials>;
  transport?: Transport;
  /** Milliseconds since the epoch. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeouts?: Partial<ClientTimeouts>;
  maxResponseBytes?: number;
  /** Automatic retries for batches that only read (read/get); writes are never retried. At most 2. */
  maxRetries?: number;
  retryBaseDelayMs?: number;
  onExchange?: (exchange: Exchange) => void;
}

export const DEFAULT_TIMEOUTS: ClientTimeouts = { connectMs: 5_000, totalMs: 30_000 };
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export type CallError =
  | { kind: 'transport'; code: TransportErrorCode; message: string; httpStatus?: number }
  | { kind: 'api'; httpStatus: number; code: number; errorcode: number; message: string };

export interface CallMeta {
  /** HTTP exchanges made (1 + retries). */
  attempts: number;
  /** Server clock minus local clock in seconds (from the last `Date` header); null when unknown. */
  clockOffsetSeconds: number | null;
  durationMs: number;
}

export type CallOutcome =
  | ({ ok: true; results: ActionResult[] } & CallMeta)
  | ({ ok: false; error: CallError } & CallMeta);

export interface OnOfficeClient {
  readonly endpoint: URL;
  call(specs: readonly ActionSpec[], options?: { signal?: AbortSignal }): Promise<CallOutcome>;
}

const RETRYABLE: ReadonlySet<TransportErrorCode> = new Set([
  'timeout-connect',
  'timeout-total',
  'connection-refused',
  'connection-reset',
  'network',
  'malformed',
]);

function isRetryable(error: CallError): boolean {
  if (error.kind !== 'transport') return false;
  if (error.code === 'http-status') return (error.httpStatus ?? 0) >= 500;
  return RETRYABLE.has(error.code);
}

/** Server minus local, whole seconds; the local reference is the middle of the exchange. */
export function clockOffsetFrom(dateHeader: string | null, startedAt: number, endedAt: number): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  // The header has whole seconds: compare against the local second it would have shown.
  return Math.round((server - Math.floor((startedAt + endedAt) / 2 / 1000) * 1000) / 1000);
}

/**
 * Server text goes on to people, reports and logs: it passes the redactor, since a server may echo a signature.
 * The HTTP status alone decides nothing: an onOffice status object in the body does, whatever the status (the
 * official SDK ignores it). Only a non-200 answer without one — a proxy's or web server's error page, an empty or
 * garbled body — is an HTTP error; with 200 such a body is malformed.
 */
function fromEnvelope(error: EnvelopeError, redact: (text: string) => string): CallError {
  if (error.kind === 'api') {
    return { kind: 'api', httpStatus: error.httpStatus, code: error.code, errorcode: error.errorcode, message: redact(error.message) };
  }
  const detail = redact(error.snippet ? `${error.reason}: ${error.snippet}` : error.reason);
  return error.httpStatus !== 200 && !error.hasStatus
    ? { kind: 'transport', code: 'http-status', httpStatus: error.httpStatus, message: `HTTP ${error.httpStatus} (${detail})` }
    : { kind: 'transport', code: 'malformed', httpStatus: error.httpStatus, message: detail };
}

function fromTransport(failure: TransportFailure): CallError {
  return { kind: 'transport', ...failure };
}

export function createClient(options: ClientOptions): OnOfficeClient {
  const transport = options.transport ?? httpTransport;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRetries = Math.min(Math.max(options.maxRetries ?? 2, 0), 2);
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 300;

  async function attempt(specs: readonly ActionSpec[], attemptNo: number, signal?: AbortSignal) {
    const credentials = await options.credentials();
    // A fresh timestamp and signature per attempt: a retry must never reuse an old signature.
    const request = buildRequest(specs, credentials, () => now() / 1000);
    const body = JSON.stringify(request);
    const startedAt = now();
    const outcome = await transport({
      url: options.endpoint,
      body,
      connectTimeoutMs: timeouts.connectMs,
      totalTimeoutMs: timeouts.totalMs,
      maxResponseBytes,
      signal,
    });
    const endedAt = now();
    let error: CallError | null = null;
    let results: ActionResult[] | null = null;
    let top: Exchange['top'] = null;
    let clockOffsetSeconds: number | null = null;
    if (!outcome.ok) {
      error = fromTransport(outcome.error);
    } else {
      const res = outcome.response;
      clockOffsetSeconds = clockOffsetFrom(res.date, startedAt, endedAt);
      const parsed = parseResponse(res.status, res.body, request.request.actions);
      const redact = createRedactor(credentials, [...hmacsIn(body), ...hmacsIn(res.body)]);
      if (parsed.ok) {
        results = parsed.results.map((r) => (r.ok ? r : { ...r, message: redact(r.message) }));
        top = parsed.top;
      } else {
        error = fromEnvelope(parsed.error, redact);
        if (parsed.error.kind === 'api') top = parsed.error.top;
      }
    }
    options.onExchange?.({
      startedAt,
      durationMs: endedAt - startedAt,
      endpoint: options.endpoint.href,
      attempt: attemptNo,
      httpStatus: outcome.ok ? outcome.response.status : (outcome.error.httpStatus ?? null),
      requestBody: body,
      responseBody: outcome.ok ? outcome.response.body : null,
      top,
      actions: request.request.actions.map((a, i) => {
        const r = results?.[i];
        return {
          kind: specs[i]?.kind ?? 'read',
          resourcetype: a.resourcetype,
          resourceid: a.resourceid,
          identifier: a.identifier ?? '',
          status: r ? (r.ok ? { errorcode: 0, message: 'OK' } : { errorcode: r.errorcode, message: r.message }) : null,
        };
      }),
      failure: error ? { code: error.kind === 'api' ? 'api' : error.code, message: error.message } : null,
      clockOffsetSeconds,
    });
    return { error, results, clockOffsetSeconds };
  }

  return {
    endpoint: options.endpoint,
    async call(specs, callOptions = {}) {
      if (specs.length === 0) throw new RangeError('call() needs at least one action');
      const withIds = specs.map((s, i) => ({ ...s, identifier: s.identifier ?? `a${i + 1}` }));
      const retryable = withIds.every((s) => isReadOnlyKind(s.kind));
      const startedAt = now();
      let attempts = 0;
      let clockOffsetSeconds: number | null = null;
      for (;;) {
        attempts += 1;
        const r = await attempt(withIds, attempts, callOptions.signal);
        clockOffsetSeconds = r.clockOffsetSeconds ?? clockOffsetSeconds;
        const meta = { attempts, clockOffsetSeconds, durationMs: now() - startedAt };
        if (r.results) return { ok: true, results: r.results, ...meta };
        const error = r.error as CallError;
        if (!retryable || attempts > maxRetries || !isRetryable(error) || callOptions.signal?.aborted) {
          return { ok: false, error, ...meta };
        }
        await sleep(retryBaseDelayMs * 2 ** (attempts - 1));
      }
    },
  };
}
