import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import { startTestServer, type TestServer } from '../../tests/support/http-server.ts';
import { clockOffsetFrom, createClient } from './client.ts';
import type { Exchange } from './exchange.ts';
import { hmacV2 } from './signing.ts';
import { ACTION_URN, type WireRequest } from './wire.ts';

let sandbox: SandboxHandle | null = null;
let server: TestServer | null = null;
afterEach(async () => {
  await sandbox?.stop();
  await server?.close();
  sandbox = null;
  server = null;
});

const noSleep = async (): Promise<void> => undefined;

async function sandboxClient(scenario: string, extra: Partial<Parameters<typeof createClient>[0]> = {}) {
  sandbox = await startSandbox({ scenarios: [scenario], seed: 7 });
  const user = sandbox.apiUsers.find((u) => u.scenario === scenario);
  if (!user) throw new Error(`no API user for ${scenario}`);
  const exchanges: Exchange[] = [];
  const client = createClient({
    endpoint: new URL(sandbox.endpoint),
    credentials: () => ({ token: user.token, secret: user.secret }),
    sleep: noSleep,
    onExchange: (e) => exchanges.push(e),
    ...extra,
  });
  return { client, user, exchanges, sandbox };
}

describe('client against the sandbox', () => {
  it('reads estates in one signed request and reports the exchange', async () => {
    const { client, exchanges, sandbox: sb } = await sandboxClient('healthy-website');
    const outcome = await client.call([
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'veroeffentlichen'], listlimit: 3 } },
      { kind: 'read', resourcetype: 'basicsettings', parameters: { data: { basicData: { characteristicsCi: ['color'] } } } },
    ]);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.attempts).toBe(1);
    const [estates, settings] = outcome.results;
    expect(estates).toMatchObject({ ok: true, kind: 'read', resourcetype: 'estate', identifier: 'a1' });
    if (estates?.ok) {
      expect(estates.records.length).toBeGreaterThan(0);
      expect(estates.records.length).toBeLessThanOrEqual(3);
      expect(estates.cntabsolute).toBeGreaterThanOrEqual(estates.records.length);
    }
    expect(settings?.ok).toBe(true);
    expect(sb.control.requestCount()).toBe(1);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ attempt: 1, httpStatus: 200, failure: null, actions: [{ status: { errorcode: 0 } }, { status: { errorcode: 0 } }] });
    expect(exchanges[0]?.clockOffsetSeconds).not.toBeNull();
    expect(Math.abs(exchanges[0]?.clockOffsetSeconds ?? 99)).toBeLessThanOrEqual(2);
  });

  it('surfaces a wrong secret as action error 137 and never sends the secret', async () => {
    const { client, user, exchanges } = await sandboxClient('wrong-secret');
    const outcome = await client.call([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }]);
    expect(outcome).toMatchObject({ ok: true, results: [{ ok: false, errorcode: 137 }] });
    expect(exchanges[0]?.requestBody).not.toContain(user.secret);
  });

  it('surfaces an unknown (revoked) token as a top-level API error', async () => {
    const { client } = await sandboxClient('revoked-token');
    const outcome = await client.call([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.kind).toBe('api');
  });

  it('measures the clock offset when the server clock is off and reports 136', async () => {
    const { client } = await sandboxClient('clock-skew');
    const outcome = await client.call([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }]);
    expect(outcome).toMatchObject({ ok: true, results: [{ ok: false, errorcode: 136 }] });
    expect(Math.abs(outcome.clockOffsetSeconds ?? 0)).toBeGreaterThan(120);
  });

  it('retries a read after HTTP 500 with a fresh timestamp and signature', async () => {
    let t = 1_800_000_000_000;
    const { client, exchanges, sandbox: sb } = await sandboxClient('healthy-website', { now: () => (t += 1_500) });
    // The sandbox judges the timestamps against its own clock: give it the same one.
    sb.control.setClockOffset('healthy-website', Math.round((1_800_000_000_000 - Date.now()) / 1000));
    sb.control.queueFault('http500');
    sb.control.queueFault('http502');
    const outcome = await client.call([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }]);
    expect(exchanges.map((e) => e.httpStatus)).toEqual([500, 502, 200]);
    expect(outcome.attempts).toBe(3);
    const bodies = exchanges.map((e) => JSON.parse(e.requestBody) as WireRequest);
    const stamps = bodies.map((b) => b.request.actions[0]?.timestamp);
    const hmacs = bodies.map((b) => b.request.actions[0]?.hmac);
    expect(new Set(stamps).size).toBe(3);
    expect(new Set(hmacs).size).toBe(3);
    expect(outcome.ok).toBe(true);
  });

  it('gives up after two retries', async () => {
    const { client, exchanges, sandbox: sb } = await sandboxClient('healthy-website');
    for (let i = 0; i < 5; i++) sb.control.queueFault('http500');
    const outcome = await client.call([{ kind: 'get', resourcetype: 'users', parameters: { userfilter: 'onlyOwn' } }]);
    expect(outcome).toMatchObject({ ok: false, attempts: 3, error: { kind: 'transport', code: 'http-status', httpStatus: 500 } });
    expect(exchanges).toHaveLength(3);
  });

  it('never retries a batch that writes or sends', async () => {
    const { client, exchanges, sandbox: sb } = await sandboxClient('healthy-website');
    sb.control.queueFault('http500');
    const outcome = await client.call([
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } },
      { kind: 'do', resourcetype: 'sendmail', parameters: { emailidentity: 'x@example.test', receiver: ['a@example.test'] } },
    ]);
    expect(outcome).toMatchObject({ ok: false, attempts: 1 });
    expect(exchanges).toHaveLength(1);
  });

  it('times out on a hang within the configured total timeout', async () => {
    const { client, sandbox: sb } = await sandboxClient('healthy-website', { timeouts: { totalMs: 400 }, maxRetries: 0 });
    sb.control.queueFault('hang');
    const outcome = await client.call([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }]);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'transport', code: 'timeout-total' } });
  });

  it('reports malformed and truncated answers as transport errors, not exceptions', async () => {
    const { client, sandbox: sb } = await sandboxClient('healthy-website', { maxRetries: 0 });
    for (const fault of ['malformedJson', 'truncatedBody', 'connectionReset'] as const) {
      sb.control.queueFault(fault);
      const outcome = await client.call([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }]);
      expect(outcome.ok, fault).toBe(false);
      if (!outcome.ok) expect(outcome.error.kind, fault).toBe('transport');
    }
  });

  it('asks for the credentials on every attempt (a locked vault stops a retry)', async () => {
    let asked = 0;
    sandbox = await startSandbox({ scenarios: ['healthy-website'], seed: 7 });
    const user = sandbox.apiUsers[0];
    if (!user) throw new Error('no user');
    sandbox.control.queueFault('http500');
    const client = createClient({
      endpoint: new URL(sandbox.endpoint),
      sleep: noSleep,
      credentials: () => {
        asked += 1;
        if (asked > 1) throw new Error('locked');
        return { token: user.token, secret: user.secret };
      },
    });
    await expect(client.call([{ kind: 'read', resourcetype: 'estate' }])).rejects.toThrow('locked');
    expect(asked).toBe(2);
  });
});

