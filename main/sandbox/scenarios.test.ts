import { afterEach, describe, expect, it } from 'vitest';
import type { ActionResult } from './envelope.ts';
import type { SandboxApiUser, SandboxHandle, SandboxOptions, Tenant } from './index.ts';
import { ESTATE_VARIETY, SCENARIO_NAMES, describeScenario, startSandbox } from './index.ts';
import type { TestAction } from './testkit.ts';
import { buildBody, callApi, cntabsoluteOf, elementsOf, post, recordsOf, resultAt } from './testkit.ts';

const running: SandboxHandle[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sb) => sb.stop()));
});

async function start(options: SandboxOptions): Promise<SandboxHandle> {
  const sb = await startSandbox(options);
  running.push(sb);
  return sb;
}

interface Fixture {
  sb: SandboxHandle;
  user: SandboxApiUser;
  tenant: Tenant;
  one: (spec: TestAction) => Promise<ActionResult>;
}

async function scenario(name: string, options: SandboxOptions = {}): Promise<Fixture> {
  const sb = await start({ scenarios: [name], ...options });
  const user = sb.apiUsers.find((u) => u.scenario === name);
  if (!user) throw new Error(`no API user for ${name}`);
  const one = async (spec: TestAction) => resultAt(await callApi(sb.endpoint, user, [spec]));
  return { sb, user, tenant: sb.control.tenant(name), one };
}

const readEstates: TestAction = { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'veroeffentlichen'], listlimit: 500 } };
const readAddresses: TestAction = { kind: 'read', resourcetype: 'address', parameters: { data: ['Name', 'homepage_veroeffentlichen'], listlimit: 500 } };
const ids = (result: ActionResult): (number | string)[] => recordsOf(result).map((r) => r.id);
const sendMail = (identity: string | undefined): TestAction => ({
  kind: 'do',
  resourcetype: 'sendmail',
  parameters: { emailidentity: identity, receiver: ['interessent@kunden.example'], subject: 'Test', body: 'Hallo' },
});
const websiteMailbox = (t: Tenant) => t.mailboxes.find((m) => m.email.startsWith('website@'));

describe('every scenario', () => {
  it.each(SCENARIO_NAMES)('%s starts, is described and hands out credentials of the documented lengths', async (name) => {
    const sb = await start({ scenarios: [name] });
    expect(describeScenario(name)).toMatch(/^[^\n]{20,200}$/);
    expect(sb.apiUsers.length).toBeGreaterThan(0);
    for (const u of sb.apiUsers) {
      expect(u).toMatchObject({ scenario: name, description: describeScenario(name) });
      expect(u.token).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(u.secret).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(sb.control.tenant(name).users.find((x) => x.id === u.userId)).toMatchObject({ kind: 'api', userName: u.userName });
    }
  });

  it('starts all scenarios with "all", with distinct tokens', async () => {
    const sb = await start({ scenarios: 'all' });
    expect(new Set(sb.apiUsers.map((u) => u.scenario))).toEqual(new Set(SCENARIO_NAMES));
    const tokens = SCENARIO_NAMES.flatMap((n) => sb.control.tenant(n).credentials.map((c) => c.token));
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const clock = () => 1_800_000_000_000;
    const [a, b, c] = await Promise.all([start({ scenarios: 'all', seed: 5, clock }), start({ scenarios: 'all', seed: 5, clock }), start({ scenarios: 'all', seed: 6, clock })]);
    expect(a.apiUsers).toEqual(b.apiUsers);
    expect(a.control.tenant('healthy-website')).toEqual(b.control.tenant('healthy-website'));
    expect(c.apiUsers.map((u) => u.token)).not.toEqual(a.apiUsers.map((u) => u.token));
    const user = (sb: SandboxHandle) => sb.apiUsers.find((u) => u.scenario === 'healthy-website') as SandboxApiUser;
    const spec: TestAction = { kind: 'read', resourcetype: 'estate', parameters: { data: ['objekttitel', 'kaufpreis', 'ort'], listlimit: 500 } };
    const [ra, rb] = await Promise.all([callApi(a.endpoint, user(a), [spec]), callApi(b.endpoint, user(b), [spec])]);
    expect(ra.response).toEqual(rb.response);
  });

  it('rejects unknown scenario names', async () => {
    await expect(startSandbox({ scenarios: ['healthy-website', 'nope'] })).rejects.toThrow(/nope/);
    expect(() => describeScenario('nope')).toThrow(/nope/);
  });
});

