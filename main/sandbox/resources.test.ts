import { afterEach, describe, expect, it } from 'vitest';
import type { Estate, Picture, SandboxApiUser, SandboxHandle, SandboxOptions, Tenant } from './index.ts';
import { ESTATE_VARIETY, INACTIVE_FIELDS, startSandbox } from './index.ts';
import type { TestAction } from './testkit.ts';
import { callApi, cntabsoluteOf, elementsOf, recordsOf } from './testkit.ts';
import type { ActionResult } from './envelope.ts';

let sandbox: SandboxHandle | null = null;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = null;
});

interface Fixture {
  sb: SandboxHandle;
  user: SandboxApiUser;
  tenant: Tenant;
  call: (...specs: TestAction[]) => Promise<ActionResult[]>;
  one: (spec: TestAction) => Promise<ActionResult>;
}

async function start(scenario = 'healthy-website', options: SandboxOptions = {}): Promise<Fixture> {
  const sb = await startSandbox({ scenarios: [scenario], ...options });
  sandbox = sb;
  const user = sb.apiUsers[0];
  if (!user) throw new Error('no API user');
  const call = async (...specs: TestAction[]): Promise<ActionResult[]> => (await callApi(sb.endpoint, user, specs)).response?.results ?? [];
  const one = async (spec: TestAction): Promise<ActionResult> => {
    const [result] = await call(spec);
    if (!result) throw new Error('no result');
    return result;
  };
  return { sb, user, tenant: sb.control.tenant(scenario), call, one };
}

const ids = (result: ActionResult): (number | string)[] => recordsOf(result).map((r) => r.id);
const apiUser = (f: Fixture) => {
  const u = f.tenant.users.find((x) => x.id === f.user.userId);
  if (!u) throw new Error('API user missing from tenant');
  return u;
};

