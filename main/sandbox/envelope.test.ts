import { afterEach, describe, expect, it } from 'vitest';
import { hmacV2 } from '../onoffice/signing.ts';
import { ACTION_URN } from '../onoffice/wire.ts';
import type { SandboxApiUser, SandboxHandle, SandboxOptions } from './index.ts';
import { startSandbox } from './index.ts';
import type { TestAction } from './testkit.ts';
import { apiResponse, buildBody, callApi, cntabsoluteOf, post, recordsOf, resultAt, signAction } from './testkit.ts';

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

const T0 = 1_800_000_000_000;
const NOW = T0 / 1000;
const readEstates: TestAction = { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], listlimit: 2 } };

describe('signatures', () => {
  it('accepts HMAC v2 and answers 200/0/OK with one result per action', async () => {
    const { sb, user } = await start();
    const res = await callApi(sb.endpoint, user, [readEstates]);
    expect(res.status).toEqual({ code: 200, errorcode: 0, message: 'OK' });
    expect(res.response?.results).toHaveLength(1);
    expect(resultAt(res).status).toEqual({ errorcode: 0, message: 'OK' });
    expect(recordsOf(resultAt(res)).length).toBeGreaterThan(0);
  });

  it('accepts legacy HMAC v1 (no hmac_version), which signs the parameters too', async () => {
    const { sb, user } = await start();
    // Slashes and umlauts exercise PHP's json_encode escaping in the v1 signature.
    const spec: TestAction = {
      kind: 'read',
      resourcetype: 'estate',
      parameters: { listlimit: 5, data: ['objekttitel'], filter: { objekttitel: [{ op: 'like', val: '%ü%/%' }] } },
    };
    const action = signAction(user, spec, { version: 1 });
    expect(action).not.toHaveProperty('hmac_version');
    const ok = apiResponse(await post(sb.endpoint, JSON.stringify({ token: user.token, request: { actions: [action] } })));
    expect(resultAt(ok).status.errorcode).toBe(0);

    const altered = { ...action, parameters: { ...(action.parameters as object), listlimit: 6 } };
    const bad = apiResponse(await post(sb.endpoint, JSON.stringify({ token: user.token, request: { actions: [altered] } })));
    expect(resultAt(bad).status.errorcode).toBe(137);
  });

  it('signs only timestamp, token, resourcetype and actionid in v2', async () => {
    const { sb, user } = await start();
    const action = signAction(user, readEstates);
    const altered = { ...action, parameters: { data: ['objekttitel'], listlimit: 1 }, identifier: 'changed' };
    const res = apiResponse(await post(sb.endpoint, JSON.stringify({ token: user.token, request: { actions: [altered] } })));
    expect(resultAt(res).status.errorcode).toBe(0);
    expect(resultAt(res).identifier).toBe('changed');
  });

  it('accepts timestamp and hmac_version as strings', async () => {
    const { sb, user } = await start();
    const action = signAction(user, readEstates);
    const stringly = { ...action, timestamp: String(action.timestamp), hmac_version: '2' };
    const res = apiResponse(await post(sb.endpoint, JSON.stringify({ token: user.token, request: { actions: [stringly] } })));
    expect(resultAt(res).status.errorcode).toBe(0);
  });

  it('answers a tampered HMAC with 137 on the action while the top level stays 200/0/OK', async () => {
    const { sb, user } = await start();
    const good = signAction(user, readEstates);
    const hmac = String(good.hmac);
    const tampered = { ...signAction(user, { ...readEstates, identifier: 'x' }), hmac: `${hmac.startsWith('A') ? 'B' : 'A'}${hmac.slice(1)}` };
    const reply = await post(sb.endpoint, JSON.stringify({ token: user.token, request: { actions: [good, tampered] } }));
    expect(reply.status).toBe(200);
    const res = apiResponse(reply);
    expect(res.status).toEqual({ code: 200, errorcode: 0, message: 'OK' });
    expect(resultAt(res, 0).status.errorcode).toBe(0);
    expect(resultAt(res, 1).status).toEqual({ errorcode: 137, message: 'The HMAC is invalid' });
    expect(recordsOf(resultAt(res, 1))).toEqual([]);
  });

  it('says 97 at the top level for a failed action when switched, at start or later', async () => {
    const { sb, user } = await start({ unknowns: { topLevelOnActionFailure: 97 } });
    const wrong = { token: user.token, secret: user.secret.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) };
    const res = await callApi(sb.endpoint, wrong, [readEstates]);
    expect(res.status).toMatchObject({ code: 200, errorcode: 97 });
    expect(resultAt(res).status.errorcode).toBe(137);
    sb.control.setUnknowns({ topLevelOnActionFailure: 0 });
    expect((await callApi(sb.endpoint, wrong, [readEstates])).status.errorcode).toBe(0);
  });

  it('rejects an unknown token at the top level, without a response key (HTTP 200 by default)', async () => {
    const { sb, user } = await start();
    const reply = await post(sb.endpoint, buildBody({ token: 'x'.repeat(32), secret: user.secret }, [readEstates]));
    expect(reply.status).toBe(200);
    const res = apiResponse(reply);
    expect(res.status).toEqual({ code: 400, errorcode: 22, message: 'Not authenticated' });
    expect(res).not.toHaveProperty('response');
  });

  it('rejects a deactivated API user with 104', async () => {
    const { sb, user } = await start();
    const credential = sb.control.tenant('healthy-website').credentials.find((c) => c.token === user.token);
    if (!credential) throw new Error('no credential');
    credential.state = 'inactive';
    const res = await callApi(sb.endpoint, user, [readEstates]);
    expect(res.status).toMatchObject({ code: 400, errorcode: 104 });
    expect(res).not.toHaveProperty('response');
  });
});

