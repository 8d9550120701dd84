/**
 * The sandbox against reality: for every recorded onOffice result (tests/fixtures/recorded-results), the same
 * request goes to a running sandbox, and its result must have the recorded SHAPE — the same keys and value types,
 * recursively — and the recorded `status.errorcode`, `cacheable` and record `type` values. Where the sandbox must
 * differ, ALLOWED names the difference and why; any other difference fails, and so does an allowed one that no
 * longer occurs. So the sandbox cannot drift from reality unnoticed, and a new fixture needs a request in CASES.
 *
 * How shapes compare:
 * - The recorded shape at a path merges every recorded example there (all records, all array items), so a type
 *   the recording itself mixes (null or string, number or string) is accepted; any other type is a difference.
 * - Arrays: items compare with the merged recorded item shape. An array the recording never leaves empty must not
 *   be empty; one it always leaves empty must stay empty.
 * - Objects compare key by key: a key every recorded example has is required, a key none has is a difference.
 *   Objects keyed by data follow the case's `maps` instead: `asked` (field names: keys asked for or recorded, the
 *   recorded ones among the asked required), `ids` (exactly the asked ids), `free` (any keys, e.g. field lists).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionKindOf } from '../onoffice/wire.ts';
import type { SandboxApiUser, SandboxHandle, Tenant } from './index.ts';
import { startSandbox } from './index.ts';
import { callApi, resultAt } from './testkit.ts';

const FIXTURE_DIR = new URL('../../tests/fixtures/recorded-results/', import.meta.url);
const FIXTURES = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

type Params = Record<string, unknown>;
type Json = Record<string, unknown>;

type MapRule =
  | { keys: 'asked'; asked: (p: Params) => readonly string[] }
  | { keys: 'ids'; asked: (p: Params) => readonly string[] }
  | { keys: 'free' };

interface Case {
  /** For fixtures without recorded parameters: a sensible request against the sandbox's tenant. */
  parameters?: (tenant: Tenant, recorded: Json) => Params;
  /** Objects keyed by data, by rule path (`[]` for array items, `{}` for map values). */
  maps?: Readonly<Record<string, MapRule>>;
}

interface Allowed {
  fixture: string;
  path: string;
  why: string;
}

const CONTACT_PERSON = 'urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:contactPerson';
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const firstElements = (recorded: Json): Json => ((recorded.data as { records: { elements: Json }[] }).records[0]?.elements ?? {});

const CASES: Readonly<Record<string, Case>> = {
  'ApiResponseCreateAddress.json': { parameters: () => ({ Vorname: 'Max', Name: 'Mustermann', email: 'max.mustermann@kunden.example' }) },
  'ApiResponseCreateAgentLog.json': {
    parameters: (t) => ({ addressids: [t.addresses[0]?.Id], estateid: t.estates[0]?.Id, actionkind: 'Email', actiontype: 'Ausgang', note: 'Exposé versandt' }),
  },
  'ApiResponseCreateTask.json': {
    parameters: (t) => ({ data: { Betreff: 'Rückruf', Aufgabenart: 'Anruf', Prio: 2, Status: 1 }, relatedAddressId: t.addresses[0]?.Id, relatedEstateId: t.estates[0]?.Id }),
  },
  'ApiResponseDoContactaddress.json': {
    parameters: (t) => ({ addressdata: { Vorname: 'Max', Name: 'Mustermann', Email: 'max.mustermann@kunden.example' }, estateid: t.estates[0]?.Id, message: 'Bitte um Rückruf' }),
  },
  'ApiResponseGetEstatePictures.json': {
    parameters: (t) => ({
      estateids: t.estates.filter((e) => e.pictures.some((p) => p.publishOnHomepage)).map((e) => e.Id),
      categories: ['Titelbild', 'Foto', 'Foto_gross'],
    }),
  },
  'ApiResponseGetFields.json': {
    parameters: () => ({ modules: ['address', 'estate'], labels: true, language: 'ENG' }),
    maps: { 'data.records[].elements': { keys: 'free' }, 'data.records[].elements{}.permittedvalues': { keys: 'free' } },
  },
  'ApiResponseGetFilters.json': { parameters: () => ({ module: 'estate' }) },
  'ApiResponseGetIdsFromRelation.json': {
    parameters: (t) => ({
      relationtype: CONTACT_PERSON,
      parentids: [...t.estates.filter((e) => e.contactPersonIds.length > 0).slice(0, 4), ...t.estates.filter((e) => e.contactPersonIds.length === 0).slice(0, 1)].map((e) => e.Id),
    }),
    maps: { 'data.records[].elements': { keys: 'ids', asked: (p) => strings(p.parentids) } },
  },
  'ApiResponseReadAddress.json': {
    parameters: (t) => ({ data: ['KdNr'], recordids: t.addresses.slice(0, 2).map((a) => a.Id) }),
    maps: { 'data.records[].elements': { keys: 'asked', asked: (p) => strings(p.data) } },
  },
  'ApiResponseReadBasicSetting.json': {},
  'ApiResponseReadEstatesPublishedENGRaw.json': {
    maps: { 'data.records[].elements': { keys: 'asked', asked: (p) => [...strings(p.data), ...(p.addMainLangId === true ? ['mainLangId'] : [])] } },
  },
  'ApiResponseReadImpressum.json': {
    parameters: (_t, recorded) => ({ data: Object.keys(firstElements(recorded)) }),
    maps: { 'data.records[].elements': { keys: 'asked', asked: (p) => strings(p.data) } },
  },
};