describe('read estate', () => {
  it('filters, sorts, limits and counts, with string values', async () => {
    const f = await start();
    const sales = f.tenant.estates.filter((e) => e.vermarktungsart === 'kauf');
    expect(sales.length).toBeGreaterThan(3);
    const expected = [...sales].sort((a, b) => (b.kaufpreis ?? 0) - (a.kaufpreis ?? 0) || a.Id - b.Id).slice(0, 3);
    const result = await f.one({
      kind: 'read',
      resourcetype: 'estate',
      parameters: {
        data: ['objekttitel', 'kaufpreis', 'veroeffentlichen', 'status'],
        filter: { vermarktungsart: [{ op: '=', val: 'kauf' }] },
        sortby: { kaufpreis: 'DESC' },
        listlimit: 3,
      },
    });
    expect(result.status.errorcode).toBe(0);
    expect(cntabsoluteOf(result)).toBe(sales.length);
    expect(ids(result)).toEqual(expected.map((e) => e.Id));
    for (const [i, el] of elementsOf(result).entries()) {
      const e = expected[i];
      expect(Object.keys(el).sort()).toEqual(['Id', 'kaufpreis', 'objekttitel', 'status', 'veroeffentlichen']);
      for (const v of Object.values(el)) expect(typeof v).toBe('string');
      expect(el.veroeffentlichen).toBe(e?.veroeffentlichen);
      expect(Number(el.kaufpreis)).toBe(e?.kaufpreis);
      expect(el.status).toBe(String(e?.status));
    }
    expect(recordsOf(result).every((r) => r.type === 'estate')).toBe(true);
  });

  it('pages with listoffset and defaults to 20 records', async () => {
    const f = await start();
    const total = f.tenant.estates.length;
    expect(total).toBeGreaterThan(20);
    const all = [...f.tenant.estates].sort((a, b) => a.Id - b.Id).map((e) => e.Id);
    const [first, second, dflt] = await f.call(
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], listlimit: 10 } },
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], listlimit: 10, listoffset: 10 } },
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } },
    );
    expect([...ids(first as ActionResult), ...ids(second as ActionResult)]).toEqual(all.slice(0, 20));
    expect(recordsOf(dflt as ActionResult)).toHaveLength(20);
    expect(cntabsoluteOf(dflt as ActionResult)).toBe(total);
  });

  it('clamps listlimit above 500 and counts only with listlimit 0', async () => {
    const f = await start();
    const [big, none] = await f.call(
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], listlimit: 5000 } },
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], listlimit: 0 } },
    );
    expect(big?.status.errorcode).toBe(0);
    expect(recordsOf(big as ActionResult)).toHaveLength(f.tenant.estates.length);
    expect(recordsOf(none as ActionResult)).toEqual([]);
    expect(cntabsoluteOf(none as ActionResult)).toBe(f.tenant.estates.length);
  });

  it('supports the documented filter operators', async () => {
    const f = await start();
    const es = f.tenant.estates;
    const [lo, hi] = [es[2]?.Id ?? 0, es[8]?.Id ?? 0];
    const some = [es[1]?.Id, es[4]?.Id, es[7]?.Id] as number[];
    const cases: [Record<string, unknown>, number[]][] = [
      [{ Id: [{ op: 'between', val: [lo, hi] }] }, es.filter((e) => e.Id >= lo && e.Id <= hi).map((e) => e.Id)],
      [{ Id: [{ op: 'in', val: some }] }, some],
      [{ Id: [{ op: 'not in', val: some }] }, es.filter((e) => !some.includes(e.Id)).map((e) => e.Id)],
      [{ wohnflaeche: [{ op: '>=', val: 100 }] }, es.filter((e) => e.wohnflaeche >= 100).map((e) => e.Id)],
      [{ wohnflaeche: [{ op: '<', val: 100 }], veroeffentlichen: [{ op: '!=', val: 1 }] }, es.filter((e) => e.wohnflaeche < 100 && e.veroeffentlichen !== '1').map((e) => e.Id)],
      [{ objekttitel: [{ op: 'like', val: '%wohnung%' }] }, es.filter((e) => /wohnung/i.test(e.objekttitel)).map((e) => e.Id)],
    ];
    for (const [filter, expected] of cases) {
      const result = await f.one({ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], filter, listlimit: 500 } });
      expect(result.status.errorcode, JSON.stringify(filter)).toBe(0);
      expect(ids(result), JSON.stringify(filter)).toEqual([...expected].sort((a, b) => a - b));
    }
  });

  it('takes sortby as a field name with sortorder, as older clients send it', async () => {
    const f = await start();
    const result = await f.one({ kind: 'read', resourcetype: 'estate', parameters: { data: ['wohnflaeche'], sortby: 'wohnflaeche', sortorder: 'DESC', listlimit: 500 } });
    const areas = elementsOf(result).map((e) => Number(e.wohnflaeche));
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
  });

  it('rejects unknown fields (143), sort fields (212) and operators (20)', async () => {
    const f = await start();
    const results = await f.call(
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'nonsense'] } },
      { kind: 'read', resourcetype: 'estate', parameters: { filter: { nonsense: [{ op: '=', val: 1 }] } } },
      { kind: 'read', resourcetype: 'estate', parameters: { sortby: { nonsense: 'ASC' } } },
      { kind: 'read', resourcetype: 'estate', parameters: { filter: { Id: [{ op: '~', val: 1 }] } } },
    );
    expect(results.map((r) => r.status.errorcode)).toEqual([143, 143, 212, 20]);
  });

  it('adds mainLangId (null for main-language records) only when asked', async () => {
    const f = await start();
    const [plain, withLang] = await f.call(
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['objekttitel'], listlimit: 2 } },
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['objekttitel'], listlimit: 2, addMainLangId: true } },
    );
    expect(elementsOf(plain as ActionResult).every((e) => !('mainLangId' in e))).toBe(true);
    expect(elementsOf(withLang as ActionResult).map((e) => e.mainLangId)).toEqual([null, null]);
  });

  it('reads the main-language (DEU) records without estatelanguage and only the language versions with it', async () => {
    const f = await start();
    const versions = f.tenant.estates.flatMap((e) => e.languageVersions.map((v) => ({ main: e, v })));
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.length).toBeLessThan(f.tenant.estates.length);
    const read = (parameters: Record<string, unknown>): TestAction => ({ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'veroeffentlichen', 'objekttitel'], listlimit: 500, addMainLangId: true, ...parameters } });
    const [main, deu, eng, lower, fra] = await f.call(read({}), read({ estatelanguage: 'DEU' }), read({ estatelanguage: 'ENG' }), read({ estatelanguage: 'eng' }), read({ estatelanguage: 'FRA' }));
    expect(ids(main as ActionResult)).toEqual(f.tenant.estates.map((e) => e.Id));
    expect(elementsOf(main as ActionResult).every((e) => e.mainLangId === null)).toBe(true);
    expect(recordsOf(deu as ActionResult)).toEqual(recordsOf(main as ActionResult));
    const expected = [...versions].sort((a, b) => a.v.Id - b.v.Id);
    expect(ids(eng as ActionResult)).toEqual(expected.map((x) => x.v.Id));
    expect(elementsOf(eng as ActionResult)).toEqual(
      expected.map((x) => ({ Id: String(x.v.Id), veroeffentlichen: x.v.veroeffentlichen, objekttitel: x.v.objekttitel, mainLangId: String(x.main.Id) })),
    );
    expect(cntabsoluteOf(eng as ActionResult)).toBe(versions.length);
    expect(recordsOf(lower as ActionResult)).toEqual(recordsOf(eng as ActionResult));
    expect(recordsOf(fra as ActionResult)).toEqual([]);
  });

  it('gives a language version its own texts and publish flag and the main estate\'s other fields', async () => {
    const f = await start();
    const main = f.tenant.estates.find((e) => e.languageVersions.length > 0) as Estate;
    const version = main.languageVersions[0];
    const single = (estatelanguage?: string): TestAction => ({
      kind: 'read',
      resourcetype: 'estate',
      resourceid: String(version?.Id),
      parameters: { data: ['objekttitel', 'objektbeschreibung', 'kaufpreis', 'ort', 'status'], ...(estatelanguage ? { estatelanguage } : {}) },
    });
    const [eng, deu] = await f.call(single('ENG'), single());
    expect(elementsOf(eng as ActionResult)).toEqual([
      { Id: String(version?.Id), objekttitel: version?.objekttitel, objektbeschreibung: version?.objektbeschreibung, kaufpreis: main.kaufpreis === null ? '' : main.kaufpreis.toFixed(2), ort: main.ort, status: String(main.status) },
    ]);
    // Without estatelanguage a read looks among the main-language records only.
    expect(recordsOf(deu as ActionResult)).toEqual([]);
  });

  it('filters language versions by their own publish flag, and hides unpublished ones from a publish-restricted user', async () => {
    const f = await start();
    const versions = f.tenant.estates.flatMap((e) => e.languageVersions);
    const published = versions.filter((v) => v.veroeffentlichen === '1').map((v) => v.Id);
    expect(published.length).toBeGreaterThan(0);
    expect(published.length).toBeLessThan(versions.length);
    const read: TestAction = { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], estatelanguage: 'ENG', filter: { veroeffentlichen: [{ op: '=', val: 1 }] }, listlimit: 500 } };
    expect(ids(await f.one(read))).toEqual([...published].sort((a, b) => a - b));
    apiUser(f).onlyPublished = true;
    expect(ids(await f.one({ ...read, parameters: { data: ['Id'], estatelanguage: 'ENG', listlimit: 500 } }))).toEqual([...published].sort((a, b) => a - b));
  });

  it('reads expected estates by Id with status and marketing flags as strings', async () => {
    const f = await start('estate-variety');
    const wanted = [ESTATE_VARIETY.sold, ESTATE_VARIETY.inactive, ESTATE_VARIETY.archived, ESTATE_VARIETY.reference].map(
      (marker) => f.tenant.estates.find((e) => e.objektnr_extern === marker) as Estate,
    );
    const result = await f.one({
      kind: 'read',
      resourcetype: 'estate',
      parameters: { data: ['Id', 'veroeffentlichen', 'status', 'verkauft', 'reserviert', 'referenz'], filter: { Id: [{ op: 'in', val: [...wanted.map((e) => e.Id), 999999] }] }, listlimit: 100 },
    });
    expect(result.status.errorcode).toBe(0);
    expect(elementsOf(result)).toEqual(
      [...wanted]
        .sort((a, b) => a.Id - b.Id)
        .map((e) => ({ Id: String(e.Id), veroeffentlichen: e.veroeffentlichen, status: String(e.status), verkauft: e.verkauft, reserviert: e.reserviert, referenz: e.referenz })),
    );
    expect(new Set(elementsOf(result).map((e) => e.status))).toEqual(new Set(['0', '1', '2']));
  });

  it.each([true, false])('listsInactiveEstates=%s: lists include inactive and archived estates only when on; reads by id find them always', async (listsInactiveEstates) => {
    const f = await start('estate-variety', { unknowns: { listsInactiveEstates } });
    const inactive = f.tenant.estates.filter((e) => e.status !== 1);
    expect(new Set(inactive.map((e) => e.status))).toEqual(new Set([0, 2]));
    const listed = f.tenant.estates.filter((e) => listsInactiveEstates || e.status === 1).map((e) => e.Id);
    const [list, eng, single] = await f.call(
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'status'], listlimit: 500 } },
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], estatelanguage: 'ENG', listlimit: 500, addMainLangId: true } },
      { kind: 'read', resourcetype: 'estate', resourceid: String(inactive[0]?.Id), parameters: { data: ['status'] } },
    );
    expect(ids(list as ActionResult)).toEqual(listed);
    expect(cntabsoluteOf(list as ActionResult)).toBe(listed.length);
    const engMains = elementsOf(eng as ActionResult).map((e) => Number(e.mainLangId));
    expect(engMains.every((id) => listed.includes(id))).toBe(true);
    expect(engMains.some((id) => inactive.some((e) => e.Id === id))).toBe(listsInactiveEstates);
    expect(elementsOf(single as ActionResult)).toEqual([{ Id: String(inactive[0]?.Id), status: String(inactive[0]?.status) }]);
  });

  it('reads one estate by resourceid', async () => {
    const f = await start();
    const estate = f.tenant.estates[5];
    const result = await f.one({ kind: 'read', resourcetype: 'estate', resourceid: String(estate?.Id), parameters: { data: ['objekttitel'] } });
    expect(ids(result)).toEqual([estate?.Id]);
    expect(elementsOf(result)[0]?.objekttitel).toBe(estate?.objekttitel);
  });

  it.each([
    ['empty', 0],
    ['error-80', 80],
    ['error-149', 149],
    ['error-293', 293],
  ] as const)('answers a forbidden single read per the switch: %s', async (setting, code) => {
    const f = await start('only-published-some', { unknowns: { forbiddenRecordRead: setting } });
    const hidden = f.tenant.estates.find((e) => e.veroeffentlichen === '0');
    const result = await f.one({ kind: 'read', resourcetype: 'estate', resourceid: String(hidden?.Id), parameters: { data: ['Id'] } });
    expect(result.status.errorcode).toBe(code);
    expect(recordsOf(result)).toEqual([]);
  });

  it('logs reads only when switched on', async () => {
    const f = await start('healthy-website');
    const before = f.tenant.log.length;
    await f.one({ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } });
    expect(f.tenant.log).toHaveLength(before);
    f.sb.control.setUnknowns({ logRecordsReads: true });
    await f.one({ kind: 'read', resourcetype: 'address', parameters: { data: ['Name'] } });
    expect(f.tenant.log.at(-1)).toMatchObject({ action: 'read', module: 'address', userId: f.user.userId });
  });
});

