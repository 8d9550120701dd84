import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../api/app.ts';
import type { AppServices } from '../api/app-types.ts';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import { FREE_ATTEMPTS } from './passphrase-throttle.ts';
import { BROWSER_CSP, MAX_BRIDGE_BODY, startBrowserHost, type BrowserHost } from './server.ts';

let dir: string;
let renderer: string;
let services: AppServices;
let host: BrowserHost;
const SESSION = 's'.repeat(43);
const PASSPHRASE = 'correct horse battery staple';

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-host-'));
  renderer = path.join(dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>API User Desk</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'outside.txt'), 'private');
  services = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: path.join(dir, 'data') });
  host = await startBrowserHost({ services, rendererDir: renderer, sessionToken: SESSION });
});
afterEach(async () => {
  await host.stop();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw requests, so Host and Origin can be set as an attacker's page would. A Buffer body goes out chunked. */
function requestAt(origin: string, method: string, pathname: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: pathname, headers: { Host: url.host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (Buffer.isBuffer(body)) req.write(body);
    req.end(Buffer.isBuffer(body) ? undefined : body);
  });
}

const request = (method: string, pathname: string, headers: Record<string, string> = {}, body?: string | Buffer) => requestAt(host.origin, method, pathname, headers, body);

const bridgeAt = (origin: string, session: string, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  requestAt(origin, 'POST', `/bridge/call/${channel}`, { 'Content-Type': 'application/json', 'X-Desk-Session': session, Origin: origin, ...headers }, JSON.stringify(body));

const bridge = (channel: string, body: unknown, headers: Record<string, string> = {}) => bridgeAt(host.origin, SESSION, channel, body, headers);

/** The result envelope of a bridge call, with what the HTTP layer said about it. */
async function answer<V = unknown>(
  reply: Promise<Reply>,
): Promise<{ status: number; retryAfter: string | undefined; ok: boolean; value?: V; error?: { code: string; message: string; details?: unknown } }> {
  const r = await reply;
  return { status: r.status, retryAfter: r.headers['retry-after'] as string | undefined, ...JSON.parse(r.body) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `promise`, an event's promise, but no longer than `ms`: a missing event fails the test, named. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The directives of a Content-Security-Policy header, each with its sources. */
const directives = (csp: string | undefined): Record<string, string[]> =>
  Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== '')
      .map(([name, ...sources]) => [name, sources]),
  );

/**
 * The policy GUIDE §2 asks for, written out here on its own: nothing by default, the app's own scripts, styles, fonts
 * and images (plus data: images), no base, no forms, no framing. The browser host's page talks to its own origin
 * (the bridge), so connect-src is 'self' where the desktop app has 'none'.
 */
const EXPECTED_CSP: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, withinMs: number): Promise<T | undefined> {
  const until = Date.now() + withinMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined || Date.now() > until) return found;
    await sleep(20);
  }
}

