/**
 * Requests built the way other onOffice clients build them — the official PHP SDK's shape, string-typed fields,
 * the legacy md5 signature — with their own few lines of crypto, not with this project's signing code: the sandbox
 * must accept them exactly when onOffice would, and refuse tampered ones.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from './index.ts';

let sb: SandboxHandle;
let token = '';
let secret = '';
beforeAll(async () => {
  sb = await startSandbox({ scenarios: ['healthy-website'], seed: 21 });
  const user = sb.apiUsers[0];
  if (!user) throw new Error('no API user');
  ({ token, secret } = user);
});
afterAll(() => sb.stop());

const READ = 'urn:onoffice-de-ns:smart:2.5:smartml:action:read';
const now = () => Math.floor(Date.now() / 1000);
const v2 = (ts: number, resourcetype: string, actionid: string) => createHmac('sha256', secret).update(`${ts}${token}${resourcetype}${actionid}`).digest('base64');

async function send(body: string, contentType = 'application/json') {
  const res = await fetch(sb.endpoint, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  return (await res.json()) as { status: { code: number; errorcode: number }; response?: { results: Array<{ status: { errorcode: number }; data: { records: unknown[] } }> } };
}

describe('requests from independent clients', () => {
  it("accepts the official SDK's request shape (identifier null, integers, form content type)", async () => {
    const ts = now();
    const body = `{"token":"${token}","request":{"actions":[{"actionid":"${READ}","identifier":null,"parameters":{"data":["Id","objekttitel"],"listlimit":2},"resourceid":"","resourcetype":"estate","timestamp":${ts},"hmac_version":2,"hmac":"${v2(ts, 'estate', READ)}"}]}}`;
    const reply = await send(body, 'application/x-www-form-urlencoded');
    expect(reply.status.code).toBe(200);
    expect(reply.response?.results[0]?.status.errorcode).toBe(0);
    expect(reply.response?.results[0]?.data.records).toHaveLength(2);
  });

  it('accepts timestamp and hmac_version as strings', async () => {
    const ts = now();
    const body = JSON.stringify({
      token,
      request: { actions: [{ actionid: READ, identifier: '', resourceid: '', resourcetype: 'estate', parameters: { data: ['Id'] }, timestamp: String(ts), hmac_version: '2', hmac: v2(ts, 'estate', READ) }] },
    });
    expect((await send(body)).response?.results[0]?.status.errorcode).toBe(0);
  });

  it('accepts a legacy md5 (v1) signature and refuses a wrong one', async () => {
    const ts = now();
    const parameters = { data: ['Id'], listlimit: 1 };
    // PHP: json_encode(ksort($parameters)) — keys already sorted, no slashes or non-ASCII here.
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const fields = [token, READ, 'x', '', secret, String(ts), 'estate'].join(',');
    const hmac = md5(secret + md5(`${JSON.stringify(parameters)},${fields}`));
    const action = { actionid: READ, identifier: 'x', resourceid: '', resourcetype: 'estate', parameters, timestamp: ts };
    expect((await send(JSON.stringify({ token, request: { actions: [{ ...action, hmac }] } }))).response?.results[0]?.status.errorcode).toBe(0);
    const wrong = md5(`${hmac}x`);
    expect((await send(JSON.stringify({ token, request: { actions: [{ ...action, hmac: wrong }] } }))).response?.results[0]?.status.errorcode).toBe(137);
  });

  it('refuses a tampered request: a signature for another resource, or an old timestamp', async () => {
    const ts = now();
    const forAddress = JSON.stringify({
      token,
      request: { actions: [{ actionid: READ, identifier: '', resourceid: '', resourcetype: 'estate', parameters: {}, timestamp: ts, hmac_version: 2, hmac: v2(ts, 'address', READ) }] },
    });
    const tampered = await send(forAddress);
    expect(tampered.status).toMatchObject({ code: 200 });
    expect(tampered.response?.results[0]?.status.errorcode).toBe(137);

    const old = ts - 600;
    const stale = JSON.stringify({
      token,
      request: { actions: [{ actionid: READ, identifier: '', resourceid: '', resourcetype: 'estate', parameters: {}, timestamp: old, hmac_version: 2, hmac: v2(old, 'estate', READ) }] },
    });
    expect((await send(stale)).response?.results[0]?.status.errorcode).toBe(136);
  });
});