describe('read address', () => {
  it('reads the asked recordids with a numeric id as recorded', async () => {
    const f = await start();
    const wanted = [f.tenant.addresses[3]?.Id, f.tenant.addresses[0]?.Id] as number[];
    const result = await f.one({ kind: 'read', resourcetype: 'address', parameters: { data: ['Vorname', 'Name', 'Email'], recordids: wanted } });
    expect(ids(result)).toEqual([...wanted].sort((a, b) => a - b));
    const first = f.tenant.addresses.find((a) => a.Id === ids(result)[0]);
    expect(elementsOf(result)[0]).toEqual({ id: first?.Id, Vorname: first?.Vorname, Name: first?.Name, Email: first?.Email });
    expect(cntabsoluteOf(result)).toBe(2);
  });

  it('sends KdNr as a number, as recorded', async () => {
    const f = await start();
    const address = f.tenant.addresses[2];
    const result = await f.one({ kind: 'read', resourcetype: 'address', parameters: { data: ['KdNr', 'Name'], recordids: [address?.Id] } });
    expect(elementsOf(result)).toEqual([{ id: address?.Id, KdNr: address?.KdNr, Name: address?.Name }]);
  });

  it('clamps listlimit above 500', async () => {
    const f = await start();
    const result = await f.one({ kind: 'read', resourcetype: 'address', parameters: { data: ['Name'], listlimit: 501 } });
    expect(result.status.errorcode).toBe(0);
    expect(recordsOf(result)).toHaveLength(f.tenant.addresses.length);
  });

  it('fails with 302 for more than 500 ids and 141 for unknown fields', async () => {
    const f = await start();
    const results = await f.call(
      { kind: 'read', resourcetype: 'address', parameters: { recordids: Array.from({ length: 501 }, (_, i) => i + 1) } },
      { kind: 'read', resourcetype: 'address', parameters: { data: ['Shoesize'] } },
    );
    expect(results.map((r) => r.status.errorcode)).toEqual([302, 141]);
  });
});

describe('settings, imprint and users', () => {
  it('reads basic settings like the recorded result', async () => {
    const f = await start();
    const result = await f.one({ kind: 'read', resourcetype: 'basicsettings', parameters: { data: { basicData: { characteristicsCi: ['color', 'claim'] } } } });
    expect(recordsOf(result)).toEqual([
      { id: f.tenant.customerId, type: null, elements: { basicData: { characteristicsCi: { color: f.tenant.basicSettings.color, claim: f.tenant.basicSettings.claim } } } },
    ]);
  });

  it('returns the imprint of the caller\'s office group', async () => {
    const f = await start();
    const read: TestAction = { kind: 'read', resourcetype: 'impressum', parameters: { data: ['firma', 'city'] } };
    const group = (id: number) => f.tenant.officeGroups.find((g) => g.id === id)?.imprint;
    expect(recordsOf(await f.one(read))[0]).toEqual({ id: 'impressum', type: null, elements: { firma: group(1)?.firma, city: group(1)?.city } });
    apiUser(f).officeGroupId = 2;
    expect(elementsOf(await f.one(read))[0]?.firma).toBe(group(2)?.firma);
    expect(group(2)?.firma).not.toBe(group(1)?.firma);
  });

  it('lists users by userfilter with exactly the documented elements', async () => {
    const f = await start();
    const active = f.tenant.users.filter((u) => u.active);
    const [own, group, byGroup, all] = await f.call(
      { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'onlyOwn' } },
      { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'ownOfficeGroupOrAll' } },
      { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'byGroupId', groupId: 2 } },
      { kind: 'get', resourcetype: 'users' },
    );
    const me = apiUser(f);
    expect(recordsOf(own as ActionResult)).toEqual([
      { id: me.id, type: null, elements: { id: me.id, username: me.userName, firstname: me.firstName, lastname: me.lastName, email: me.email } },
    ]);
    expect(cntabsoluteOf(own as ActionResult)).toBeNull();
    expect(ids(group as ActionResult)).toEqual(active.filter((u) => u.officeGroupId === 1).map((u) => u.id));
    expect(ids(byGroup as ActionResult)).toEqual(active.filter((u) => u.officeGroupId === 2).map((u) => u.id));
    expect(ids(all as ActionResult)).toEqual(active.map((u) => u.id));
    for (const el of elementsOf(all as ActionResult)) expect(Object.keys(el)).toEqual(['id', 'username', 'firstname', 'lastname', 'email']);
  });

  it.each([
    ['one', 'the caller only'],
    ['all', 'every active user'],
  ] as const)('usersOnlyOwn=%s: onlyOwn lists %s', async (usersOnlyOwn, _what) => {
    const f = await start('healthy-website', { unknowns: { usersOnlyOwn } });
    const active = f.tenant.users.filter((u) => u.active).map((u) => u.id);
    expect(active.length).toBeGreaterThan(1);
    const result = await f.one({ kind: 'get', resourcetype: 'users', parameters: { userfilter: 'onlyOwn' } });
    expect(ids(result)).toEqual(usersOnlyOwn === 'one' ? [f.user.userId] : active);
  });

  it('needs groupId with byGroupId (167) and a known userfilter (20)', async () => {
    const f = await start();
    const results = await f.call(
      { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'byGroupId' } },
      { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'byGroupId', groupId: 'first' } },
      { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'everyone' } },
    );
    expect(results.map((r) => r.status)).toEqual([
      { errorcode: 167, message: 'Missing parameter "groupId"' },
      expect.objectContaining({ errorcode: 20 }),
      expect.objectContaining({ errorcode: 20 }),
    ]);
  });

  it('reads the own user record, but others only with "read user data" (170)', async () => {
    const f = await start();
    const other = f.tenant.users.find((u) => u.kind === 'user' && u.active);
    const readUser = (id: number): TestAction => ({ kind: 'read', resourcetype: 'user', resourceid: String(id), parameters: { data: ['Nr', 'Name', 'Vorname', 'Nachname', 'email'] } });
    const [self, foreign, missing] = await f.call(readUser(f.user.userId), readUser(other?.id ?? 0), readUser(9999));
    expect(elementsOf(self as ActionResult)[0]).toMatchObject({ Nr: String(f.user.userId), Name: f.user.userName });
    expect(foreign?.status.errorcode).toBe(170);
    expect(missing?.status.errorcode).toBe(184);
    apiUser(f).readUserData = true;
    expect(elementsOf(await f.one(readUser(other?.id ?? 0)))[0]).toMatchObject({ Vorname: other?.firstName, email: other?.email });
  });
});

