import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionResult } from './envelope.ts';
import { NO_FAULTS, planFaults } from './faults.ts';
import type { SandboxApiUser, SandboxHandle, SandboxOptions } from './index.ts';
import { DEFAULT_UNKNOWNS, FAULT_KINDS, MAX_BODY_BYTES, UNKNOWN_CHOICES, startSandbox } from './index.ts';
import { MAX_RECORDED } from './server.ts';
import type { TestAction } from './testkit.ts';
import { apiResponse, buildBody, post, resultAt } from './testkit.ts';

let sandbox: SandboxHandle | null = null;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = null;
});

async function start(options: SandboxOptions = {}): Promise<{ sb: SandboxHandle; user: SandboxApiUser }> {
  sandbox = await startSandbox(options);
  const user = sandbox.apiUsers[0];
  if (!user) throw new Error('no API user');
  return { sb: sandbox, user };
}

const readEstates: TestAction = { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], listlimit: 3 } };

/** A raw HTTP exchange, to see headers and bytes exactly as sent (fetch decompresses on its own). */
function rawPost(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTP surface', () => {
  it('listens on 127.0.0.1 and serves stable and latest', async () => {
    const { sb, user } = await start();
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.endpoint).toBe(`${sb.url}/api/stable/api.php`);
    const latest = await post(`${sb.url}/api/latest/api.php`, buildBody(user, [readEstates]));
    expect(resultAt(apiResponse(latest)).status.errorcode).toBe(0);
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const { sb, user } = await start();
    expect((await post(`${sb.url}/api/stable/other.php`, buildBody(user, [readEstates]))).status).toBe(404);
    const get = await fetch(sb.endpoint);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('reads the raw JSON body whatever the Content-Type', async () => {
    const { sb, user } = await start();
    const reply = await post(sb.endpoint, buildBody(user, [readEstates]), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(resultAt(apiResponse(reply)).status.errorcode).toBe(0);
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const { sb } = await start();
    const reply = await post(sb.endpoint, JSON.stringify({ token: 'x', padding: 'y'.repeat(MAX_BODY_BYTES) }));
    expect(reply.status).toBe(413);
  });

  it.each([200, 400] as const)('answers a request that fails authentication with HTTP %i per the switch; the body is the same', async (authErrorHttpStatus) => {
    const { sb, user } = await start({ unknowns: { authErrorHttpStatus } });
    const unknownToken = await post(sb.endpoint, buildBody({ token: 'x'.repeat(32), secret: user.secret }, [readEstates]));
    expect(unknownToken.status).toBe(authErrorHttpStatus);
    expect(unknownToken.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(apiResponse(unknownToken)).toEqual({ status: { code: 400, errorcode: 22, message: 'Not authenticated' } });
    const credential = sb.control.tenant('healthy-website').credentials.find((c) => c.token === user.token);
    if (!credential) throw new Error('no credential');
    credential.state = 'inactive';
    const inactive = await post(sb.endpoint, buildBody(user, [readEstates]));
    expect(inactive.status).toBe(authErrorHttpStatus);
    expect(apiResponse(inactive).status).toMatchObject({ code: 400, errorcode: 104 });
  });

  it('keeps HTTP 200 for structure faults and failed actions even when auth failures get 400', async () => {
    const { sb, user } = await start({ unknowns: { authErrorHttpStatus: 400 } });
    const broken = await post(sb.endpoint, '{"token": ');
    expect(broken.status).toBe(200);
    expect(apiResponse(broken).status).toMatchObject({ code: 400, errorcode: 4 });
    const wrongSecret = await post(sb.endpoint, buildBody({ token: user.token, secret: 'y'.repeat(64) }, [readEstates]));
    expect(wrongSecret.status).toBe(200);
    expect(resultAt(apiResponse(wrongSecret)).status.errorcode).toBe(137);
  });

  it('answers gzip only when asked', async () => {
    const { sb, user } = await start();
    const body = buildBody(user, [readEstates]);
    const zipped = await rawPost(sb.endpoint, body, { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(resultAt(JSON.parse(gunzipSync(zipped.bytes).toString('utf8'))).status.errorcode).toBe(0);
    const plain = await rawPost(sb.endpoint, buildBody(user, [readEstates]), { 'Content-Type': 'application/json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(resultAt(JSON.parse(plain.bytes.toString('utf8'))).status.errorcode).toBe(0);
  });

  it('sends a Date header from the server clock', async () => {
    const local = Date.parse('2027-03-01T08:00:00Z');
    const { sb, user } = await start({ clock: () => local });
    const reply = await post(sb.endpoint, buildBody(user, [readEstates], { timestamp: local / 1000 }));
    expect(reply.headers.get('date')).toBe('Mon, 01 Mar 2027 08:00:00 GMT');
    sb.control.setClockOffset('healthy-website', -90);
    const skewed = await post(sb.endpoint, buildBody(user, [readEstates], { timestamp: local / 1000 }));
    expect(skewed.headers.get('date')).toBe('Mon, 01 Mar 2027 07:58:30 GMT');
  });

  it('keeps only the latest requests for inspection, while the count goes on', async () => {
    const { sb } = await start();
    for (let i = 0; i < MAX_RECORDED + 5; i++) await fetch(`${sb.url}/nothing-${i}`);
    expect(sb.control.requestCount()).toBe(MAX_RECORDED + 5);
    const kept = sb.control.requests();
    expect(kept).toHaveLength(MAX_RECORDED);
    expect(kept[0]?.path).toBe('/nothing-5');
    expect(kept.at(-1)?.path).toBe(`/nothing-${MAX_RECORDED + 4}`);
  });

  it('records every request: the count and the parsed bodies', async () => {
    const { sb, user } = await start();
    await post(sb.endpoint, buildBody(user, [readEstates]));
    await post(sb.endpoint, 'not json');
    await fetch(`${sb.url}/favicon.ico`);
    expect(sb.control.requestCount()).toBe(3);
    const [first, second, third] = sb.control.requests();
    expect(first).toMatchObject({ method: 'POST', path: '/api/stable/api.php', body: { token: user.token, request: { actions: [{ resourcetype: 'estate' }] } } });
    expect(second?.body).toBeNull();
    expect(third).toMatchObject({ method: 'GET', path: '/favicon.ico' });
  });
});

describe('faults', () => {
  const mailFromWebsite = (sb: SandboxHandle): TestAction => ({
    kind: 'do',
    resourcetype: 'sendmail',
    parameters: { emailidentity: sb.control.tenant('healthy-website').mailboxes.find((m) => m.email.startsWith('website@'))?.email, receiver: ['a@kunden.example'] },
  });

  it.each([
    ['http500', 500],
    ['http502', 502],
  ] as const)('%s answers an HTML page with that status and does not process the request', async (kind, status) => {
    const { sb, user } = await start();
    sb.control.queueFault(kind);
    const reply = await post(sb.endpoint, buildBody(user, [mailFromWebsite(sb)]));
    expect(reply.status).toBe(status);
    expect(reply.text).toMatch(/^\s*<(!DOCTYPE )?html/i);
    expect(sb.control.outbox('healthy-website')).toEqual([]);
    expect((await post(sb.endpoint, buildBody(user, [readEstates]))).status).toBe(200);
  });

  it('malformedJson answers 200 with a body that is not JSON (the request is processed)', async () => {
    const { sb, user } = await start();
    sb.control.queueFault('malformedJson');
    const reply = await post(sb.endpoint, buildBody(user, [mailFromWebsite(sb)]));
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text) as unknown).toThrow();
    expect(sb.control.outbox('healthy-website')).toHaveLength(1);
  });

  it('truncatedBody breaks off the answer', async () => {
    const { sb, user } = await start();
    sb.control.queueFault('truncatedBody');
    const res = await fetch(sb.endpoint, { method: 'POST', body: buildBody(user, [readEstates]) });
    await expect(res.text()).rejects.toThrow();
  });

  it('connectionReset resets the connection', async () => {
    const { sb, user } = await start();
    sb.control.queueFault('connectionReset');
    await expect(fetch(sb.endpoint, { method: 'POST', body: buildBody(user, [readEstates]) })).rejects.toThrow();
  });

  it('hang never answers; the client times out and stop() still closes promptly', async () => {
    const { sb, user } = await start();
    sb.control.queueFault('hang');
    const hanging = fetch(sb.endpoint, { method: 'POST', body: buildBody(user, [readEstates]), signal: AbortSignal.timeout(300) });
    await expect(hanging).rejects.toThrow(/timeout|aborted/i);
    // A second, still-open request: stop() must not wait for it either.
    sb.control.queueFault('hang');
    const open = fetch(sb.endpoint, { method: 'POST', body: buildBody(user, [readEstates]) }).catch((e: unknown) => e);
    // Wait for the second request to arrive (bounded: a request that never comes fails here, named).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      sb.control.received(2),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the second request never reached the sandbox')), 5_000);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(sb.control.requestCount()).toBe(2);
    const started = Date.now();
    await sb.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await open).toBeInstanceOf(Error);
  });

  it('actionFailure fails the first action with 1 or 500; the rest run', async () => {
    const { sb, user } = await start();
    sb.control.queueFault('actionFailure');
    const res = apiResponse(await post(sb.endpoint, buildBody(user, [readEstates, readEstates])));
    expect(res.status.code).toBe(200);
    expect([1, 500]).toContain(resultAt(res, 0).status.errorcode);
    expect(resultAt(res, 1).status.errorcode).toBe(0);
  });

  it('uses queued faults one per request, in order', async () => {
    const { sb, user } = await start();
    sb.control.queueFault('http502');
    sb.control.queueFault('http500');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(sb.endpoint, buildBody(user, [readEstates]))).status);
    expect(statuses).toEqual([502, 500, 200]);
    expect(() => sb.control.queueFault('meteor' as never)).toThrow(/meteor/);
  });

  it('applies sandbox-wide fault rates set at start or later', async () => {
    const { sb, user } = await start({ faults: { http502: 1 } });
    expect((await post(sb.endpoint, buildBody(user, [readEstates]))).status).toBe(502);
    sb.control.setFaults({ http502: 0, actionFailure: 1 });
    const res = apiResponse(await post(sb.endpoint, buildBody(user, [readEstates, readEstates])));
    expect(res.response?.results.map((r: ActionResult) => [1, 500].includes(r.status.errorcode))).toEqual([true, true]);
    sb.control.setFaults({ actionFailure: 0 });
    expect(resultAt(apiResponse(await post(sb.endpoint, buildBody(user, [readEstates])))).status.errorcode).toBe(0);
  });

  it('adds latency without changing the answer', async () => {
    const { sb, user } = await start({ latencyMs: 30, faults: { jitterMs: 20 } });
    expect(resultAt(apiResponse(await post(sb.endpoint, buildBody(user, [readEstates])))).status.errorcode).toBe(0);
  });
});

describe('unknown switches', () => {
  it('offers every switch with its default among its choices (the CLI reads UNKNOWN_CHOICES)', () => {
    expect(Object.keys(UNKNOWN_CHOICES).sort()).toEqual(Object.keys(DEFAULT_UNKNOWNS).sort());
    for (const [name, value] of Object.entries(DEFAULT_UNKNOWNS)) {
      expect(UNKNOWN_CHOICES[name as keyof typeof UNKNOWN_CHOICES] as readonly unknown[], name).toContain(value);
    }
    expect(DEFAULT_UNKNOWNS).toMatchObject({ emailInfoAcceptedCode: 62, usersOnlyOwn: 'one', authErrorHttpStatus: 200 });
  });
});

describe('planFaults', () => {
  it('is a pure function of seed, request number and config', () => {
    const config = { ...NO_FAULTS, http500: 0.2, hang: 0.1, actionFailure: 0.3, jitterMs: 50 };
    const plans = (seed: number) => Array.from({ length: 50 }, (_, n) => planFaults(seed, n + 1, config, 3));
    expect(plans(9)).toEqual(plans(9));
    expect(plans(9)).not.toEqual(plans(10));
    const kinds = new Set(plans(9).map((p) => p.transport));
    expect(kinds).toEqual(new Set([null, 'http500', 'hang']));
    for (const p of plans(9)) expect(p.delayMs).toBeLessThan(50);
  });

  it('injects nothing at rate 0 and always at rate 1; a forced kind wins', () => {
    for (let n = 1; n <= 20; n++) {
      expect(planFaults(1, n, NO_FAULTS, 2)).toEqual({ delayMs: 0, transport: null, actionFaults: new Map() });
      expect(planFaults(1, n, { ...NO_FAULTS, truncatedBody: 1 }, 2).transport).toBe('truncatedBody');
      expect(planFaults(1, n, { ...NO_FAULTS, truncatedBody: 1 }, 2, 'http502').transport).toBe('http502');
    }
    expect(FAULT_KINDS).toContain('actionFailure');
  });
});
