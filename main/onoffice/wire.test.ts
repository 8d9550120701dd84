import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_URN, actionKindOf, buildRequest, parseResponse, signAction, type WireAction } from './wire.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/recorded-results');

describe('request envelope', () => {
  it("matches the official SDK's request for vector B (key order aside)", () => {
    const sdk = JSON.parse(
      '{"token":"testtoken","request":{"actions":[{"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","identifier":null,"parameters":{"allusers":false,"dateend":"25-03-2022 02:17:53","datestart":"25-03-2022 02:17:53","showcancelled":true},"resourceid":"","resourcetype":"calendar","timestamp":1646228220,"hmac_version":2,"hmac":"w6ifKMmAdJoKhu0vl2twvfP+ltyOTQ7LqLpvsZkOnlg="}]}}',
    );
    const ours = buildRequest(
      [
        {
          kind: 'read',
          resourcetype: 'calendar',
          parameters: { showcancelled: true, datestart: '25-03-2022 02:17:53', allusers: false, dateend: '25-03-2022 02:17:53' },
        },
      ],
      { token: 'testtoken', secret: 'testsecret' },
      () => 1646228220,
    );
    expect(JSON.parse(JSON.stringify(ours))).toEqual(sdk);
    expect(Object.keys(ours.request.actions[0]?.parameters ?? {})).toEqual(['allusers', 'dateend', 'datestart', 'showcancelled']);
  });

  it('takes the timestamp once per action and signs each action on its own', () => {
    let t = 1_700_000_000.9;
    const calls: number[] = [];
    const req = buildRequest(
      [
        { kind: 'read', resourcetype: 'estate', identifier: 'x' },
        { kind: 'get', resourcetype: 'users', parameters: {} },
      ],
      { token: 'tok', secret: 'sec' },
      () => {
        calls.push(t);
        return (t += 1);
      },
    );
    expect(calls).toHaveLength(2);
    const [a, b] = req.request.actions as [WireAction, WireAction];
    expect(a.timestamp).toBe(1_700_000_001);
    expect(b.timestamp).toBe(1_700_000_002);
    expect(a.hmac).toBe(signAction({ kind: 'read', resourcetype: 'estate' }, { token: 'tok', secret: 'sec' }, 1_700_000_001).hmac);
    expect(a.identifier).toBe('x');
    expect(b.actionid).toBe(ACTION_URN.get);
    expect(a).not.toHaveProperty('parameters.timestamp');
    expect(req.token).toBe('tok');
    expect(JSON.stringify(req)).not.toContain('sec"');
  });

  it("puts a marketplace API user's claim into every action's parameters as extendedclaim, sorted like the others", () => {
    const marketplace = { token: 'tok', secret: 'sec', apiClaim: 'claim-0123456789' };
    const req = buildRequest(
      [
        { kind: 'read', resourcetype: 'estate', parameters: { listlimit: 5, data: ['Id'] } },
        { kind: 'get', resourcetype: 'users' },
        { kind: 'do', resourcetype: 'unlockProvider', parameters: { parameterCacheId: 'p', extendedclaim: 'typed by hand' } },
      ],
      marketplace,
      () => 1_700_000_000,
    );
    const [read, get, unlock] = req.request.actions as [WireAction, WireAction, WireAction];
    expect(Object.keys(read.parameters)).toEqual(['data', 'extendedclaim', 'listlimit']);
    for (const action of [read, get, unlock]) expect(action.parameters.extendedclaim).toBe(marketplace.apiClaim);
    expect(read).not.toHaveProperty('extendedclaim');
    // v2 signs neither parameters nor the claim: the signature is the one without a claim.
    expect(read.hmac).toBe(signAction({ kind: 'read', resourcetype: 'estate' }, { token: 'tok', secret: 'sec' }, 1_700_000_000).hmac);
  });

  it('sends no extendedclaim without a claim', () => {
    const req = buildRequest([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }, { kind: 'get', resourcetype: 'users' }], { token: 'tok', secret: 'sec' }, () => 1);
    expect(JSON.stringify(req)).not.toContain('extendedclaim');
  });

  it('knows the six action URNs and nothing else', () => {
    expect(actionKindOf(ACTION_URN.do)).toBe('do');
    expect(actionKindOf('urn:onoffice-de-ns:smart:2.5:smartml:action:drop')).toBeUndefined();
    expect(actionKindOf('read')).toBeUndefined();
  });
});

const sent = (n: number, resourcetype = 'estate'): WireAction[] =>
  Array.from({ length: n }, (_, i) => signAction({ kind: 'read', resourcetype, identifier: `a${i + 1}` }, { token: 't', secret: 's' }, 1));

const envelope = (results: unknown[], status = { code: 200, errorcode: 0, message: 'OK' }) => JSON.stringify({ status, response: { results } });

