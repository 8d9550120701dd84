import { describe, expect, it } from 'vitest';
import type { ActionSuccess } from '../onoffice/wire.ts';
import { firstBatch, mailTest, secondBatch, type PlanInput, type ProbeOutcome } from './plan.ts';
import { plannedFindingIds } from './findings.ts';
import { USE_CASES, customUseCase, parseRights } from './usecases.ts';

const refs = { exchangeIds: [], journalIds: [] };
const ok = (resourcetype: string, records: { id: string; elements: unknown }[], cntabsolute: number | null = records.length): ProbeOutcome => ({
  state: 'ok',
  request: resourcetype,
  refs,
  result: { ok: true, kind: 'read', resourcetype, resourceid: '', identifier: '', records: records.map((r) => ({ ...r, type: null })), cntabsolute, cacheable: false } satisfies ActionSuccess,
});

const input = (over: Partial<PlanInput> = {}): PlanInput => ({ useCase: USE_CASES.website, expectEstates: [], mail: null, ...over });

describe('first batch', () => {
  it('website: health, identity, admin and the estate/address reads, every one read-only', () => {
    const keys = firstBatch(input()).map((p) => p.key);
    expect(keys).toEqual(['health', 'impressum', 'me', 'users', 'log:count', 'estates', 'estates:owners', 'estates:published', 'estates:unpublished', 'addresses', 'addresses:owners', 'addresses:unpublished']);
    expect(firstBatch(input({ useCase: USE_CASES['portal-export'] })).map((p) => p.key)).not.toContain('addresses:unpublished');
    expect(firstBatch(input()).every((p) => p.spec.kind === 'read' || p.spec.kind === 'get')).toBe(true);
  });

  it('email: sample reads for the excess checks only; emailInfo only without consent; no sendmail', () => {
    const mail = { identity: 'box@example.com', receiver: 'x@example.com', consent: false };
    const keys = firstBatch(input({ useCase: USE_CASES.email, mail })).map((p) => p.key);
    expect(keys).toContain('emailinfo');
    expect(keys).toContain('estates');
    expect(keys.some((k) => k.includes('published'))).toBe(false);
    expect(mailTest(input({ useCase: USE_CASES.email, mail }))).toBeNull();
    const consent = input({ useCase: USE_CASES.email, mail: { ...mail, consent: true } });
    expect(firstBatch(consent).map((p) => p.key)).not.toContain('emailinfo');
    expect(mailTest(consent)?.spec).toMatchObject({ kind: 'do', resourcetype: 'sendmail', parameters: { emailidentity: 'box@example.com', receiver: ['x@example.com'] } });
    expect(mailTest(input({ useCase: USE_CASES.email, mail: { identity: 'box@example.com', consent: true } }))).toBeNull();
  });

  it('expected estates become one filtered read', () => {
    const p = firstBatch(input({ expectEstates: [5, 7] })).find((x) => x.key === 'expected');
    expect(p?.spec.parameters).toMatchObject({ filter: { Id: [{ op: 'in', val: [5, 7] }] } });
  });
});

describe('second batch', () => {
  const probes = new Map<string, ProbeOutcome>([
    ['me', ok('users', [{ id: '41', elements: { id: '41', username: 'api-web' } }])],
    ['users', ok('users', [{ id: '41', elements: { id: '41' } }, { id: '7', elements: { id: '7' } }])],
    ['estates', ok('estate', [{ id: '1001', elements: { Id: '1001' } }, { id: '1002', elements: { Id: '1002' } }])],
    ['estates:published', ok('estate', [{ id: '1002', elements: { Id: '1002' } }])],
    ['addresses', ok('address', [{ id: '', elements: { id: 300 } }])],
    ['expected', ok('estate', [{ id: '1001', elements: {} }])],
  ]);

  it('needs the user id and sample ids from the first batch', () => {
    const batch = secondBatch(input({ expectEstates: [1001, 1003] }), probes);
    const byKey = new Map(batch.map((p) => [p.key, p.spec]));
    expect(byKey.get('user:self')).toMatchObject({ kind: 'read', resourcetype: 'user', resourceid: '41' });
    expect(byKey.get('user:other')).toMatchObject({ resourceid: '7' });
    expect(byKey.get('right:estate:modify')?.parameters).toMatchObject({ action: 'modify', module: 'estate', userid: 41, recordIds: [1001, 1002] });
    expect(byKey.get('right:address:delete')?.parameters).toMatchObject({ recordIds: [300] });
    expect(byKey.get('right:expected')?.parameters).toMatchObject({ action: 'read', recordIds: [1003] });
    expect(byKey.get('pictures')?.parameters).toEqual({ estateids: [1002] });
    expect(byKey.has('log:own')).toBe(false);
    expect(batch.every((p) => p.spec.kind === 'read' || p.spec.kind === 'get')).toBe(true);
  });

  it('without the user id only the picture probe remains', () => {
    const without = new Map(probes);
    without.delete('me');
    expect(secondBatch(input(), without).map((p) => p.key)).toEqual(['pictures']);
  });
});

describe('use cases', () => {
  it('parses custom rights', () => {
    expect(parseRights('estate:read, address:create:own')).toEqual([
      { module: 'estate', action: 'read', scope: 'all' },
      { module: 'address', action: 'create', scope: 'own' },
    ]);
    expect(parseRights('estate:write')).toHaveProperty('error');
    expect(parseRights('house:read')).toHaveProperty('error');
  });

  it('plans one finding per required and optional right plus the fixed ones', () => {
    expect(plannedFindingIds(input())).toEqual([
      'credentials', 'connection', 'clock', 'identity',
      'rights:estate:read', 'rights:address:read', 'rights:address:create', 'rights:searchCriteria:create',
      'rights:excess', 'publish:estates', 'publish:addresses', 'publish:pictures', 'server-log',
    ]);
    const custom = plannedFindingIds(input({ useCase: customUseCase([{ module: 'calendar', action: 'read', scope: 'all' }]) }));
    expect(custom).toContain('rights:calendar:read');
    expect(plannedFindingIds(input({ useCase: USE_CASES['log-reader'] }))).toContain('rights:admin');
    expect(plannedFindingIds(input({ useCase: USE_CASES.email }))).toContain('mailbox');
  });
});
