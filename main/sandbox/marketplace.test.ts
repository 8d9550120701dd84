import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketplaceActivation, SandboxApiUser, SandboxHandle } from './index.ts';
import { startSandbox } from './index.ts';
import type { TestAction } from './testkit.ts';
import { buildBody, callApi, post, recordsOf, resultAt } from './testkit.ts';

let sb: SandboxHandle;
let user: SandboxApiUser;
let activation: MarketplaceActivation;
beforeAll(async () => {
  sb = await startSandbox({ scenarios: ['marketplace-provider', 'healthy-website'], seed: 4 });
  const found = sb.apiUsers.find((u) => u.scenario === 'marketplace-provider');
  const act = sb.control.tenant('marketplace-provider').activations[0];
  if (!found || !act) throw new Error('no marketplace API user');
  user = found;
  activation = act;
});
afterAll(() => sb.stop());

const readEstates = (extendedclaim?: unknown): TestAction => ({
  kind: 'read',
  resourcetype: 'estate',
  parameters: { data: ['Id', 'veroeffentlichen'], listlimit: 5, ...(extendedclaim === undefined ? {} : { extendedclaim }) },
});
const codes = async (creds: SandboxApiUser, specs: TestAction[]) =>
  (await callApi(sb.endpoint, creds, specs)).response?.results.map((r) => r.status) ?? [];

describe('a marketplace API user', () => {
  it('is handed out with the latest apiClaim of the activation that created it', () => {
    expect(activation).toMatchObject({ userId: user.userId, apiClaim: user.apiClaim });
    expect(activation.outdatedClaims.length).toBeGreaterThan(0);
    expect(activation.outdatedClaims).not.toContain(user.apiClaim);
    expect(sb.apiUsers.find((u) => u.scenario === 'healthy-website')).not.toHaveProperty('apiClaim');
  });

  it('must send the latest apiClaim as extendedclaim: 193 without, 201 an outdated one, 248 any other', async () => {
    expect(await codes(user, [readEstates(), readEstates(''), readEstates(42), readEstates(activation.outdatedClaims[0]), readEstates('no-such-claim'), readEstates(user.apiClaim)])).toEqual([
      { errorcode: 193, message: 'extendedclaim required or invalid' },
      { errorcode: 193, message: 'extendedclaim required or invalid' },
      { errorcode: 193, message: 'extendedclaim required or invalid' },
      { errorcode: 201, message: 'extendedclaim outdated' },
      { errorcode: 248, message: 'No matching extendedclaim' },
      { errorcode: 0, message: 'OK' },
    ]);
    const ok = resultAt(await callApi(sb.endpoint, user, [readEstates(user.apiClaim)]));
    expect(recordsOf(ok).length).toBeGreaterThan(0);
  });

  it('cannot read the log or other users (240), with the right claim; its own user record it can', async () => {
    const claim = { extendedclaim: user.apiClaim };
    const other = sb.control.tenant('marketplace-provider').users.find((u) => u.kind === 'user' && u.active);
    const readUser = (id: number | undefined): TestAction => ({ kind: 'read', resourcetype: 'user', resourceid: String(id), parameters: { data: ['Name'], ...claim } });
    const closed = { errorcode: 240, message: 'Call not allowed for marketplace API users' };
    expect(await codes(user, [{ kind: 'read', resourcetype: 'log', parameters: { listlimit: 5, ...claim } }, readUser(other?.id), readUser(user.userId)])).toEqual([
      closed,
      closed,
      { errorcode: 0, message: 'OK' },
    ]);
    // The claim is judged first: a closed call without it fails for the claim.
    expect((await codes(user, [{ kind: 'read', resourcetype: 'log', parameters: { listlimit: 5 } }]))[0]?.errorcode).toBe(193);
  });

  it('is judged only once its signature holds', async () => {
    const reply = await post(sb.endpoint, buildBody({ token: user.token, secret: 'x'.repeat(64) }, [readEstates()]));
    expect(resultAt(JSON.parse(reply.text)).status.errorcode).toBe(137);
  });

  it('unlocks the provider with its parameterCacheId (177 for another, 167 without)', async () => {
    const unlock = (parameters: Record<string, unknown>): TestAction => ({ kind: 'do', resourcetype: 'unlockProvider', parameters: { extendedclaim: user.apiClaim, isRegularCustomer: 1, ...parameters } });
    const res = await callApi(sb.endpoint, user, [unlock({ parameterCacheId: activation.parameterCacheId }), unlock({ parameterCacheId: 'f'.repeat(32) }), unlock({})]);
    expect(recordsOf(resultAt(res, 0))).toEqual([{ id: 0, type: '', elements: { success: 'success' } }]);
    expect(res.response?.results.map((r) => r.status)).toEqual([
      { errorcode: 0, message: 'OK' },
      { errorcode: 177, message: 'Invalid parameter cache' },
      { errorcode: 167, message: 'Missing parameter "parameterCacheId"' },
    ]);
  });
});

describe('other API users', () => {
  it('need no extendedclaim and are not bothered by one', async () => {
    const website = sb.apiUsers.find((u) => u.scenario === 'healthy-website') as SandboxApiUser;
    const log = (extendedclaim?: string): TestAction => ({ kind: 'read', resourcetype: 'log', parameters: { listlimit: 1, ...(extendedclaim ? { extendedclaim } : {}) } });
    expect((await codes(website, [readEstates(), readEstates(user.apiClaim), log()])).map((s) => s.errorcode)).toEqual([0, 0, 253]);
    // unlockProvider is for activations only.
    expect((await codes(website, [{ kind: 'do', resourcetype: 'unlockProvider', parameters: { parameterCacheId: activation.parameterCacheId } }]))[0]?.errorcode).toBe(177);
  });
});