describe('get checkuserrecordsright', () => {
  it('returns the subset of recordIds the user holds the right on, as strings', async () => {
    const f = await start('only-own-rights');
    const all = f.tenant.estates.map((e) => e.Id);
    const own = f.tenant.estates.filter((e) => e.benutzer === f.user.userId).map((e) => String(e.Id));
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all.length);
    const check = (userid: number, action = 'read'): TestAction => ({
      kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action, module: 'estate', userid, recordIds: [...all, 999999] },
    });
    const staff = f.tenant.users.find((u) => u.kind === 'user' && u.active && u.rights.estate.read === 'all');
    const [mine, theirs, modify] = await f.call(check(f.user.userId), check(staff?.id ?? 0), check(f.user.userId, 'modify'));
    expect(recordsOf(mine as ActionResult)).toEqual([{ id: 0, type: '', elements: own }]);
    expect(cntabsoluteOf(mine as ActionResult)).toBe(1);
    expect(elementsOf(theirs as ActionResult)).toEqual([all.map(String)]);
    expect(recordsOf(modify as ActionResult)[0]?.elements).toEqual([]);
  });

  it('drops unpublished records for a restricted user only when switched', async () => {
    const f = await start('only-published-some');
    const all = f.tenant.estates.map((e) => e.Id);
    const published = f.tenant.estates.filter((e) => e.veroeffentlichen === '1').map((e) => String(e.Id));
    const check: TestAction = { kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action: 'read', module: 'estate', userid: f.user.userId, recordIds: all } };
    expect(recordsOf(await f.one(check))[0]?.elements).toEqual(all.map(String));
    f.sb.control.setUnknowns({ checkRightsHonoursPublish: true });
    expect(recordsOf(await f.one(check))[0]?.elements).toEqual(published);
  });

  it('checks the caller when userid is absent', async () => {
    const f = await start('only-own-rights');
    const all = f.tenant.estates.map((e) => e.Id);
    const own = f.tenant.estates.filter((e) => e.benutzer === f.user.userId).map((e) => String(e.Id));
    const result = await f.one({ kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action: 'read', module: 'estate', recordIds: all } });
    expect(recordsOf(result)[0]?.elements).toEqual(own);
  });

  it('needs action, module and recordIds (167), rejects unknown values (20) and users (184)', async () => {
    const f = await start();
    const check = (parameters: Record<string, unknown>): TestAction => ({ kind: 'get', resourcetype: 'checkuserrecordsright', parameters });
    const full = { action: 'read', module: 'estate', userid: f.user.userId, recordIds: [1] };
    const without = (name: string) => Object.fromEntries(Object.entries(full).filter(([k]) => k !== name));
    const results = await f.call(
      check(without('action')),
      check(without('module')),
      check(without('recordIds')),
      check({ ...full, action: '' }),
      check({ ...full, module: 'spaceship' }),
      check({ ...full, action: 'fly' }),
      check({ ...full, userid: 'me' }),
      check({ ...full, userid: 9999 }),
    );
    expect(results.map((r) => r.status.errorcode)).toEqual([167, 167, 167, 167, 20, 20, 20, 184]);
    expect(results.slice(0, 3).map((r) => r.status.message)).toEqual(['Missing parameter "action"', 'Missing parameter "module"', 'Missing parameter "recordIds"']);
  });
});

describe('get estatepictures', () => {
  it('returns only pictures released for the homepage, of readable estates, by category', async () => {
    const f = await start();
    const withPictures = f.tenant.estates.filter((e) => e.pictures.length > 0);
    const estateids = withPictures.map((e) => e.Id);
    const expected = withPictures.flatMap((e) => e.pictures.filter((p) => p.publishOnHomepage).map((p) => p.id));
    expect(expected.length).toBeLessThan(withPictures.flatMap((e) => e.pictures).length);
    const every = ['Titelbild', 'Foto', 'Foto_gross', 'Grundriss', 'Lageplan', 'Panorama'];
    const result = await f.one({ kind: 'get', resourcetype: 'estatepictures', parameters: { estateids, categories: every, size: '800x600' } });
    expect(ids(result)).toEqual(expected);
    const first = recordsOf(result)[0];
    expect(first?.type).toBe('files');
    expect(first?.elements).toEqual([expect.objectContaining({ estateid: expect.any(String), url: expect.stringContaining('800x600') })]);

    const titles = await f.one({ kind: 'get', resourcetype: 'estatepictures', parameters: { estateids, categories: ['titelbild'] } });
    const titleIds = withPictures.flatMap((e) => e.pictures.filter((p) => p.publishOnHomepage && p.category === 'Titelbild').map((p) => p.id));
    expect(titleIds.length).toBeGreaterThan(0);
    expect(ids(titles)).toEqual(titleIds);
  });

  it('needs non-empty estateids and categories (139)', async () => {
    const f = await start();
    const estateids = [f.tenant.estates[0]?.Id];
    const pictures = (parameters: Record<string, unknown>): TestAction => ({ kind: 'get', resourcetype: 'estatepictures', parameters });
    const results = await f.call(
      pictures({ estateids }),
      pictures({ categories: ['Foto'] }),
      pictures({ estateids: [], categories: ['Foto'] }),
      pictures({ estateids, categories: [] }),
      pictures({ estateids, categories: 'Foto' }),
      pictures({ estateids, categories: ['Foto'] }),
    );
    const missing = { errorcode: 139, message: 'Missing params "picture categories" or "estateids"' };
    expect(results.map((r) => r.status)).toEqual([missing, missing, missing, missing, missing, { errorcode: 0, message: 'OK' }]);
  });
});