const NOT_SERVED = 'not a resource this project needs (ONOFFICE_API.md §6), so the sandbox answers 25';
const ALLOWED: readonly Allowed[] = [
  { fixture: 'ApiResponseCreateAgentLog.json', path: 'status.errorcode', why: `create agentslog is ${NOT_SERVED}` },
  { fixture: 'ApiResponseCreateAgentLog.json', path: 'data.records', why: 'the failed action (25) has no records' },
  { fixture: 'ApiResponseCreateTask.json', path: 'status.errorcode', why: `create task is ${NOT_SERVED}` },
  { fixture: 'ApiResponseCreateTask.json', path: 'data.records', why: 'the failed action (25) has no records' },
  { fixture: 'ApiResponseDoContactaddress.json', path: 'status.errorcode', why: `do contactaddress is ${NOT_SERVED}` },
  { fixture: 'ApiResponseDoContactaddress.json', path: 'data.records', why: 'the failed action (25) has no records' },
];

/** Rule paths whose values, not only types, must be among the recorded ones. */
const VALUE_CHECKED = new Set(['status.errorcode', 'cacheable', 'data.records[].type']);

// --- shapes -------------------------------------------------------------------------------------------------------

type Kind = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

interface Shape {
  kinds: ReadonlySet<Kind>;
  /** The recorded scalars, for value-checked paths. */
  values: readonly unknown[];
  members: ReadonlyMap<string, { shape: Shape; always: boolean }>;
  /** Every member value merged: the shape of a map's values. */
  anyMember: () => Shape | null;
  /** Every item of every recorded array merged; null when all were empty. */
  items: Shape | null;
  neverEmpty: boolean;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return t;
  throw new TypeError(`not JSON: ${t}`);
}

function shapeOf(examples: readonly unknown[]): Shape {
  const objects = examples.filter(isObject);
  const arrays = examples.filter((e): e is unknown[] => Array.isArray(e));
  const members = new Map<string, { shape: Shape; always: boolean }>();
  for (const key of new Set(objects.flatMap((o) => Object.keys(o)))) {
    const having = objects.filter((o) => Object.hasOwn(o, key));
    members.set(key, { shape: shapeOf(having.map((o) => o[key])), always: having.length === objects.length });
  }
  let merged: Shape | null | undefined;
  const items = arrays.flat();
  return {
    kinds: new Set(examples.map(kindOf)),
    values: examples.filter((e) => !isObject(e) && !Array.isArray(e)),
    members,
    anyMember: () => {
      if (merged === undefined) {
        const values = objects.flatMap((o) => Object.values(o));
        merged = values.length > 0 ? shapeOf(values) : null;
      }
      return merged;
    },
    items: items.length > 0 ? shapeOf(items) : null,
    neverEmpty: arrays.length > 0 && arrays.every((a) => a.length > 0),
  };
}