describe('credential scenarios', () => {
  it('healthy-website reads everything, published or not, and can send mail', async () => {
    const f = await scenario('healthy-website');
    const estates = await f.one(readEstates);
    expect(cntabsoluteOf(estates)).toBe(f.tenant.estates.length);
    expect(new Set(elementsOf(estates).map((e) => e.veroeffentlichen))).toEqual(new Set(['0', '1']));
    expect((await f.one(sendMail(websiteMailbox(f.tenant)?.email))).status.errorcode).toBe(0);
  });

  it('wrong-secret hands out a wrong secret of the right length: every action fails with 137', async () => {
    const f = await scenario('wrong-secret');
    const real = f.tenant.credentials.find((c) => c.token === f.user.token);
    expect(real?.secret).toHaveLength(f.user.secret.length);
    expect(real?.secret).not.toBe(f.user.secret);
    const res = await callApi(f.sb.endpoint, f.user, [readEstates, readAddresses]);
    expect(res.status).toEqual({ code: 200, errorcode: 0, message: 'OK' });
    expect(res.response?.results.map((r) => r.status.errorcode)).toEqual([137, 137]);
    expect(resultAt(await callApi(f.sb.endpoint, { token: f.user.token, secret: real?.secret ?? '' }, [readEstates])).status.errorcode).toBe(0);
  });

  it('revoked-token: the handed-out token authenticates nothing; the new one works', async () => {
    const f = await scenario('revoked-token');
    const res = await callApi(f.sb.endpoint, f.user, [readEstates]);
    expect(res.status).toMatchObject({ code: 400, errorcode: 22 });
    expect(res).not.toHaveProperty('response');
    const current = f.tenant.credentials.find((c) => c.userId === f.user.userId && c.state === 'active');
    expect(current?.token).not.toBe(f.user.token);
    expect(resultAt(await callApi(f.sb.endpoint, current as { token: string; secret: string }, [readEstates])).status.errorcode).toBe(0);
  });

  it('clock-skew: the Date header shows server time; local timestamps get 136', async () => {
    const local = 1_800_000_000_000;
    const f = await scenario('clock-skew', { clock: () => local });
    const reply = await post(f.sb.endpoint, buildBody(f.user, [readEstates], { timestamp: local / 1000 }));
    expect(Date.parse(reply.headers.get('date') ?? '') - local).toBe(400_000);
    expect(resultAt(JSON.parse(reply.text)).status.errorcode).toBe(136);
    expect(resultAt(await callApi(f.sb.endpoint, f.user, [readEstates], { timestamp: local / 1000 + 400 })).status.errorcode).toBe(0);
  });
});