describe('get file (estate files)', () => {
  const files = (parameters: Record<string, unknown>, resourceid = 'estate'): TestAction => ({ kind: 'get', resourcetype: 'file', resourceid, parameters });
  const flags = { showispublishedonhomepage: true, showpublicationstatus: true };
  const marked = (f: Fixture, marker: string): Estate => f.tenant.estates.find((e) => e.objektnr_extern === marker) as Estate;
  /** A picture of the given estate beyond its own, for paging tests. */
  const extra = (estate: Estate, id: number): Picture => ({
    id,
    category: 'Foto',
    title: 'Garten',
    text: '',
    originalName: `objekt-${estate.Id}-extra-${id}.jpg`,
    modified: 1_750_000_000,
    publishOnHomepage: false,
    portalIds: [],
    internal: false,
    documentAttribute: null,
  });

  it('lists every file of an estate with its metadata, internal ones included, release flags only when asked', async () => {
    const f = await start('estate-variety');
    const estate = marked(f, ESTATE_VARIETY.fine2);
    const [bare, flagged] = await f.call(files({ estateid: estate.Id }), files({ estateid: String(estate.Id), ...flags, listlimit: 100 }));
    expect(bare?.status.errorcode).toBe(0);
    expect(cntabsoluteOf(bare as ActionResult)).toBe(estate.pictures.length);
    expect(recordsOf(bare as ActionResult)).toEqual(
      estate.pictures.map((p, i) => ({
        id: p.id,
        type: 'file',
        elements: {
          type: p.category,
          position: i + 1,
          documentAttribute: p.documentAttribute,
          name: p.originalName,
          originalname: p.originalName,
          filename: expect.stringMatching(/^\d{14}-[0-9a-f]{8}\.(jpg|pdf)$/),
          fileSize: expect.any(Number),
          title: p.title,
          freetext: p.text,
          modified: p.modified,
          category: p.internal ? 'internal' : 'external',
        },
      })),
    );
    expect(elementsOf(bare as ActionResult).map((e) => e.category)).toEqual(['external', 'external', 'internal']);
    const elements = elementsOf(flagged as ActionResult);
    expect(elements.map((e) => e.ispublishedonhomepage)).toEqual([true, true, false]);
    expect(elements.at(-1)?.publicationstatus).toEqual([]);
  });

  it.each([
    ['object-of-arrays', { '12': ['ImmobilienScout24', 1], '15': ['Immowelt', 0], '31': ['Kleinanzeigen', 1] }],
    [
      'array-of-objects',
      [
        { portalid: 12, portalname: 'ImmobilienScout24', status: 1 },
        { portalid: 15, portalname: 'Immowelt', status: 0 },
        { portalid: 31, portalname: 'Kleinanzeigen', status: 1 },
      ],
    ],
  ] as const)('filePublicationStatusShape=%s: every active portal with the file\'s status, internal files []', async (filePublicationStatusShape, expected) => {
    const f = await start('estate-variety', { unknowns: { filePublicationStatusShape } });
    const estate = marked(f, ESTATE_VARIETY.fine2);
    const picture = estate.pictures[0] as Picture;
    picture.portalIds = [12, 31, 21];
    expect(f.tenant.portals.find((p) => p.id === 21)?.active).toBe(false);
    const result = await f.one(files({ estateid: estate.Id, showpublicationstatus: 1 }));
    const [first, , internal] = elementsOf(result);
    expect(first?.publicationstatus).toEqual(expected);
    expect(first).not.toHaveProperty('ispublishedonhomepage');
    expect(internal?.publicationstatus).toEqual([]);
  });

  it('tells released, portals-only, unreleased and missing pictures apart', async () => {
    const f = await start('estate-variety');
    const state = async (marker: string) => elementsOf(await f.one(files({ estateid: marked(f, marker).Id, ...flags, listlimit: 100 }))).map((e) => ({
      type: e.type,
      homepage: e.ispublishedonhomepage,
      portals: Object.values(e.publicationstatus as object).some((x: unknown) => Array.isArray(x) && x[1] === 1),
    }));
    expect(await state(ESTATE_VARIETY.fine1)).toEqual([{ type: 'Titelbild', homepage: true, portals: true }, { type: 'Foto', homepage: true, portals: true }]);
    expect(await state(ESTATE_VARIETY.picturesPortalsOnly)).toEqual([{ type: 'Titelbild', homepage: false, portals: true }, { type: 'Foto', homepage: false, portals: true }]);
    expect(await state(ESTATE_VARIETY.picturesNotReleased)).toEqual([{ type: 'Titelbild', homepage: false, portals: false }, { type: 'Foto', homepage: false, portals: false }]);
    expect(await state(ESTATE_VARIETY.noTitlePicture)).toEqual([{ type: 'Foto', homepage: true, portals: true }, { type: 'Foto', homepage: true, portals: true }]);
    expect(await state(ESTATE_VARIETY.noPictures)).toEqual([]);
  });

  it('pages with listlimit (default 20, at most 100) and listoffset', async () => {
    const f = await start('estate-variety');
    const estate = marked(f, ESTATE_VARIETY.fine1);
    for (let i = 0; i < 130; i++) estate.pictures.push(extra(estate, 90_000 + i));
    const all = estate.pictures.map((p) => p.id);
    const [dflt, max, offset] = await f.call(files({ estateid: estate.Id }), files({ estateid: estate.Id, listlimit: 500 }), files({ estateid: estate.Id, listlimit: 100, listoffset: 100 }));
    expect(ids(dflt as ActionResult)).toEqual(all.slice(0, 20));
    expect(ids(max as ActionResult)).toEqual(all.slice(0, 100));
    expect(ids(offset as ActionResult)).toEqual(all.slice(100));
    expect([dflt, max, offset].map((r) => cntabsoluteOf(r as ActionResult))).toEqual([132, 132, 132]);
  });

  it('narrows to one file by fileid or documentAttribute, with its content as base64', async () => {
    const f = await start('estate-variety');
    const estate = marked(f, ESTATE_VARIETY.fine2);
    const photo = estate.pictures[1] as Picture;
    const expose = estate.pictures.find((p) => p.documentAttribute === 'document_expose') as Picture;
    const [byId, byAttribute, list, none] = await f.call(
      files({ estateid: estate.Id, fileid: photo.id }),
      files({ estateid: estate.Id, documentAttribute: 'document_expose' }),
      files({ estateid: estate.Id }),
      files({ estateid: estate.Id, fileid: 1 }),
    );
    expect(ids(byId as ActionResult)).toEqual([photo.id]);
    expect(ids(byAttribute as ActionResult)).toEqual([expose.id]);
    for (const r of [byId, byAttribute]) expect(elementsOf(r as ActionResult)[0]?.content).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(elementsOf(list as ActionResult).every((e) => !('content' in e))).toBe(true);
    expect(recordsOf(none as ActionResult)).toEqual([]);
  });

  it('adds imageUrl in the asked size: small, medium or orginal (also spelt original)', async () => {
    const f = await start('estate-variety');
    const estate = marked(f, ESTATE_VARIETY.fine1);
    const picture = estate.pictures[0] as Picture;
    const results = await f.call(
      ...['small', 'medium', 'orginal', 'original'].map((includeImageUrl) => files({ estateid: estate.Id, fileid: picture.id, includeImageUrl })),
    );
    const urls = results.map((r) => elementsOf(r)[0]?.imageUrl);
    expect(urls).toEqual([expect.stringMatching(/_120\.jpg$/), expect.stringMatching(/_200\.jpg$/), expect.stringMatching(new RegExp(`/${picture.id}\\.jpg$`)), urls[2]]);
  });

  it('needs estateid (167) as an integer, known fileid and includeImageUrl values (20), and resourceid estate (24)', async () => {
    const f = await start('estate-variety');
    const estateid = f.tenant.estates[0]?.Id;
    const results = await f.call(
      files({ showispublishedonhomepage: true }),
      files({ estateid: '' }),
      files({ estateid: 'first' }),
      files({ estateid, fileid: 'x' }),
      files({ estateid, includeImageUrl: true }),
      files({ estateid, listlimit: -1 }),
      files({ addressid: 1 }, 'address'),
    );
    expect(results.map((r) => r.status.errorcode)).toEqual([167, 167, 20, 20, 20, 20, 24]);
    expect(results[0]?.status.message).toBe('Missing parameter "estateid"');
  });

  it.each([
    ['empty', 0],
    ['error-149', 149],
  ] as const)('answers files of an estate the user may not read like a forbidden record read: %s', async (forbiddenRecordRead, code) => {
    const f = await start('only-published-some', { unknowns: { forbiddenRecordRead } });
    const hidden = f.tenant.estates.find((e) => e.veroeffentlichen === '0' && e.pictures.length > 0) as Estate;
    const shown = f.tenant.estates.find((e) => e.veroeffentlichen === '1' && e.pictures.length > 0) as Estate;
    const [denied, allowed, unknown] = await f.call(files({ estateid: hidden.Id }), files({ estateid: shown.Id }), files({ estateid: 999999 }));
    expect(denied?.status.errorcode).toBe(code);
    expect(recordsOf(denied as ActionResult)).toEqual([]);
    expect(unknown?.status.errorcode).toBe(code);
    expect(ids(allowed as ActionResult)).toEqual(shown.pictures.map((p) => p.id));
    apiUser(f).rights.estate.read = 'none';
    expect((await f.one(files({ estateid: shown.Id }))).status.errorcode).toBe(code);
  });
});