describe('timestamp window (±120 s of server time)', () => {
  it.each([
    [-121, 136],
    [-120, 0],
    [0, 0],
    [120, 0],
    [121, 136],
  ])('timestamp %i s from server time gives %i', async (delta, expected) => {
    const { sb, user } = await start({ clock: () => T0 });
    const res = await callApi(sb.endpoint, user, [readEstates], { timestamp: NOW + delta });
    expect(resultAt(res).status.errorcode).toBe(expected);
    expect(res.status.errorcode).toBe(0);
  });

  it('judges against server time: the tenant clock offset moves the window', async () => {
    const { sb, user } = await start({ clock: () => T0 });
    sb.control.setClockOffset('healthy-website', 300);
    expect(resultAt(await callApi(sb.endpoint, user, [readEstates], { timestamp: NOW })).status.errorcode).toBe(136);
    expect(resultAt(await callApi(sb.endpoint, user, [readEstates], { timestamp: NOW + 300 })).status.errorcode).toBe(0);
  });
});

describe('structure errors reject the whole request', () => {
  const action = (overrides: Record<string, unknown>): string =>
    JSON.stringify({
      token: 't'.repeat(32),
      request: { actions: [{ actionid: ACTION_URN.read, resourceid: '', resourcetype: 'estate', identifier: '', timestamp: 1, hmac: 'x', parameters: {}, ...overrides }] },
    });
  it.each([
    ['empty body', '', 9],
    ['broken JSON', '{"token": "abc", ', 4],
    ['JSON that is not an object', '[1,2]', 4],
    ['missing token', JSON.stringify({ request: { actions: [] } }), 13],
    ['missing request', JSON.stringify({ token: 't' }), 14],
    ['empty actions', JSON.stringify({ token: 't', request: { actions: [] } }), 15],
    ['action not an object', JSON.stringify({ token: 't', request: { actions: ['read'] } }), 15],
    ['missing actionid', action({ actionid: undefined }), 16],
    ['actionid not a URN', action({ actionid: 'read' }), 17],
    ['resourceid an object', action({ resourceid: { id: 1 } }), 18],
    ['missing resourcetype', action({ resourcetype: undefined }), 19],
    ['parameters a string', action({ parameters: 'data=Id' }), 20],
  ])('%s → errorcode %i', async (_label, body, errorcode) => {
    const { sb } = await start();
    const reply = await post(sb.endpoint, body);
    expect(reply.status).toBe(200);
    const res = apiResponse(reply);
    expect(res.status.errorcode).toBe(errorcode);
    expect(res.status.code).toBe(400);
    expect(res).not.toHaveProperty('response');
  });

  it('accepts parameters sent as [] (PHP encodes an empty parameter array so)', async () => {
    const { sb, user } = await start();
    const signed = signAction(user, { kind: 'read', resourcetype: 'basicsettings' }, { version: 1 });
    const res = apiResponse(await post(sb.endpoint, JSON.stringify({ token: user.token, request: { actions: [{ ...signed, parameters: [] }] } })));
    expect(resultAt(res).status.errorcode).toBe(0);
  });
});