describe('rights scenarios', () => {
  it('no-read-rights: reads succeed with empty lists', async () => {
    const f = await scenario('no-read-rights');
    for (const spec of [readEstates, readAddresses]) {
      const result = await f.one(spec);
      expect(result.status.errorcode).toBe(0);
      expect(recordsOf(result)).toEqual([]);
      expect(cntabsoluteOf(result)).toBe(0);
    }
    expect(f.tenant.estates.length).toBeGreaterThan(0);
  });

  it('only-own-rights: only records the API user is responsible for', async () => {
    const f = await scenario('only-own-rights');
    const ownEstates = f.tenant.estates.filter((e) => e.benutzer === f.user.userId).map((e) => e.Id);
    const ownAddresses = f.tenant.addresses.filter((a) => a.Benutzer === f.user.userId).map((a) => a.Id);
    expect(ownEstates.length).toBeGreaterThan(0);
    expect(ownEstates.length).toBeLessThan(f.tenant.estates.length);
    expect(ids(await f.one(readEstates))).toEqual([...ownEstates].sort((a, b) => a - b));
    expect(ids(await f.one(readAddresses))).toEqual([...ownAddresses].sort((a, b) => a - b));
  });

  it('only-published-none-published: nothing is readable although records exist', async () => {
    const f = await scenario('only-published-none-published');
    expect(f.tenant.estates.length).toBeGreaterThan(0);
    expect(recordsOf(await f.one(readEstates))).toEqual([]);
    expect(recordsOf(await f.one(readAddresses))).toEqual([]);
  });

  it('only-published-some: only published records, and the unpublished-count probe finds none', async () => {
    const f = await scenario('only-published-some');
    const published = f.tenant.estates.filter((e) => e.veroeffentlichen === '1').map((e) => e.Id);
    expect(published.length).toBeGreaterThan(0);
    expect(published.length).toBeLessThan(f.tenant.estates.length);
    expect(ids(await f.one(readEstates))).toEqual([...published].sort((a, b) => a - b));
    const probe = await f.one({ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], filter: { veroeffentlichen: [{ op: '=', val: 0 }] }, listlimit: 0 } });
    expect(cntabsoluteOf(probe)).toBe(0);
    const addresses = elementsOf(await f.one(readAddresses));
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.every((a) => a.homepage_veroeffentlichen === '1')).toBe(true);
  });

  it('excess-rights: reads the log and other users, modifies estates', async () => {
    const f = await scenario('excess-rights');
    const other = f.tenant.users.find((u) => u.kind === 'user' && u.active);
    expect((await f.one({ kind: 'read', resourcetype: 'log', parameters: { listlimit: 5 } })).status.errorcode).toBe(0);
    expect((await f.one({ kind: 'read', resourcetype: 'user', resourceid: String(other?.id), parameters: { data: ['Name'] } })).status.errorcode).toBe(0);
    const estate = f.tenant.estates[0];
    expect((await f.one({ kind: 'modify', resourcetype: 'estate', resourceid: String(estate?.Id), parameters: { data: { reserviert: 1 } } })).status.errorcode).toBe(0);
    expect(estate?.reserviert).toBe('1');
  });

  it('admin-log-reader: the log holds the API user\'s own changes', async () => {
    const f = await scenario('admin-log-reader');
    const result = await f.one({ kind: 'read', resourcetype: 'log', parameters: { listlimit: 500, user: f.user.userId } });
    expect(result.status.errorcode).toBe(0);
    expect(recordsOf(result).length).toBeGreaterThan(0);
    expect(elementsOf(result).every((e) => e.userId === String(f.user.userId))).toBe(true);
  });
});

describe('mailbox scenarios', () => {
  it.each([50, 51, 148, 211] as const)('no-mailbox: sendmail answers the switched code %i', async (code) => {
    const f = await scenario('no-mailbox', { unknowns: { noMailboxCode: code } });
    const mailbox = websiteMailbox(f.tenant);
    expect(mailbox?.assignedUserIds).not.toContain(f.user.userId);
    expect((await f.one(sendMail(mailbox?.email))).status.errorcode).toBe(code);
    expect(f.sb.control.outbox('no-mailbox')).toEqual([]);
  });

  it('inactive-mailbox: assigned but deactivated ("Postfach aktiv" off), sendmail still sends', async () => {
    const f = await scenario('inactive-mailbox');
    const mailbox = websiteMailbox(f.tenant);
    expect(mailbox).toMatchObject({ active: false, assignedUserIds: [f.user.userId] });
    expect((await f.one(sendMail(mailbox?.email))).status.errorcode).toBe(0);
    expect(f.sb.control.outbox('inactive-mailbox')).toEqual([expect.objectContaining({ from: mailbox?.email })]);
  });
});