describe('do sendmail', () => {
  const mail = (emailidentity: unknown, receiver: unknown): TestAction => ({
    kind: 'do',
    resourcetype: 'sendmail',
    parameters: { emailidentity, receiver, subject: 'Anfrage zu Objekt', body: 'Guten Tag, …' },
  });

  it('sends from an assigned identity into the outbox', async () => {
    const f = await start();
    const identity = f.tenant.mailboxes.find((m) => m.assignedUserIds.includes(f.user.userId))?.email;
    const result = await f.one(mail(identity, ['interessent@kunden.example']));
    expect(result.status.errorcode).toBe(0);
    expect(recordsOf(result)).toEqual([{ id: 0, type: '', elements: { success: 'success' } }]);
    expect(f.sb.control.outbox('healthy-website')).toEqual([
      expect.objectContaining({ from: identity, to: ['interessent@kunden.example'], subject: 'Anfrage zu Objekt', userId: f.user.userId }),
    ]);
  });

  it('checks identity and receivers', async () => {
    const f = await start();
    const own = f.tenant.mailboxes.find((m) => m.assignedUserIds.includes(f.user.userId))?.email;
    const foreign = f.tenant.mailboxes.find((m) => !m.assignedUserIds.includes(f.user.userId))?.email;
    const results = await f.call(
      mail('', ['a@kunden.example']),
      mail(own, undefined),
      mail(own, 'a@kunden.example'),
      mail(own, ['not an address']),
      mail(foreign, ['a@kunden.example']),
    );
    expect(results.map((r) => r.status.errorcode)).toEqual([50, 53, 52, 55, 51]);
    expect(f.sb.control.outbox('healthy-website')).toEqual([]);
  });

  it('sends from an inactive mailbox: "Postfach aktiv" only governs incoming mail', async () => {
    const f = await start();
    const mailbox = f.tenant.mailboxes.find((m) => m.assignedUserIds.includes(f.user.userId));
    if (mailbox) mailbox.active = false;
    expect((await f.one(mail(mailbox?.email, ['a@kunden.example']))).status.errorcode).toBe(0);
    expect(f.sb.control.outbox('healthy-website')).toHaveLength(1);
  });
});

describe('get emailInfo', () => {
  const probe = { messageId: '<probe@sandbox.example>', uid: 1, folder: 'INBOX' };
  const info = (parameters: Record<string, unknown>): TestAction => ({ kind: 'get', resourcetype: 'emailInfo', parameters });
  const identities = (f: Fixture) => ({
    own: f.tenant.mailboxes.find((m) => m.assignedUserIds.includes(f.user.userId))?.email,
    foreign: f.tenant.mailboxes.find((m) => !m.assignedUserIds.includes(f.user.userId))?.email,
  });

  it('needs emailIdentity (50), messageId (58), uid (59) and folder (60), checked in that order', async () => {
    const f = await start();
    const { own } = identities(f);
    const results = await f.call(
      info({}),
      info({ emailIdentity: own }),
      info({ emailIdentity: own, messageId: probe.messageId }),
      info({ emailIdentity: own, messageId: probe.messageId, uid: probe.uid }),
      info({ emailIdentity: '', ...probe }),
      info({ emailIdentity: own, ...probe, folder: '' }),
    );
    expect(results.map((r) => r.status)).toEqual([
      { errorcode: 50, message: 'Missing email identity' },
      { errorcode: 58, message: 'Missing message id' },
      { errorcode: 59, message: 'Missing email uid' },
      { errorcode: 60, message: 'Missing email folder' },
      { errorcode: 50, message: 'Missing email identity' },
      { errorcode: 60, message: 'Missing email folder' },
    ]);
  });

  it('answers a foreign identity with 51, or with no records when switched', async () => {
    const f = await start();
    const { foreign } = identities(f);
    expect((await f.one(info({ emailIdentity: foreign, ...probe }))).status).toEqual({ errorcode: 51, message: 'Invalid email identity' });
    f.sb.control.setUnknowns({ emailInfoWithoutMailbox: 'empty' });
    const empty = await f.one(info({ emailIdentity: foreign, ...probe }));
    expect(empty.status.errorcode).toBe(0);
    expect(recordsOf(empty)).toEqual([]);
  });

  it.each([
    [62, 'Email does not exist (anymore)'],
    [133, 'No email for given message id'],
    [276, 'Mail could not be found'],
    [283, 'Mail could not be found'],
  ] as const)('answers an accepted identity with "not found" per the switch: %i', async (code, message) => {
    const f = await start('healthy-website', { unknowns: { emailInfoAcceptedCode: code } });
    const { own } = identities(f);
    const result = await f.one(info({ emailIdentity: own?.toUpperCase(), ...probe }));
    expect(result.status).toEqual({ errorcode: code, message });
    expect(recordsOf(result)).toEqual([]);
  });

  it('defaults to 62 for an accepted identity, also for an inactive mailbox', async () => {
    const f = await start('inactive-mailbox');
    const { own } = identities(f);
    expect((await f.one(info({ emailIdentity: own, ...probe }))).status.errorcode).toBe(62);
  });
});

describe('read log', () => {
  it('is for Admins only (253)', async () => {
    const f = await start();
    expect((await f.one({ kind: 'read', resourcetype: 'log', parameters: { listlimit: 10 } })).status.errorcode).toBe(253);
  });

  it('needs listlimit (167), counts with 0, filters by user and dateTime between', async () => {
    const f = await start('admin-log-reader');
    const mine = f.tenant.log.filter((e) => e.userId === f.user.userId);
    expect(mine.length).toBeGreaterThan(0);
    const from = mine[1]?.dateTime ?? '';
    const to = mine.at(-1)?.dateTime ?? '';
    const [missing, count, byUser, between] = await f.call(
      { kind: 'read', resourcetype: 'log', parameters: {} },
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 0 } },
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 500, user: f.user.userId } },
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 500, user: f.user.userName, filter: { dateTime: [{ op: 'between', val: [from, to] }] } } },
    );
    expect(missing?.status).toEqual({ errorcode: 167, message: 'Missing parameter "listlimit"' });
    expect(recordsOf(count as ActionResult)).toEqual([]);
    expect(cntabsoluteOf(count as ActionResult)).toBe(f.tenant.log.length);
    expect(ids(byUser as ActionResult)).toEqual(mine.map((e) => e.id).sort((a, b) => a - b));
    const first = recordsOf(byUser as ActionResult)[0];
    expect(first?.type).toBe('Log');
    expect(first?.elements).toEqual(expect.objectContaining({ userId: String(f.user.userId), dateTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) }));
    const inRange = mine.filter((e) => e.dateTime >= from && e.dateTime <= to).map((e) => e.id);
    expect(ids(between as ActionResult)).toEqual(inRange);
    expect(inRange.length).toBeLessThan(mine.length);
  });

  it('ignores sortby: always oldest first, so recent entries come from a dateTime filter', async () => {
    const f = await start('admin-log-reader');
    const log = [...f.tenant.log].sort((a, b) => a.id - b.id);
    const since = log.at(-3)?.dateTime ?? '';
    const [sorted, recent] = await f.call(
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 3, sortby: { id: 'DESC' } } },
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 500, filter: { dateTime: [{ op: '>=', val: since }] } } },
    );
    expect(sorted?.status.errorcode).toBe(0);
    expect(ids(sorted as ActionResult)).toEqual(log.slice(0, 3).map((e) => e.id));
    expect(ids(recent as ActionResult)).toEqual(log.filter((e) => e.dateTime >= since).map((e) => e.id));
    expect(ids(recent as ActionResult).slice(-3)).toEqual(log.slice(-3).map((e) => e.id));
  });

  it('pages with listOffset (or listoffset), filters by module and action, and clamps listlimit to 500', async () => {
    const f = await start('admin-log-reader');
    const log = [...f.tenant.log].sort((a, b) => a.id - b.id);
    const [camel, lower, estates, creates, upTo] = await f.call(
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 2, listOffset: 3 } },
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 2, listoffset: 3 } },
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 500, module: 'estate' } },
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 500, action: 'create' } },
      { kind: 'read', resourcetype: 'log', parameters: { listlimit: 501, filter: { dateTime: [{ op: '<=', val: log[4]?.dateTime }] } } },
    );
    expect(ids(camel as ActionResult)).toEqual(log.slice(3, 5).map((e) => e.id));
    expect(ids(lower as ActionResult)).toEqual(ids(camel as ActionResult));
    expect(ids(estates as ActionResult)).toEqual(log.filter((e) => e.module === 'estate').map((e) => e.id));
    expect(ids(creates as ActionResult)).toEqual(log.filter((e) => e.action === 'create').map((e) => e.id));
    expect(upTo?.status.errorcode).toBe(0);
    expect(ids(upTo as ActionResult)).toEqual(log.filter((e) => e.dateTime <= (log[4]?.dateTime ?? '')).map((e) => e.id));
  });
});