describe('browser host', () => {
  it('prints a loopback URL carrying the session in the fragment', () => {
    expect(host.url).toBe(`${host.origin}/#session=${SESSION}`);
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the renderer with a strict CSP and refuses paths outside it', async () => {
    const index = await request('GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('API User Desk');
    const csp = index.headers['content-security-policy'] as string | undefined;
    expect(directives(csp)).toEqual(EXPECTED_CSP);
    expect(csp).not.toMatch(/unsafe-|\*|https?:/);
    // The exported constant is what goes out, on a page that is not found as well.
    expect(BROWSER_CSP).toBe(csp);
    expect(directives((await request('GET', '/../outside.txt')).headers['content-security-policy'] as string | undefined)).toEqual(EXPECTED_CSP);
    expect((await request('GET', '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await request('GET', '/profiles/123')).body).toContain('API User Desk');
    for (const evil of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt']) {
      const r = await request('GET', evil);
      expect(r.body, evil).not.toContain('private');
    }
    expect((await request('GET', '/missing.js')).status).toBe(404);
  });

  it('serves hashed assets compressed and cacheable for a year, the page always fresh', async () => {
    const script = `export const texts = ${JSON.stringify('Prüfen '.repeat(2000))};\n`;
    writeFileSync(path.join(renderer, 'assets', 'index-AbC12345.js'), script);
    const raw = (pathname: string, encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: new URL(host.origin).port, path: pathname, headers: { Host: new URL(host.origin).host, 'Accept-Encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const br = await raw('/assets/index-AbC12345.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(script);
    const gz = await raw('/assets/index-AbC12345.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(script);
    const plain = await raw('/assets/index-AbC12345.js', '');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(script);
    // The page and unhashed files are asked for again every time, so a rebuilt app is picked up at once.
    expect((await raw('/', 'br')).headers['cache-control']).toBe('no-cache');
    expect((await raw('/assets/app.js', 'br')).headers['cache-control']).toBe('no-cache');
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>API User Desk, rebuilt</title>');
    expect((await request('GET', '/')).body).toContain('rebuilt');
  });

  it('answers contract calls with the session token', async () => {
    const r = await bridge('vaultState', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { locked: true, passphraseSet: false } });
    expect(JSON.parse((await bridge('nope', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const broken = await request('POST', '/bridge/call/vaultState', { 'Content-Type': 'application/json', 'X-Desk-Session': SESSION }, '{oops');
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses calls without the session, from another origin, or for another host name (DNS rebinding)', async () => {
    expect((await bridge('vaultState', {}, { 'X-Desk-Session': 'wrong' })).status).toBe(403);
    expect((await request('POST', '/bridge/call/vaultState', { 'Content-Type': 'application/json' }, '{}')).status).toBe(403);
    expect((await bridge('vaultState', {}, { Origin: 'http://evil.test' })).status).toBe(403);
    expect((await bridge('vaultState', {}, { Host: `evil.test:${new URL(host.origin).port}` })).status).toBe(421);
    expect((await request('GET', '/', { Host: 'rebind.evil.test' })).status).toBe(421);
    expect((await bridge('vaultState', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await request('GET', '/bridge/events?session=wrong')).status).toBe(403);
  });

  it('streams events to the page', async () => {
    const url = new URL(host.origin);
    let connected!: () => void;
    const subscribed = new Promise<void>((resolve) => (connected = resolve));
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: url.hostname, port: url.port, path: `/bridge/events?session=${SESSION}`, headers: { Host: url.host } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          // The host registers the stream as it writes this comment: from here on, events reach it.
          if (text.includes(': connected')) connected();
          if (text.includes('event: vaultChanged')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
    });
    await within(subscribed, 5_000, 'the event stream to connect');
    await bridge('vaultSetPassphrase', { passphrase: 'a long enough passphrase' });
    expect(await within(received, 10_000, 'the vaultChanged event')).toMatch(/event: vaultChanged\ndata: \{.*"locked":false/);
  });
});

describe('browser host: a request over the size cap', () => {
  it('is answered 413 with a JSON error and a closed connection, not a reset, with or without a declared length', async () => {
    const big = Buffer.alloc(MAX_BRIDGE_BODY + 64 * 1024, 0x20);
    const headers = { 'Content-Type': 'application/json', 'X-Desk-Session': SESSION, Origin: host.origin };
    for (const declared of [{ 'Content-Length': String(big.length) }, {}] as Record<string, string>[]) {
      const r = await request('POST', '/bridge/call/vaultState', { ...headers, ...declared }, big);
      expect(r.status).toBe(413);
      expect(r.headers.connection).toBe('close');
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'request-too-large', details: { maxBytes: MAX_BRIDGE_BODY } } });
    }
    expect(await answer(bridge('vaultState', {}))).toMatchObject({ status: 200, ok: true });
  });
});

describe('browser host: a page that goes away', () => {
  let sandbox: SandboxHandle | null = null;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = null;
  });

  async function profileOn(s: SandboxHandle): Promise<string> {
    await bridge('vaultSetPassphrase', { passphrase: PASSPHRASE });
    const u = s.apiUsers[0];
    if (!u) throw new Error('no sandbox API user');
    const created = await answer<{ id: string }>(bridge('profilesCreate', { label: 'Website', endpoint: { kind: 'custom', url: s.endpoint }, useCase: 'website', token: u.token, secret: u.secret }));
    return created.value?.id ?? '';
  }

  /** Sends a bridge call and hangs up, unanswered, as soon as `when` holds. */
  async function hangUp(channel: string, body: unknown, when: () => boolean): Promise<void> {
    const url = new URL(host.origin);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: `/bridge/call/${channel}`,
      headers: { Host: url.host, Origin: host.origin, 'Content-Type': 'application/json', 'X-Desk-Session': SESSION },
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', () => undefined);
    req.end(JSON.stringify(body));
    expect(await eventually(() => (when() ? true : undefined), 5_000)).toBe(true);
    req.destroy();
    expect(answered).toBe(false);
  }

  it('stops a check run: no request after the hang-up, and no result kept', async () => {
    sandbox = await startSandbox({ scenarios: ['healthy-website'], latencyMs: 400 });
    const s = sandbox;
    const profileId = await profileOn(s);
    const dispatch = services.dispatch;
    const runs: Array<ReturnType<typeof dispatch>> = [];
    services.dispatch = (...args: Parameters<typeof dispatch>) => {
      const settled = dispatch(...args);
      if (args[0] === 'checksRun') runs.push(settled);
      return settled;
    };
    await hangUp('checksRun', { profileId }, () => s.control.requestCount() >= 1);
    // Without the hang-up the first answer arrives after 400 ms and the next batch follows at once. Once the run
    // has ended, nothing can send another request: wait for that end, not for a guessed while.
    expect(runs).toHaveLength(1);
    expect(await within(runs[0] as (typeof runs)[number], 5_000, 'the check run to end')).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(s.control.requestCount()).toBe(1);
    expect(await answer(bridge('checksHistory', { profileId }))).toMatchObject({ ok: true, value: [] });
  });

  it('cancels a console call at once, and the journal says so', async () => {
    sandbox = await startSandbox({ scenarios: ['healthy-website'] });
    const s = sandbox;
    const profileId = await profileOn(s);
    s.control.queueFault('hang');
    await hangUp('consoleCall', { profileId, kind: 'read', resourcetype: 'estate' }, () => s.control.requestCount() >= 1);
    // Not after the client's 30 s timeout: the exchange ends, cancelled, as the page leaves.
    const entry = await eventually(async () => (await answer<{ entries: unknown[] }>(bridge('journalQuery', { filter: {} }))).value?.entries[0], 3_000);
    expect(entry).toMatchObject({ profileId, category: 'transport', message: 'the call was cancelled' });
  });
});

describe('browser host: wrong passphrases', () => {
  it('backs off after five in a row, says how long to wait, and starts over after the right one', async () => {
    let clock = 1_000_000;
    await host.stop();
    host = await startBrowserHost({ services, rendererDir: renderer, sessionToken: SESSION, now: () => clock });
    await bridge('vaultSetPassphrase', { passphrase: PASSPHRASE });
    await bridge('vaultLock', {});
    const unlock = (passphrase: string) => answer(bridge('vaultUnlock', { passphrase }));

    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      const wrong = await unlock('a wrong passphrase');
      expect(wrong).toMatchObject({ status: 200, error: { code: 'wrong-passphrase' } });
      expect(wrong.error?.details).toBeUndefined();
    }
    expect(await unlock('a wrong passphrase')).toMatchObject({ status: 200, error: { code: 'wrong-passphrase', details: { retryAfterSeconds: 1 } } });
    // Refused unchecked, the right passphrase too, with the wait in the answer and in Retry-After.
    expect(await unlock(PASSPHRASE)).toMatchObject({ status: 429, retryAfter: '1', error: { code: 'too-many-attempts', details: { retryAfterSeconds: 1 } } });
    clock += 999;
    expect(await unlock(PASSPHRASE)).toMatchObject({ status: 429, error: { code: 'too-many-attempts', details: { retryAfterSeconds: 1 } } });
    clock += 1;
    expect(await unlock('a wrong passphrase')).toMatchObject({ status: 200, error: { code: 'wrong-passphrase', details: { retryAfterSeconds: 2 } } });
    // Changing the passphrase checks the current one: it waits as well.
    expect(await answer(bridge('vaultSetPassphrase', { passphrase: 'a new passphrase here', current: PASSPHRASE }))).toMatchObject({
      status: 429,
      retryAfter: '2',
      error: { code: 'too-many-attempts', details: { retryAfterSeconds: 2 } },
    });
    clock += 2_000;
    expect(await unlock(PASSPHRASE)).toMatchObject({ status: 200, ok: true, value: { locked: false } });

    await bridge('vaultLock', {});
    const fresh = await unlock('a wrong passphrase');
    expect(fresh).toMatchObject({ status: 200, error: { code: 'wrong-passphrase' } });
    expect(fresh.error?.details).toBeUndefined();
    expect(await unlock(PASSPHRASE)).toMatchObject({ status: 200, ok: true });
  }, 60_000);
});

describe('browser host: stopping', () => {
  it('answers the calls waiting for a key derivation with host-stopping and returns within a short bound', async () => {
    await bridge('vaultSetPassphrase', { passphrase: PASSPHRASE });
    await bridge('vaultLock', {});
    let refused = 0;
    let bothRefused!: () => void;
    const refusals = new Promise<void>((resolve) => (bothRefused = resolve));
    const attempts = Array.from({ length: FREE_ATTEMPTS + 2 }, () =>
      answer(bridge('vaultUnlock', { passphrase: 'a wrong passphrase' })).then(
        (a) => {
          if (a.error?.code === 'too-many-attempts' && ++refused === 2) bothRefused();
          return a.error?.code ?? 'ok';
        },
        () => 'connection closed',
      ),
    );
    // The two beyond the free tries are refused only once the others were admitted (the running ones count as
    // wrong until they settle): with both refusals in, one derivation runs and the other admitted ones wait.
    await within(refusals, 5_000, 'the two tries beyond the free ones to be refused');
    const started = performance.now();
    await host.stop();
    // Bounded: the running derivation gets a short grace, the waiting ones never start.
    expect(performance.now() - started).toBeLessThan(3_000);
    const codes = await Promise.all(attempts);
    expect(codes.filter((c) => c === 'host-stopping')).toHaveLength(FREE_ATTEMPTS - 1);
    expect(codes.filter((c) => c === 'too-many-attempts')).toHaveLength(2);
    // The running one answers, unless it outlasts the grace.
    expect(codes.filter((c) => c === 'wrong-passphrase' || c === 'connection closed')).toHaveLength(1);
  });

  it('exits within seconds of SIGTERM while many key derivations are asked for', async () => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', path.join(import.meta.dirname, 'main.ts'), '--data-dir', path.join(dir, 'child'), '--renderer', renderer],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const started = await new Promise<{ origin: string; session: string }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          const m = /(http:\/\/127\.0\.0\.1:\d+)\/#session=(\S+)/.exec(out);
          if (m) resolve({ origin: m[1] as string, session: m[2] as string });
        });
        void exited.then(() => reject(new Error(`the host did not start: ${out}`)));
      });
      const call = <V>(channel: string, body: unknown) => answer<V>(bridgeAt(started.origin, started.session, channel, body));
      await call('vaultSetPassphrase', { passphrase: PASSPHRASE });
      const profile = await call<{ id: string }>('profilesCreate', { label: 'x', endpoint: { kind: 'custom', url: 'http://127.0.0.1:9/api/stable/api.php' }, token: 'a'.repeat(32), secret: 'b'.repeat(64) });
      const backup = await call<{ content: string }>('backupExport', { profileIds: [profile.value?.id], includeSecrets: true, passphrase: 'a backup passphrase' });
      expect(backup.ok).toBe(true);
      // Each asks for one scrypt derivation (~0.5 s of a core): handed to Node's thread pool at once, the process
      // could not exit before all had run.
      let firstAnswered!: () => void;
      const first = new Promise<void>((resolve) => (firstAnswered = resolve));
      const inspections = Array.from({ length: 24 }, () =>
        call('backupInspect', { content: backup.value?.content, passphrase: 'not the backup passphrase' }).then(
          () => firstAnswered(),
          () => null,
        ),
      );
      // One derivation has run to its end while the other 23, asked for together with it, wait their turn.
      await within(first, 10_000, 'the first inspection to be answered');
      const signalled = performance.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(6_000);
      await Promise.all(inspections);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