describe('estate-variety', () => {
  const CONTACT_PERSON = 'urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:contactPerson';
  type Kind = keyof typeof ESTATE_VARIETY;

  /** One estate as the onboarding engine's requests see it. */
  interface Seen {
    veroeffentlichen: unknown;
    status: unknown;
    verkauft: unknown;
    reserviert: unknown;
    referenz: unknown;
    english: 'published' | 'unpublished' | 'none';
    contact: 'published' | 'unpublished' | 'unreadable';
    /** Picture types from `get estatepictures`. */
    released: unknown[];
    /** External pictures from `get file`: released for the homepage, for a portal. */
    files: [unknown, boolean][];
  }
  const FINE: Seen = {
    veroeffentlichen: '1',
    status: '1',
    verkauft: '0',
    reserviert: '0',
    referenz: '0',
    english: 'published',
    contact: 'published',
    released: ['Titelbild', 'Foto'],
    files: [
      [true, true],
      [true, true],
    ],
  };
  const EXPECTED: Record<Kind, Seen> = {
    fine1: FINE,
    fine2: FINE,
    sold: { ...FINE, verkauft: '1' },
    reserved: { ...FINE, reserviert: '1' },
    reference: { ...FINE, referenz: '1' },
    inactive: { ...FINE, status: '2' },
    archived: { ...FINE, status: '0' },
    unpublished: { ...FINE, veroeffentlichen: '0', english: 'unpublished' },
    noPictures: { ...FINE, released: [], files: [] },
    picturesNotReleased: { ...FINE, released: [], files: [[false, false], [false, false]] },
    picturesPortalsOnly: { ...FINE, released: [], files: [[false, true], [false, true]] },
    noTitlePicture: { ...FINE, released: ['Foto', 'Foto'] },
    noEnglish: { ...FINE, english: 'none' },
    contactUnpublished: { ...FINE, contact: 'unpublished' },
    contactUnreadable: { ...FINE, contact: 'unreadable' },
  };

  it('marks each guaranteed estate once in objektnr_extern, and a filter on it finds it', async () => {
    const f = await scenario('estate-variety');
    for (const marker of Object.values(ESTATE_VARIETY)) expect(f.tenant.estates.filter((e) => e.objektnr_extern === marker)).toHaveLength(1);
    const found = await f.one({ kind: 'read', resourcetype: 'estate', parameters: { data: ['objektnr_extern'], filter: { objektnr_extern: [{ op: '=', val: ESTATE_VARIETY.sold }] } } });
    expect(elementsOf(found)).toEqual([{ Id: String(f.tenant.estates.find((e) => e.objektnr_extern === ESTATE_VARIETY.sold)?.Id), objektnr_extern: 'EV-SOLD' }]);
    expect(f.tenant.estates.length).toBeGreaterThan(Object.keys(ESTATE_VARIETY).length);
  });

  it('gives each estate exactly its difference, as the engine\'s requests see it', async () => {
    const f = await scenario('estate-variety');
    const kinds = Object.keys(ESTATE_VARIETY) as Kind[];
    const idOf = (kind: Kind): number => f.tenant.estates.find((e) => e.objektnr_extern === ESTATE_VARIETY[kind])?.Id as number;
    const estateIds = kinds.map(idOf);
    const res = await callApi(f.sb.endpoint, f.user, [
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'veroeffentlichen', 'status', 'verkauft', 'reserviert', 'referenz'], filter: { Id: [{ op: 'in', val: estateIds }] }, listlimit: 100 } },
      { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'veroeffentlichen'], estatelanguage: 'ENG', addMainLangId: true, listlimit: 500 } },
      { kind: 'get', resourcetype: 'idsfromrelation', parameters: { relationtype: CONTACT_PERSON, parentids: estateIds } },
      { kind: 'get', resourcetype: 'estatepictures', parameters: { estateids: estateIds, categories: ['Titelbild', 'Foto'] } },
      ...estateIds.map((estateid): TestAction => ({ kind: 'get', resourcetype: 'file', resourceid: 'estate', parameters: { estateid, showispublishedonhomepage: true, showpublicationstatus: true, listlimit: 100 } })),
    ]);
    const results = res.response?.results ?? [];
    expect(results.map((r) => r.status.errorcode).every((c) => c === 0)).toBe(true);
    const [main, english, relation, pictures, ...files] = results as ActionResult[];
    const contacts = elementsOf(relation as ActionResult)[0] as Record<string, string[]>;
    const addresses = await f.one({ kind: 'read', resourcetype: 'address', parameters: { recordids: Object.values(contacts).flat(), data: ['Id', 'homepage_veroeffentlichen'] } });
    const addressFlag = new Map(elementsOf(addresses).map((a) => [String(a.id), a.homepage_veroeffentlichen]));

    const seen = (kind: Kind, i: number): Seen => {
      const id = idOf(kind);
      const { Id: _, ...flags } = elementsOf(main as ActionResult).find((e) => e.Id === String(id)) ?? {};
      const version = elementsOf(english as ActionResult).find((e) => e.mainLangId === String(id));
      const [contact] = contacts[String(id)] ?? [];
      const flag = addressFlag.get(contact ?? '');
      return {
        ...(flags as Pick<Seen, 'veroeffentlichen' | 'status' | 'verkauft' | 'reserviert' | 'referenz'>),
        english: version === undefined ? 'none' : version.veroeffentlichen === '1' ? 'published' : 'unpublished',
        contact: flag === undefined ? 'unreadable' : flag === '1' ? 'published' : 'unpublished',
        released: recordsOf(pictures as ActionResult).flatMap((r) => r.elements as { estateid: string; type: string }[]).filter((p) => p.estateid === String(id)).map((p) => p.type),
        files: elementsOf(files[i] as ActionResult)
          .filter((e) => e.category === 'external')
          .map((e) => [e.ispublishedonhomepage, Object.values(e.publicationstatus as Record<string, [string, number]>).some(([, status]) => status === 1)]),
      };
    };
    expect(Object.fromEntries(kinds.map((kind, i) => [kind, seen(kind, i)]))).toEqual(EXPECTED);
  });
});