describe('client against hand-written answers', () => {
  it('signs exactly as documented, once per action', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 0, message: 'OK' }, data: { records: [] } }] } }));
    });
    const client = createClient({ endpoint: server.url, credentials: () => ({ token: 'T'.repeat(32), secret: 'S'.repeat(64) }), now: () => 1_700_000_000_500 });
    await client.call([{ kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { recordIds: [1], action: 'read', module: 'estate', userid: 5 } }]);
    const body = JSON.parse(server.bodies[0] ?? '{}') as WireRequest;
    const action = body.request.actions[0];
    expect(action?.timestamp).toBe(1_700_000_000);
    expect(action?.hmac).toBe(
      hmacV2({ secret: 'S'.repeat(64), token: 'T'.repeat(32), timestamp: 1_700_000_000, resourcetype: 'checkuserrecordsright', actionid: ACTION_URN.get }),
    );
    expect(Object.keys(action?.parameters ?? {})).toEqual(['action', 'module', 'recordIds', 'userid']);
    expect(server.bodies[0]).not.toContain('S'.repeat(64));
  });

  it("sends a marketplace API user's claim as extendedclaim in every action of a batch, and none without one", async () => {
    server = await startTestServer((_req, res, body) => {
      const results = (JSON.parse(body) as WireRequest).request.actions.map(() => ({ status: { errorcode: 0, message: 'OK' }, data: { records: [] } }));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results } }));
    });
    const apiClaim = 'c1a1m-0123456789abcdef';
    const batch = [
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } },
      { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'onlyOwn' } },
      { kind: 'read', resourcetype: 'impressum' },
    ] as const;
    const marketplace = createClient({ endpoint: server.url, credentials: () => ({ token: 'T'.repeat(32), secret: 'S'.repeat(64), apiClaim }) });
    expect(await marketplace.call(batch)).toMatchObject({ ok: true });
    const plain = createClient({ endpoint: server.url, credentials: () => ({ token: 'T'.repeat(32), secret: 'S'.repeat(64) }) });
    expect(await plain.call(batch)).toMatchObject({ ok: true });
    const [withClaim, withoutClaim] = server.bodies.map((b) => JSON.parse(b) as WireRequest);
    expect(withClaim?.request.actions.map((a) => a.parameters.extendedclaim)).toEqual([apiClaim, apiClaim, apiClaim]);
    expect(server.bodies[1]).not.toContain('extendedclaim');
    expect(withoutClaim?.request.actions).toHaveLength(3);
  });

  it('treats an HTML error page with HTTP 200 as malformed, and with another status as an HTTP error', async () => {
    let status = 200;
    server = await startTestServer((_req, res) => {
      res.writeHead(status, { 'Content-Type': 'text/html' });
      res.end('<html><title>Proxy login</title></html>');
    });
    const client = createClient({ endpoint: server.url, credentials: () => ({ token: 't', secret: 's' }), maxRetries: 0 });
    expect(await client.call([{ kind: 'read', resourcetype: 'estate' }])).toMatchObject({ ok: false, error: { code: 'malformed', message: expect.stringContaining('HTML') } });
    status = 404;
    expect(await client.call([{ kind: 'read', resourcetype: 'estate' }])).toMatchObject({
      ok: false,
      error: { kind: 'transport', code: 'http-status', httpStatus: 404, message: expect.stringContaining('Proxy login') },
    });
  });

  /** A server answering every request with `status` and `body`; the exchanges are collected. */
  async function answering(status: number, body: string, contentType = 'application/json') {
    server = await startTestServer((_req, res) => {
      res.writeHead(status, { 'Content-Type': contentType });
      res.end(body);
    });
    const exchanges: Exchange[] = [];
    const client = createClient({ endpoint: server.url, credentials: () => ({ token: 'T'.repeat(32), secret: 'S'.repeat(64) }), sleep: noSleep, onExchange: (e) => exchanges.push(e) });
    return { client, exchanges };
  }

  it('HTTP 400 with an onOffice status in the body: the body decides (API error 22, not an HTTP error)', async () => {
    const { client, exchanges } = await answering(400, '{"status":{"code":400,"errorcode":22,"message":"Not authenticated"}}');
    const outcome = await client.call([{ kind: 'read', resourcetype: 'estate' }]);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, error: { kind: 'api', httpStatus: 400, code: 400, errorcode: 22, message: 'Not authenticated' } });
    expect(exchanges[0]).toMatchObject({ httpStatus: 400, top: { code: 400, errorcode: 22 }, failure: { code: 'api' } });
  });

  it('HTTP 500 with an onOffice status in the body: an API error, not retried as a transport failure', async () => {
    const { client, exchanges } = await answering(500, '{"status":{"code":500,"errorcode":1,"message":"Unknown error"}}');
    const outcome = await client.call([{ kind: 'read', resourcetype: 'estate' }]);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, error: { kind: 'api', httpStatus: 500, errorcode: 1 } });
    expect(exchanges.map((e) => e.httpStatus)).toEqual([500]);
  });

  it('a non-200 status with a complete onOffice answer yields its results', async () => {
    const ok = { status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 0, message: 'OK' }, data: { records: [] } }] } };
    const { client } = await answering(503, JSON.stringify(ok));
    expect(await client.call([{ kind: 'read', resourcetype: 'estate' }])).toMatchObject({ ok: true, results: [{ ok: true, records: [] }] });
  });

  it('HTTP 502 with an HTML page, an empty body or foreign JSON stays an HTTP error and a read is retried', async () => {
    for (const [body, type] of [['<html><body>Bad Gateway</body></html>', 'text/html'], ['', 'text/plain'], ['{"error":"upstream"}', 'application/json']] as const) {
      const { client, exchanges } = await answering(502, body, type);
      const outcome = await client.call([{ kind: 'read', resourcetype: 'estate' }]);
      expect(outcome, body).toMatchObject({ ok: false, attempts: 3, error: { kind: 'transport', code: 'http-status', httpStatus: 502 } });
      expect(exchanges.map((e) => [e.httpStatus, e.top, e.failure?.code]), body).toEqual(Array(3).fill([502, null, 'http-status']));
      await server?.close();
    }
  });

  it('HTTP 200 with an onOffice status decides as before; a broken 200 body stays malformed', async () => {
    const { client } = await answering(200, '{"status":{"code":400,"errorcode":22,"message":"Not authenticated"}}');
    expect(await client.call([{ kind: 'read', resourcetype: 'estate' }])).toMatchObject({ ok: false, error: { kind: 'api', httpStatus: 200, errorcode: 22 } });
    await server?.close();
    const broken = await answering(200, '{"status":');
    expect(await broken.client.call([{ kind: 'read', resourcetype: 'estate' }])).toMatchObject({
      ok: false,
      attempts: 3,
      error: { kind: 'transport', code: 'malformed', httpStatus: 200 },
    });
  });
});