interface Diff {
  path: string;
  problem: string;
}

interface Where {
  /** Where the value sits, with map keys spelt out. */
  path: string;
  /** The same with `{}` for map values, as CASES' maps and VALUE_CHECKED name them. */
  rule: string;
}

const child = (at: Where, key: string, inMap: boolean): Where => ({
  path: at.path === '' ? key : `${at.path}.${key}`,
  rule: inMap ? `${at.rule}{}` : at.rule === '' ? key : `${at.rule}.${key}`,
});

/** Every difference between a sandbox value and a recorded shape, one per path. */
function shapeDifferences(actual: unknown, recorded: Shape, maps: Readonly<Record<string, MapRule>>, params: Params): Diff[] {
  const diffs = new Map<string, string>();
  const note = (path: string, problem: string): void => {
    if (!diffs.has(path)) diffs.set(path, problem);
  };

  function compare(value: unknown, shape: Shape, at: Where): void {
    const kind = kindOf(value);
    if (!shape.kinds.has(kind)) return note(at.path, `${kind}, recorded ${[...shape.kinds].join(' or ')}`);
    if (VALUE_CHECKED.has(at.rule) && !shape.values.includes(value)) {
      return note(at.path, `${JSON.stringify(value)}, recorded ${[...new Set(shape.values.map((v) => JSON.stringify(v)))].join(' or ')}`);
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        if (shape.neverEmpty) note(at.path, 'empty, recorded never empty');
        return;
      }
      if (shape.items === null) return note(at.path, 'has items, recorded always empty');
      for (const item of value) compare(item, shape.items, { path: `${at.path}[]`, rule: `${at.rule}[]` });
      return;
    }
    if (isObject(value)) compareObject(value, shape, at);
  }

  function compareObject(value: Json, shape: Shape, at: Where): void {
    const rule = maps[at.rule];
    if (rule === undefined) {
      for (const [key, m] of shape.members) if (m.always && !Object.hasOwn(value, key)) note(child(at, key, false).path, 'missing');
      for (const [key, v] of Object.entries(value)) {
        const m = shape.members.get(key);
        if (m) compare(v, m.shape, child(at, key, false));
        else note(child(at, key, false).path, 'not recorded');
      }
      return;
    }
    const asked = rule.keys === 'free' ? null : rule.asked(params);
    const required = rule.keys === 'ids' ? (asked ?? []) : [...shape.members].filter(([k, m]) => m.always && asked?.includes(k)).map(([k]) => k);
    for (const key of required) if (!Object.hasOwn(value, key)) note(child(at, key, true).path, 'missing');
    const anyMember = shape.anyMember();
    for (const [key, v] of Object.entries(value)) {
      const where = child(at, key, true);
      const byKey = rule.keys === 'asked' ? shape.members.get(key)?.shape : undefined;
      const against = byKey ?? anyMember;
      if (asked && !asked.includes(key) && !byKey) note(where.path, 'not asked');
      else if (against) compare(v, against, where);
      else note(where.path, 'recorded always empty');
    }
  }

  compare(actual, recorded, { path: '', rule: '' });
  return [...diffs].map(([path, problem]) => ({ path, problem }));
}

// --- the contract -----------------------------------------------------------------------------------------------

let sb: SandboxHandle;
let user: SandboxApiUser;
beforeAll(async () => {
  sb = await startSandbox({ scenarios: ['healthy-website'], seed: 7 });
  const first = sb.apiUsers[0];
  if (!first) throw new Error('no API user');
  user = first;
});
afterAll(() => sb.stop());

function load(file: string): { parameters?: Params; result: Json } {
  const json = JSON.parse(readFileSync(new URL(file, FIXTURE_DIR), 'utf8')) as Json;
  return 'parameters' in json ? { parameters: json.parameters as Params, result: json.response as Json } : { result: json };
}

