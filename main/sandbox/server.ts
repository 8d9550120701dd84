/**
 * The sandbox: a local HTTP server that answers like the onOffice API (https://api.onoffice.de/api/…/api.php).
 * It stands in for the onOffice servers, which cannot be reached from tests, CI or a demo: clients and the
 * onboarding checks run against it over real HTTP. It listens on 127.0.0.1 only and hands out throwaway
 * credentials that open nothing else.
 *
 * This file is the thin shell: HTTP, body limits, gzip, the Date header, recording and injected faults. The
 * envelope rules live in envelope.ts, the resources in resources.ts, the tenants in scenarios.ts.
 * Every API answer, failures included, travels with HTTP 200 (the real status is in the JSON) — except a request
 * that fails authentication, whose HTTP status is the authErrorHttpStatus switch; other HTTP statuses mean 404
 * (path), 405 (method), 413 (body over 1 MiB) or an injected 500/502.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { ApiResponse, Caller, TopStatus } from './envelope.ts';
import { answerActions, identifyCaller, isCaller, parseEnvelope, rejection } from './envelope.ts';
import type { FaultConfig, FaultKind } from './faults.ts';
import { FAULT_KINDS, NO_FAULTS, combineFaults, planFaults } from './faults.ts';
import type { OutboxMail, Tenant } from './model.ts';
import type { SandboxApiUser, ScenarioName } from './scenarios.ts';
import { SCENARIO_NAMES, buildScenario, isScenarioName } from './scenarios.ts';
import type { UnknownSwitches } from './unknowns.ts';
import { DEFAULT_UNKNOWNS } from './unknowns.ts';

export interface SandboxOptions {
  /** 0 or undefined: a random free port. */
  port?: number;
  /** Default ['healthy-website']. */
  scenarios?: readonly string[] | 'all';
  /** Default 1; makes credentials, data and faults deterministic. */
  seed?: number;
  /** Added to every response (plus any fault latency and jitter). */
  latencyMs?: number;
  /** Local clock in ms (default Date.now); server time = clock() + the tenant's clock offset. */
  clock?: () => number;
  unknowns?: Partial<UnknownSwitches>;
  faults?: Partial<FaultConfig>;
}

/** A request as received; `body` is the parsed JSON (null when it was not JSON). It may hold tokens: never print it. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface SandboxControl {
  /** HTTP requests received, whatever their path or fate. */
  requestCount(): number;
  /** Resolves once `count` HTTP requests have been received (at once if they have): a test waits on this, not a timer. */
  received(count: number): Promise<void>;
  /** The latest requests (at most MAX_RECORDED), oldest first: enough for any test, bounded for a long run. */
  requests(): readonly RecordedRequest[];
  /** Mail captured by `do sendmail`. */
  outbox(scenario: string): readonly OutboxMail[];
  /** The live tenant model: change it and the next request sees the change. */
  tenant(scenario: string): Tenant;
  setUnknowns(partial: Partial<UnknownSwitches>): void;
  /** Sandbox-wide faults (a tenant's own faults, as in `flaky`, apply on top). */
  setFaults(partial: Partial<FaultConfig>): void;
  /** Forces a fault on the next request; queued faults are used one per request, in order. */
  queueFault(kind: FaultKind): void;
  setClockOffset(scenario: string, seconds: number): void;
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  /** `${url}/api/stable/api.php` */
  endpoint: string;
  apiUsers: SandboxApiUser[];
  control: SandboxControl;
  /** Closes the server and every open socket, hanging ones included. */
  stop(): Promise<void>;
}

const API_PATHS = new Set(['/api/stable/api.php', '/api/latest/api.php']);
/** No limit is documented; 1 MiB is far above any sane request and keeps a runaway client in check. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** How many requests the control keeps for inspection; older ones are dropped (the count keeps counting). */
export const MAX_RECORDED = 1000;

const PHP_WARNING = '<br />\n<b>Warning</b>:  Undefined array key "records" in <b>Response.php</b> on line <b>212</b><br />\n';
const ERROR_PAGES: Readonly<Record<500 | 502, string>> = {
  500: '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>',
  502: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
};

