import { describe, expect, it } from 'vitest';
import { firstBatch, plannedFindingIds, secondBatch, stepsFor } from './plan.ts';
import type { ProbeOutcome } from './probes.ts';
import { input, ok } from './testkit.ts';
import { mailTest } from './steps/mailbox.ts';
import { USE_CASES, customUseCase, parseRights } from './usecases.ts';


describe('first batch', () => {
  it('website: health first, each shared probe once, every one read-only', () => {
    const keys = firstBatch(input()).map((p) => p.key);
    expect(keys[0]).toBe('health');
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(
      ['health', 'impressum', 'me', 'users', 'log:count', 'estates', 'estates:owners', 'estates:published', 'estates:unpublished', 'addresses', 'addresses:owners', 'addresses:unpublished'].sort(),
    );
    expect(firstBatch(input({ useCase: USE_CASES['portal-export'] })).map((p) => p.key)).not.toContain('addresses:unpublished');
    expect(firstBatch(input()).every((p) => p.spec.kind === 'read' || p.spec.kind === 'get')).toBe(true);
  });

  it('email: sample reads for the excess checks only; emailInfo with every mandatory parameter, only without consent', () => {
    const mail = { identity: 'box@example.com', receiver: 'x@example.com', consent: false };
    const batch = firstBatch(input({ useCase: USE_CASES.email, mail }));
    const keys = batch.map((p) => p.key);
    expect(keys).toContain('estates');
    expect(keys.some((k) => k.includes('published'))).toBe(false);
    expect(batch.find((p) => p.key === 'emailinfo')?.spec).toMatchObject({
      kind: 'get',
      resourcetype: 'emailInfo',
      parameters: { emailIdentity: 'box@example.com', messageId: expect.any(String), uid: expect.anything(), folder: 'INBOX' },
    });
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

  it('one step alone asks for what it needs, and nothing of the others', () => {
    const keys = firstBatch(input(), stepsFor(['log'])).map((p) => p.key);
    expect(keys).toEqual(['health', 'me', 'log:count']);
  });
});

describe('second batch', () => {
  const probes = new Map<string, ProbeOutcome>([
    ['me', ok('users', [{ id: '41', elements: { id: '41', username: 'api-web', firstname: 'Web', lastname: 'Site' } }])],
    ['users', ok('users', [{ id: '41', elements: { id: '41' } }, { id: '7', elements: { id: '7' } }])],
    ['log:count', ok('log', [], 12)],
    ['estates', ok('estate', [{ id: '1001', elements: { Id: '1001' } }, { id: '1002', elements: { Id: '1002' } }])],
    ['estates:published', ok('estate', [{ id: '1002', elements: { Id: '1002' } }])],
    ['addresses', ok('address', [{ id: '', elements: { id: 300 } }])],
    ['expected', ok('estate', [{ id: '1001', elements: {} }])],
  ]);

  it('rights checks without userid, the expected estates, pictures with categories, the log by date without sortby', () => {
    const batch = secondBatch(input({ expectEstates: [1001, 1003] }), probes);
    const byKey = new Map(batch.map((p) => [p.key, p.spec]));
    expect(byKey.get('user:self')).toMatchObject({ kind: 'read', resourcetype: 'user', resourceid: '41' });
    expect(byKey.get('user:other')).toMatchObject({ resourceid: '7' });
    expect(byKey.has('user:other2')).toBe(false);
    expect(byKey.get('right:estate:modify')?.parameters).toEqual({ action: 'modify', module: 'estate', recordIds: [1001, 1002] });
    expect(byKey.get('right:address:delete')?.parameters).toMatchObject({ recordIds: [300] });
    expect(byKey.get('right:expected')?.parameters).toEqual({ action: 'read', module: 'estate', recordIds: [1003] });
    expect(byKey.get('pictures')?.parameters).toEqual({ estateids: [1002], categories: ['Titelbild', 'Foto', 'Foto_gross', 'Grundriss', 'Lageplan', 'Panorama'] });
    expect(byKey.get('log:recent')?.parameters).toEqual({ listlimit: 500, user: 41, filter: { dateTime: [{ op: '>=', val: '2026-02-02 05:06:07' }] } });
    expect(batch.every((p) => p.spec.kind === 'read' || p.spec.kind === 'get')).toBe(true);
  });

  it('without the user id every rights check still runs; two other users are read to test reading user data', () => {
    const several = new Map(probes);
    several.set('me', ok('users', [{ id: '41', elements: { id: '41' } }, { id: '7', elements: { id: '7' } }]));
    const byKey = new Map(secondBatch(input(), several).map((p) => [p.key, p.spec]));
    expect(byKey.has('user:self')).toBe(false);
    expect([byKey.get('user:other')?.resourceid, byKey.get('user:other2')?.resourceid]).toEqual(['41', '7']);
    expect(byKey.get('right:estate:modify')?.parameters).toEqual({ action: 'modify', module: 'estate', recordIds: [1001, 1002] });
    expect(byKey.get('log:recent')?.parameters).not.toHaveProperty('user');
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