describe('the sandbox answers with the shape of every recorded result', () => {
  it.each(FIXTURES)('%s', async (file) => {
    const spec = CASES[file];
    if (!spec) throw new Error(`No request for ${file}: add one to CASES`);
    const fixture = load(file);
    const kind = actionKindOf(String(fixture.result.actionid));
    if (!kind) throw new Error(`${file}: unknown actionid`);
    const parameters = fixture.parameters ?? spec.parameters?.(sb.control.tenant('healthy-website'), fixture.result) ?? {};
    const resourcetype = String(fixture.result.resourcetype);
    const result = resultAt(await callApi(sb.endpoint, user, [{ kind, resourcetype, parameters }]));

    const diffs = shapeDifferences(result, shapeOf([fixture.result]), spec.maps ?? {}, parameters);
    const allowed = ALLOWED.filter((a) => a.fixture === file).map((a) => a.path);
    expect(diffs.filter((d) => !allowed.includes(d.path)).map((d) => `${d.path}: ${d.problem}`), 'unexpected differences').toEqual([]);
    expect(allowed.filter((path) => !diffs.some((d) => d.path === path)), 'allowed differences that no longer occur').toEqual([]);
  });

  it('names only existing fixtures in CASES and ALLOWED', () => {
    expect(Object.keys(CASES).filter((f) => !FIXTURES.includes(f))).toEqual([]);
    expect(ALLOWED.filter((a) => !FIXTURES.includes(a.fixture)).map((a) => a.fixture)).toEqual([]);
  });
});

describe('the shape comparison', () => {
  const record = (id: number, mainLangId: string | null, tag: string) => ({ id, type: 'estate', elements: { Id: String(id), mainLangId, tags: [tag] } });
  const recorded = shapeOf([{ cacheable: true, data: { records: [record(15, null, 'a'), record(16, '15', 'b')] } }]);
  const compare = (records: unknown[], maps: Readonly<Record<string, MapRule>> = {}, params: Params = {}) =>
    shapeDifferences({ cacheable: true, data: { records } }, recorded, maps, params).map((d) => `${d.path}: ${d.problem}`);
  const ELEMENTS = 'data.records[].elements';

  it('accepts the recorded shape, with the types the recording itself mixes', () => {
    expect(compare([record(1, '7', 'x'), record(2, null, 'y')])).toEqual([]);
  });

  it('names each other difference by its path: type, value, missing and extra keys, empty arrays', () => {
    expect(compare([{ id: '1', type: 'house', elements: { Id: 1, tags: [], extra: '' } }])).toEqual([
      'data.records[].id: string, recorded number',
      'data.records[].type: "house", recorded "estate"',
      'data.records[].elements.mainLangId: missing',
      'data.records[].elements.Id: number, recorded string',
      'data.records[].elements.tags: empty, recorded never empty',
      'data.records[].elements.extra: not recorded',
    ]);
    expect(compare([])).toEqual(['data.records: empty, recorded never empty']);
    expect(shapeDifferences({ cacheable: false, data: { records: [] } }, recorded, {}, {}).map((d) => d.path)).toEqual(['cacheable', 'data.records']);
  });

  it('treats a data-keyed map by its rule', () => {
    const asked: MapRule = { keys: 'asked', asked: (p) => strings(p.data) };
    expect(compare([{ id: 1, type: 'estate', elements: { Id: '1', kaufpreis: '' } }], { [ELEMENTS]: asked }, { data: ['kaufpreis', 'mainLangId'] })).toEqual([
      'data.records[].elements.mainLangId: missing',
    ]);
    expect(compare([{ id: 1, type: 'estate', elements: { Id: '1', ort: 'Köln' } }], { [ELEMENTS]: asked }, { data: [] })).toEqual([
      'data.records[].elements.ort: not asked',
    ]);
    const ids: MapRule = { keys: 'ids', asked: (p) => strings(p.ids) };
    expect(compare([{ id: 1, type: 'estate', elements: { 7: '7', 9: 9 } }], { [ELEMENTS]: ids }, { ids: [7, 8] })).toEqual([
      'data.records[].elements.8: missing',
      'data.records[].elements.9: not asked',
    ]);
  });
});