describe('get filters', () => {
  it('lists the public, own office group\'s and own filters of a module', async () => {
    const f = await start();
    const me = apiUser(f);
    const visible = f.tenant.filters.filter(
      (x) => x.module === 'estate' && (x.scope === 'public' || (x.scope === 'office' && x.groupId === me.officeGroupId) || x.userId === me.id),
    );
    expect(f.tenant.filters.filter((x) => x.module === 'estate').length).toBeGreaterThan(visible.length);
    const result = await f.one({ kind: 'get', resourcetype: 'filters', parameters: { module: 'estate' } });
    expect(recordsOf(result)).toEqual(
      visible.map((x) => ({ id: x.id, type: 'filter', elements: { scope: x.scope, name: x.name, userId: x.userId, groupId: x.groupId } })),
    );
    expect(cntabsoluteOf(result)).toBe(visible.length);
  });

  it('needs module (167), one of estate and address (20)', async () => {
    const f = await start();
    const results = await f.call(
      { kind: 'get', resourcetype: 'filters', parameters: {} },
      { kind: 'get', resourcetype: 'filters', parameters: { module: 'calendar' } },
    );
    expect(results.map((r) => r.status)).toEqual([{ errorcode: 167, message: 'Missing parameter "module"' }, expect.objectContaining({ errorcode: 20 })]);
  });
});

describe('get idsfromrelation', () => {
  const CONTACT_PERSON = 'urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:contactPerson';
  const relation = (parameters: Record<string, unknown>): TestAction => ({ kind: 'get', resourcetype: 'idsfromrelation', parameters });

  it('maps every asked estate to its contact persons\' address ids, as strings', async () => {
    const f = await start();
    const linked = f.tenant.estates.filter((e) => e.contactPersonIds.length > 0).slice(0, 3);
    const unlinked = f.tenant.estates.find((e) => e.contactPersonIds.length === 0);
    expect(linked).toHaveLength(3);
    const asked = [...linked, unlinked].map((e) => e?.Id as number);
    const result = await f.one(relation({ relationtype: CONTACT_PERSON, parentids: asked }));
    expect(recordsOf(result)).toEqual([
      { id: 'relatedIds', type: '', elements: Object.fromEntries([...linked, unlinked].map((e) => [String(e?.Id), (e?.contactPersonIds ?? []).map(String)])) },
    ]);
    expect(cntabsoluteOf(result)).toBeNull();
  });

  it('maps asked addresses back to their estates with childids; other estate–address relations are empty', async () => {
    const f = await start();
    const broker = f.tenant.estates.find((e) => e.contactPersonIds.length > 0)?.contactPersonIds[0] as number;
    const estates = f.tenant.estates.filter((e) => e.contactPersonIds.includes(broker)).map((e) => String(e.Id));
    const [children, owners] = await f.call(
      relation({ relationtype: CONTACT_PERSON, childids: [broker] }),
      relation({ relationtype: CONTACT_PERSON.replace(/contactPerson$/, 'owner'), parentids: [f.tenant.estates[0]?.Id] }),
    );
    expect(elementsOf(children as ActionResult)).toEqual([{ [String(broker)]: estates }]);
    expect(elementsOf(owners as ActionResult)).toEqual([{ [String(f.tenant.estates[0]?.Id)]: [] }]);
  });

  it('needs relationtype (167) and exactly one of parentids and childids (20)', async () => {
    const f = await start();
    const id = f.tenant.estates[0]?.Id;
    const results = await f.call(
      relation({ parentids: [id] }),
      relation({ relationtype: 'urn:onoffice-de-ns:smart:2.5:relationTypes:spaceship:crew', parentids: [id] }),
      relation({ relationtype: CONTACT_PERSON }),
      relation({ relationtype: CONTACT_PERSON, parentids: [id], childids: [1] }),
    );
    expect(results.map((r) => r.status.errorcode)).toEqual([167, 20, 20, 20]);
    expect(results[0]?.status.message).toBe('Missing parameter "relationtype"');
  });
});

describe('get fields', () => {
  it('describes estate and address fields, labels on request, in German or English', async () => {
    const f = await start();
    const [de, en, bare] = await f.call(
      { kind: 'get', resourcetype: 'fields', parameters: { modules: ['estate', 'address'], labels: true, language: 'DEU' } },
      { kind: 'get', resourcetype: 'fields', parameters: { modules: ['estate'], labels: true, language: 'ENG' } },
      { kind: 'get', resourcetype: 'fields', parameters: { modules: ['address'] } },
    );
    expect(ids(de as ActionResult)).toEqual(['estate', 'address']);
    const estate = elementsOf(de as ActionResult)[0] as Record<string, Record<string, unknown>>;
    expect(estate.label).toBe('Immobilien');
    expect(estate.veroeffentlichen).toMatchObject({ type: 'boolean', label: 'Veröffentlichen' });
    expect((elementsOf(en as ActionResult)[0] as Record<string, Record<string, unknown>>).kaufpreis).toMatchObject({ type: 'float', label: 'Purchase price' });
    const address = elementsOf(bare as ActionResult)[0] as Record<string, Record<string, unknown>>;
    expect(address.label).toBeUndefined();
    expect(address.homepage_veroeffentlichen).toMatchObject({ type: 'boolean' });
    expect(cntabsoluteOf(de as ActionResult)).toBeNull();
  });
});