describe('response parsing', () => {
  it('parses every recorded real result', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const raw = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
      const result = 'response' in raw && 'parameters' in raw ? raw.response : raw;
      const parsed = parseResponse(200, envelope([result]), sent(1, result.resourcetype));
      expect(parsed.ok, file).toBe(true);
      if (!parsed.ok) continue;
      const r = parsed.results[0];
      expect(r?.ok, file).toBe(true);
      if (!r?.ok) continue;
      expect(r.records.length, file).toBe(result.data.records.length);
      for (const rec of r.records) expect(typeof rec.id, file).toBe('string');
      expect(r.cntabsolute, file).toBe(result.data.meta.cntabsolute ?? null);
      expect(r.cacheable, file).toBe(result.cacheable === true);
    }
  });

  it('keeps null types, array elements and string ids as they are', () => {
    const parsed = parseResponse(
      200,
      envelope([
        { status: { errorcode: 0, message: 'OK' }, cacheable: false, data: { meta: { cntabsolute: null }, records: [{ id: 'impressum', type: null, elements: ['153', '154'] }] } },
      ]),
      sent(1),
    );
    expect(parsed).toMatchObject({ ok: true, results: [{ ok: true, cntabsolute: null, records: [{ id: 'impressum', type: null, elements: ['153', '154'] }] }] });
  });

  it('reports an action failure inside a 200/0/OK envelope (the observed HMAC shape)', () => {
    const parsed = parseResponse(
      200,
      envelope([
        { status: { errorcode: 0, message: 'OK' }, data: { meta: { cntabsolute: 1 }, records: [] } },
        { status: { errorcode: 137, message: 'The HMAC is invalid' } },
      ]),
      sent(2),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.results[0]?.ok).toBe(true);
    expect(parsed.results[1]).toMatchObject({ ok: false, errorcode: 137, message: 'The HMAC is invalid', identifier: 'a2' });
  });

  it('accepts `data: []` (PHP\'s empty array) on failed and successful actions', () => {
    const parsed = parseResponse(
      200,
      envelope([
        { status: { errorcode: 80, message: 'Unknown record' }, data: [] },
        { status: { errorcode: 0, message: 'OK' }, data: [] },
      ]),
      sent(2),
    );
    expect(parsed).toMatchObject({ ok: true, results: [{ ok: false, errorcode: 80 }, { ok: true, records: [], cntabsolute: null }] });
  });

  it('lets errorcode 97 through to the per-action statuses', () => {
    const parsed = parseResponse(200, envelope([{ status: { errorcode: '137', message: 'The HMAC is invalid' } }], { code: 200, errorcode: 97, message: 'error in action' }), sent(1));
    expect(parsed).toMatchObject({ ok: true, results: [{ ok: false, errorcode: 137 }] });
  });

  it('types a top-level failure without a response key', () => {
    expect(parseResponse(200, '{"status":{"code":500,"errorcode":41,"message":"Customer unknown!"}}', sent(1))).toEqual({
      ok: false,
      error: { kind: 'api', httpStatus: 200, code: 500, errorcode: 41, message: 'Customer unknown!', top: { code: 500, errorcode: 41, message: 'Customer unknown!' } },
    });
    expect(parseResponse(200, '{"status":{"code":400,"errorcode":22,"message":"Not authenticated"}}', sent(1))).toMatchObject({
      ok: false,
      error: { kind: 'api', code: 400, errorcode: 22 },
    });
  });

  it('turns broken JSON, HTML pages, empty bodies and wrong shapes into malformed errors', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"status":', /invalid JSON/],
      ['<html><body>502 Bad Gateway</body></html>', /HTML/],
      ['', /empty/],
      ['[1,2,3]', /unexpected shape/],
      ['{"status":{"code":"abc"}}', /unexpected shape/],
      ['null', /unexpected shape/],
      [envelope([{ data: {} }]), /unexpected shape/],
    ];
    for (const [body, reason] of cases) {
      const parsed = parseResponse(200, body, sent(1));
      expect(parsed.ok, body).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.error.kind, body).toBe('malformed');
      if (parsed.error.kind === 'malformed') expect(parsed.error.reason, body).toMatch(reason);
      if (parsed.error.kind === 'malformed') expect(parsed.error.hasStatus, body).toBe(false);
    }
  });

  it('judges the body, not the HTTP status, and passes the status on', () => {
    expect(parseResponse(400, '{"status":{"code":400,"errorcode":22,"message":"Not authenticated"}}', sent(1))).toMatchObject({
      ok: false,
      error: { kind: 'api', httpStatus: 400, errorcode: 22 },
    });
    expect(parseResponse(500, envelope([{ status: { errorcode: 0, message: 'OK' }, data: { records: [] } }]), sent(1))).toMatchObject({ ok: true });
  });

  it('refuses a result count that does not match the actions sent', () => {
    const one = { status: { errorcode: 0, message: 'OK' }, data: { records: [] } };
    expect(parseResponse(200, envelope([one]), sent(2))).toMatchObject({ ok: false, error: { kind: 'malformed', reason: 'expected 2 result(s), got 1', hasStatus: true } });
    expect(parseResponse(200, envelope([one, one, one]), sent(2))).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });

  it('bounds the snippet of a huge bad body', () => {
    const parsed = parseResponse(200, `<html>${'x'.repeat(100_000)}`, sent(1));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok && parsed.error.kind === 'malformed') expect(parsed.error.snippet.length).toBeLessThanOrEqual(161);
  });
});