describe('server text echoing credentials', () => {
  it('never passes the token, the secret, the API claim or a signature on in messages', async () => {
    const token = 'T0k3n'.repeat(6) + 'xy';
    const secret = 'S3cr3t'.repeat(10) + 'abcd';
    const apiClaim = 'cla1m-7f3a9c2e41b8d6';
    let mode: 'action' | 'html' | 'http500' | 'http400' = 'action';
    server = await startTestServer((_req, res, body) => {
      const sent = JSON.parse(body) as WireRequest;
      const hmac = sent.request.actions[0]?.hmac ?? '';
      const echo = `HMAC ${hmac} for token ${token} (secret ${secret}, extendedclaim ${apiClaim})`;
      if (mode === 'html' || mode === 'http500') {
        res.writeHead(mode === 'html' ? 200 : 500, { 'Content-Type': 'text/html' });
        res.end(`<html>${echo}</html>`);
        return;
      }
      if (mode === 'http400') {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: { code: 400, errorcode: 22, message: echo } }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 137, message: echo } }] } }));
    });
    const client = createClient({ endpoint: server.url, credentials: () => ({ token, secret, apiClaim }), maxRetries: 0 });
    const failed = await client.call([{ kind: 'read', resourcetype: 'estate' }]);
    mode = 'html';
    const malformed = await client.call([{ kind: 'read', resourcetype: 'estate' }]);
    mode = 'http500';
    const httpError = await client.call([{ kind: 'read', resourcetype: 'estate' }]);
    mode = 'http400';
    const apiError = await client.call([{ kind: 'read', resourcetype: 'estate' }]);
    expect(failed).toMatchObject({ ok: true, results: [{ ok: false, errorcode: 137 }] });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(httpError).toMatchObject({ ok: false, error: { code: 'http-status', message: expect.stringContaining('HMAC') } });
    expect(apiError).toMatchObject({ ok: false, error: { kind: 'api', errorcode: 22, message: expect.stringContaining('HMAC') } });
    const hmacs = server.bodies.map((b) => (JSON.parse(b) as WireRequest).request.actions[0]?.hmac ?? '');
    for (const text of [JSON.stringify(failed), JSON.stringify(malformed), JSON.stringify(httpError), JSON.stringify(apiError)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(apiClaim);
      for (const h of hmacs) expect(text).not.toContain(h);
    }
  });
});

describe('clockOffsetFrom', () => {
  it('is server minus local in whole seconds', () => {
    const local = Date.parse('2025-01-01T10:00:00Z');
    expect(clockOffsetFrom('Wed, 01 Jan 2025 10:07:00 GMT', local, local + 200)).toBe(420);
    expect(clockOffsetFrom('Wed, 01 Jan 2025 09:58:00 GMT', local + 900, local + 900)).toBe(-120);
    expect(clockOffsetFrom(null, local, local)).toBeNull();
    expect(clockOffsetFrom('garbage', local, local)).toBeNull();
  });
});