describe('custom and inactive fields', () => {
  it('lists custom ind_ fields like any other, and leaves inactive ones out', async () => {
    const f = await start();
    const [estate, address] = (
      await f.call(
        { kind: 'get', resourcetype: 'fields', parameters: { modules: ['estate'], labels: true, language: 'DEU' } },
        { kind: 'get', resourcetype: 'fields', parameters: { modules: ['address'], labels: true, language: 'ENG' } },
      )
    ).map((r) => elementsOf(r)[0] as Record<string, Record<string, unknown>>);
    expect(estate?.ind_2104_Feld_ObjTech1).toMatchObject({ type: 'boolean', label: 'Energieausweis liegt vor' });
    expect(estate?.ind_2106_Feld_ObjFreitexte2).toMatchObject({ type: 'text' });
    expect(address?.ind_2110_Feld_adressen1).toMatchObject({ type: 'singleselect', label: 'Contact source', permittedvalues: expect.objectContaining({ ind_Schl_3101: 'Website' }) });
    expect(INACTIVE_FIELDS.estate.length).toBeGreaterThan(0);
    expect(INACTIVE_FIELDS.estate.some((n) => n.startsWith('ind_')) && INACTIVE_FIELDS.address.some((n) => n.startsWith('ind_'))).toBe(true);
    for (const name of INACTIVE_FIELDS.estate) expect(estate).not.toHaveProperty(name);
    for (const name of INACTIVE_FIELDS.address) expect(address).not.toHaveProperty(name);
  });

  it('reads active custom fields, and fails on inactive ones as on unknown fields (143 estate, 141 address)', async () => {
    const f = await start();
    const [estateInd, addressInd, ...inactive] = await f.call(
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'ind_2104_Feld_ObjTech1', 'ind_2106_Feld_ObjFreitexte2'], listlimit: 1 } },
      { kind: 'read', resourcetype: 'address', parameters: { data: ['ind_2110_Feld_adressen1'], listlimit: 1 } },
      ...INACTIVE_FIELDS.estate.map((name): TestAction => ({ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', name] } })),
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], filter: { [INACTIVE_FIELDS.estate[0] as string]: [{ op: '=', val: 1 }] } } },
      ...INACTIVE_FIELDS.address.map((name): TestAction => ({ kind: 'read', resourcetype: 'address', parameters: { data: ['Name', name] } })),
    );
    expect(elementsOf(estateInd as ActionResult)[0]).toMatchObject({ ind_2104_Feld_ObjTech1: '0', ind_2106_Feld_ObjFreitexte2: '' });
    expect(elementsOf(addressInd as ActionResult)[0]).toMatchObject({ ind_2110_Feld_adressen1: '' });
    expect(inactive.map((r) => r.status.errorcode)).toEqual([...INACTIVE_FIELDS.estate.map(() => 143), 143, ...INACTIVE_FIELDS.address.map(() => 141)]);
    expect(inactive[0]?.status.message).toContain(INACTIVE_FIELDS.estate[0]);
  });
});

describe('record rights', () => {
  it('hide an address from users they do not name, in reads and in checkuserrecordsright', async () => {
    const f = await start('estate-variety');
    const restricted = f.tenant.addresses.find((a) => a.recordRightsUserIds !== null);
    expect(restricted?.recordRightsUserIds).not.toContain(f.user.userId);
    const other = f.tenant.addresses.find((a) => a.recordRightsUserIds === null) as Tenant['addresses'][number];
    const [read, single, check] = await f.call(
      { kind: 'read', resourcetype: 'address', parameters: { recordids: [restricted?.Id, other.Id], data: ['Id', 'homepage_veroeffentlichen'] } },
      { kind: 'read', resourcetype: 'address', resourceid: String(restricted?.Id), parameters: { data: ['Name'] } },
      { kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action: 'read', module: 'address', recordIds: [restricted?.Id, other.Id] } },
    );
    expect(ids(read as ActionResult)).toEqual([other.Id]);
    expect(recordsOf(single as ActionResult)).toEqual([]);
    expect(recordsOf(check as ActionResult)[0]?.elements).toEqual([String(other.Id)]);
    restricted?.recordRightsUserIds?.push(f.user.userId);
    expect(ids(await f.one({ kind: 'read', resourcetype: 'address', resourceid: String(restricted?.Id), parameters: { data: ['Name'] } }))).toEqual([restricted?.Id]);
  });
});

describe('writes', () => {
  it('creates an address owned by the API user, logs it, and needs the create right (131)', async () => {
    const f = await start();
    const result = await f.one({ kind: 'create', resourcetype: 'address', parameters: { Vorname: 'Jürgen', Name: 'Weiß', email: 'j.weiss@kunden.example', checkDuplicate: false } });
    expect(result.status.errorcode).toBe(0);
    const [record] = recordsOf(result);
    expect(record).toEqual({ id: expect.any(Number), type: 'address', elements: [] });
    expect(f.tenant.addresses.find((a) => a.Id === record?.id)).toMatchObject({ Vorname: 'Jürgen', Email: 'j.weiss@kunden.example', Benutzer: f.user.userId });
    expect(f.tenant.log.at(-1)).toMatchObject({ action: 'create', module: 'address', userId: f.user.userId, resourceId: record?.id });
    const read = await f.one({ kind: 'read', resourcetype: 'address', resourceid: String(record?.id), parameters: { data: ['Name'] } });
    expect(elementsOf(read)[0]).toMatchObject({ Name: 'Weiß' });

    apiUser(f).rights.address.create = 'none';
    expect((await f.one({ kind: 'create', resourcetype: 'address', parameters: { Name: 'X' } })).status.errorcode).toBe(131);
  });

  it('creates search criteria for an address (both spellings), 167 without addressid, 80 for an unknown address, 261 without the right', async () => {
    const f = await start();
    const addressid = f.tenant.addresses[0]?.Id;
    const create = (resourcetype: string, id: unknown): TestAction => ({ kind: 'create', resourcetype, parameters: { addressid: id, data: { vermarktungsart: 'kauf' } } });
    const [lower, camel, unknown] = await f.call(create('searchcriteria', addressid), create('searchCriteria', addressid), create('searchcriteria', 1));
    expect(recordsOf(lower as ActionResult)[0]).toEqual({ id: expect.any(Number), type: 'searchCriteria', elements: [] });
    expect(camel?.status.errorcode).toBe(0);
    expect(unknown?.status.errorcode).toBe(80);
    expect(f.tenant.searchCriteria).toHaveLength(2);
    expect((await f.one({ kind: 'create', resourcetype: 'searchcriteria', parameters: { data: {} } })).status).toEqual({ errorcode: 167, message: 'Missing parameter "addressid"' });
    apiUser(f).rights.searchCriteria.create = 'none';
    expect((await f.one(create('searchcriteria', addressid))).status.errorcode).toBe(261);
  });

  it('modifies an estate with the right (logged), 174 without, 262 on a record not the user\'s', async () => {
    const f = await start();
    const estate = f.tenant.estates[0];
    const modify: TestAction = { kind: 'modify', resourcetype: 'estate', resourceid: String(estate?.Id), parameters: { data: { veroeffentlichen: 0, objekttitel: 'Neu: Altbauwohnung' } } };
    expect((await f.one(modify)).status.errorcode).toBe(174);
    apiUser(f).rights.estate.modify = 'own';
    expect((await f.one(modify)).status.errorcode).toBe(262);
    apiUser(f).rights.estate.modify = 'all';
    const result = await f.one(modify);
    expect(result.status.errorcode).toBe(0);
    expect(recordsOf(result)[0]?.elements).toEqual({ success: 'success' });
    expect(estate).toMatchObject({ veroeffentlichen: '0', objekttitel: 'Neu: Altbauwohnung' });
    expect(f.tenant.log.at(-1)).toMatchObject({ action: 'edit', module: 'estate', resourceId: estate?.Id, userId: f.user.userId });
    const bad = await f.one({ ...modify, parameters: { data: { Id: 5 } } });
    expect(bad.status.errorcode).toBe(143);
  });
});