describe('marketplace-provider', () => {
  it('hands out the latest apiClaim; actions with it work, without it fail with 193', async () => {
    const f = await scenario('marketplace-provider');
    expect(f.user.apiClaim).toBe(f.tenant.activations[0]?.apiClaim);
    expect(f.tenant.activations[0]).toMatchObject({ userId: f.user.userId, outdatedClaims: [expect.any(String)] });
    expect((await f.one(readEstates)).status.errorcode).toBe(193);
    expect((await f.one({ ...readEstates, parameters: { ...readEstates.parameters, extendedclaim: f.user.apiClaim } })).status.errorcode).toBe(0);
  });
});

describe('flaky', () => {
  async function outcomes(seed: number): Promise<string[]> {
    const f = await scenario('flaky', { seed });
    const seen: string[] = [];
    for (let i = 0; i < 25; i++) {
      const reply = await post(f.sb.endpoint, buildBody(f.user, [readEstates, readAddresses]));
      seen.push(reply.status === 200 ? (JSON.parse(reply.text) as { response: { results: ActionResult[] } }).response.results.map((r) => r.status.errorcode).join('/') : `http ${reply.status}`);
    }
    return seen;
  }

  it('fails some requests and actions, the same way for the same seed', async () => {
    const [a, b] = await Promise.all([outcomes(3), outcomes(3)]);
    expect(a).toEqual(b);
    expect(a.some((o) => o.startsWith('http 5'))).toBe(true);
    expect(a.some((o) => /(^|\/)(1|500)(\/|$)/.test(o))).toBe(true);
    expect(a.some((o) => o === '0/0')).toBe(true);
  });
});