function scenarioList(option: SandboxOptions['scenarios']): ScenarioName[] {
  const names = option === 'all' ? SCENARIO_NAMES : (option ?? ['healthy-website']);
  const unknown = names.filter((n) => !isScenarioName(n));
  if (unknown.length > 0) throw new RangeError(`Unknown sandbox scenario(s): ${unknown.join(', ')}. Known: ${SCENARIO_NAMES.join(', ')}`);
  return [...new Set(names.filter(isScenarioName))];
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return coding === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** Reads the whole body whatever the Content-Type; past the cap it drains and discards, then reports null. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parsedOrNull(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

interface SendOptions {
  contentType: string;
  /** Server time for the Date header, ms. */
  dateMs: number;
  gzip: boolean;
  truncate?: boolean;
  extraHeaders?: Record<string, string>;
}

function send(res: ServerResponse, status: number, text: string, options: SendOptions): void {
  const bytes = options.gzip ? gzipSync(Buffer.from(text, 'utf8')) : Buffer.from(text, 'utf8');
  res.sendDate = false;
  res.writeHead(status, {
    Date: new Date(options.dateMs).toUTCString(),
    'Content-Type': options.contentType,
    'Content-Length': String(bytes.length),
    ...(options.gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    ...options.extraHeaders,
  });
  if (options.truncate) {
    // Promise the whole length, deliver half, then drop the connection.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(bytes);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = options.seed ?? 1;
  const clock = options.clock ?? Date.now;
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const tenants = new Map<string, Tenant>();
  const apiUsers: SandboxApiUser[] = [];
  for (const name of scenarioList(options.scenarios)) {
    const built = buildScenario(name, seed, Math.floor(clock() / 1000));
    tenants.set(name, built.tenant);
    apiUsers.push(...built.apiUsers);
  }
  const tokens = [...tenants.values()].flatMap((t) => t.credentials.map((c) => c.token));
  if (new Set(tokens).size !== tokens.length) throw new Error('Sandbox tokens collide; choose another seed');

  let unknowns: UnknownSwitches = { ...DEFAULT_UNKNOWNS, ...options.unknowns };
  let faults: FaultConfig = { ...NO_FAULTS, ...options.faults };
  const queued: FaultKind[] = [];
  const recorded: RecordedRequest[] = [];
  const record = (r: RecordedRequest): void => {
    recorded.push(r);
    if (recorded.length > MAX_RECORDED) recorded.splice(0, recorded.length - MAX_RECORDED);
  };
  let received = 0;
  const awaitingRequests = new Set<{ count: number; resolve: () => void }>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const tenantOf = (scenario: string): Tenant => {
    const tenant = tenants.get(scenario);
    if (!tenant) throw new RangeError(`Scenario "${scenario}" is not running in this sandbox`);
    return tenant;
  };
  const serverMs = (tenant: Tenant | null): number => clock() + (tenant?.clockOffsetSeconds ?? 0) * 1000;
  const later = (ms: number, fn: () => void): void => {
    if (ms <= 0) {
      fn();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const plain = (res: ServerResponse, status: number, text: string, extraHeaders?: Record<string, string>): void =>
    send(res, status, text, { contentType: 'text/plain; charset=utf-8', dateMs: serverMs(null), gzip: false, extraHeaders });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestNo = ++received;
    for (const w of awaitingRequests) {
      if (received >= w.count) {
        awaitingRequests.delete(w);
        w.resolve();
      }
    }
    const method = req.method ?? '';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!API_PATHS.has(path)) {
      record({ method, path, body: null });
      req.resume();
      plain(res, 404, 'Not Found');
      return;
    }
    if (method !== 'POST') {
      record({ method, path, body: null });
      req.resume();
      plain(res, 405, 'Method Not Allowed', { Allow: 'POST' });
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      record({ method, path, body: null });
      plain(res, 413, 'Request Entity Too Large', { Connection: 'close' });
      return;
    }
    record({ method, path, body: parsedOrNull(body) });

    const envelope = parseEnvelope(body);
    const actions = envelope.ok ? envelope.actions : [];
    const caller: Caller | TopStatus = envelope.ok ? identifyCaller(tenants.values(), envelope.token) : envelope.status;
    const tenant = isCaller(caller) ? caller.tenant : null;
    const plan = planFaults(seed, requestNo, combineFaults(faults, tenant?.faults ?? {}), actions.length, queued.shift());
    if (plan.transport === 'hang') return; // stop() destroys the socket
    if (plan.transport === 'connectionReset') {
      later(latencyMs + plan.delayMs, () => req.socket.resetAndDestroy());
      return;
    }
    if (plan.transport === 'http500' || plan.transport === 'http502') {
      const status = plan.transport === 'http500' ? 500 : 502;
      later(latencyMs + plan.delayMs, () =>
        send(res, status, ERROR_PAGES[status], { contentType: 'text/html; charset=utf-8', dateMs: serverMs(tenant), gzip: false }),
      );
      return;
    }

    // Judged on arrival; latency only delays the answer.
    const payload: ApiResponse = isCaller(caller)
      ? answerActions(actions, caller, { unknowns, nowSeconds: Math.floor(serverMs(tenant) / 1000), actionFaults: plan.actionFaults })
      : rejection(caller);
    const text = (plan.transport === 'malformedJson' ? PHP_WARNING : '') + JSON.stringify(payload);
    // A well-formed request whose token authenticates no one; structure faults keep HTTP 200.
    const httpStatus = envelope.ok && !isCaller(caller) ? unknowns.authErrorHttpStatus : 200;
    later(latencyMs + plan.delayMs, () =>
      send(res, httpStatus, text, {
        contentType: 'application/json; charset=utf-8',
        dateMs: serverMs(tenant),
        gzip: acceptsGzip(req.headers['accept-encoding']),
        truncate: plan.transport === 'truncatedBody',
      }),
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Sandbox has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;

  let stopping: Promise<void> | null = null;
  const control: SandboxControl = {
    requestCount: () => received,
    received: (count) =>
      received >= count ? Promise.resolve() : new Promise<void>((resolve) => awaitingRequests.add({ count, resolve })),
    requests: () => [...recorded],
    outbox: (scenario) => tenantOf(scenario).outbox,
    tenant: tenantOf,
    setUnknowns: (partial) => {
      unknowns = { ...unknowns, ...partial };
    },
    setFaults: (partial) => {
      faults = { ...faults, ...partial };
    },
    queueFault: (kind) => {
      if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new RangeError(`Unknown fault kind "${kind}"`);
      queued.push(kind);
    },
    setClockOffset: (scenario, seconds) => {
      tenantOf(scenario).clockOffsetSeconds = seconds;
    },
  };

  return {
    url,
    endpoint: `${url}/api/stable/api.php`,
    apiUsers,
    control,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}