describe('per-action results', () => {
  it('echoes actionid, resourceid, resourcetype and identifier, in request order', async () => {
    const { sb, user } = await start();
    const estateId = sb.control.tenant('healthy-website').estates[0]?.Id;
    const specs: TestAction[] = [
      { kind: 'get', resourcetype: 'users', identifier: 'first', parameters: { userfilter: 'onlyOwn' } },
      { kind: 'read', resourcetype: 'estate', resourceid: String(estateId), identifier: 'second', parameters: { data: ['Id'] } },
      { kind: 'read', resourcetype: 'basicsettings', identifier: 'third' },
    ];
    const res = await callApi(sb.endpoint, user, specs);
    const results = res.response?.results ?? [];
    expect(results.map((r) => [r.actionid, r.resourceid, r.resourcetype, r.identifier])).toEqual(
      specs.map((s) => [ACTION_URN[s.kind], s.resourceid ?? '', s.resourcetype, s.identifier]),
    );
    for (const r of results) expect(typeof r.cacheable).toBe('boolean');
    expect(recordsOf(results[1] as (typeof results)[number])[0]?.id).toBe(estateId);
  });

  it('answers unknown resources with 25 and unconfigured actions with 23, and the batch goes on', async () => {
    const { sb, user } = await start();
    const res = await callApi(sb.endpoint, user, [
      { kind: 'read', resourcetype: 'spaceship' },
      { kind: 'delete', resourcetype: 'estate', resourceid: '1' },
      readEstates,
    ]);
    expect(res.response?.results.map((r) => r.status.errorcode)).toEqual([25, 23, 0]);
  });

  it('answers an action URN of an unknown kind with 23', async () => {
    const { sb, user } = await start();
    const actionid = ACTION_URN.read.replace(/read$/, 'frobnicate');
    const timestamp = Math.floor(Date.now() / 1000);
    const action = {
      actionid, resourceid: '', resourcetype: 'estate', identifier: '', timestamp, hmac_version: 2,
      hmac: hmacV2({ ...user, timestamp, resourcetype: 'estate', actionid }), parameters: {},
    };
    const res = apiResponse(await post(sb.endpoint, JSON.stringify({ token: user.token, request: { actions: [action] } })));
    expect(resultAt(res).status.errorcode).toBe(23);
  });

  it('shapes a failed action\'s data by the failedActionData switch', async () => {
    const { sb, user } = await start();
    const unknown: TestAction = { kind: 'read', resourcetype: 'spaceship' };
    expect(cntabsoluteOf(resultAt(await callApi(sb.endpoint, user, [unknown])))).toBeNull();
    sb.control.setUnknowns({ failedActionData: 'empty-array' });
    expect(resultAt(await callApi(sb.endpoint, user, [unknown])).data).toEqual([]);
  });
});
