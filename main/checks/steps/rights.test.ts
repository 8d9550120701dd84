import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../probes.ts';
import { estates, failed, granted, input, ok } from '../testkit.ts';
import { USE_CASES } from '../usecases.ts';
import { rightsStep } from './rights.ts';
import { said } from '../testkit.ts';

const base = (): Map<string, ProbeOutcome> =>
  new Map([
    ['me', ok('users', [{ id: '41', elements: { id: '41', username: 'api', firstname: 'A', lastname: 'B' } }])],
    ['estates', ok('estate', estates([101, 102]))],
    ['estates:owners', ok('estate', estates([101, 102]))],
    ['addresses', ok('address', [{ id: '5', elements: { id: 5 } }])],
    ['log:count', failed('log', 253, 'No access to log')],
    ['user:other', failed('user', 170, 'No read permission for this user')],
  ]);

const excess = (p: Map<string, ProbeOutcome>, useCase = USE_CASES['portal-export']) => rightsStep.findings(input({ useCase }), p).find((f) => f.id === 'rights:excess');

describe('excess rights', () => {
  const writes = ['right:estate:create', 'right:estate:modify', 'right:estate:delete', 'right:address:create', 'right:address:modify', 'right:address:delete', 'right:searchCriteria:create'];

  it('nothing beyond the use case: pass', () => {
    const p = base();
    for (const k of writes) p.set(k, granted([]));
    expect(excess(p)?.status).toBe('pass');
  });

  it('a write right, Admin and reading user data held: one warning naming all three, with their fixes', () => {
    const p = base();
    for (const k of writes) p.set(k, granted([]));
    p.set('right:address:modify', granted([5]));
    p.set('log:count', ok('log', [], 12));
    p.set('user:other', ok('user', [{ id: '7', elements: { Nr: '7' } }]));
    const f = excess(p);
    expect(f?.status).toBe('warn');
    expect(said('en', f?.explanation)).toContain('address/modify, Admin, "Read out user data via API"');
    expect(said('de', f?.fix)).toContain('„Benutzerdaten über API auslesen“ auf der Registerkarte API-Benutzer abwählen');
    expect(said('en', f?.fix)).toContain('Remove Admin');
  });

  it('a right that could not be checked: unknown without an enterprise fix, naming what is open', () => {
    const p = base();
    for (const k of writes.slice(1)) p.set(k, granted([]));
    p.set('right:estate:create', failed('checkuserrecordsright', 1, 'Unknown error'));
    const f = excess(p);
    expect(f).toMatchObject({ status: 'unknown', fixWhere: 'server' });
    expect(said('en', f?.explanation)).toContain('property/create');
  });

  it('with the caller unknown, two other users are read: both answered means the right is held', () => {
    const p = base();
    for (const k of writes) p.set(k, granted([]));
    p.set('me', ok('users', [{ id: '41', elements: { id: '41' } }, { id: '7', elements: { id: '7' } }]));
    p.set('user:other', ok('user', [{ id: '41', elements: {} }]));
    p.set('user:other2', ok('user', [{ id: '7', elements: {} }]));
    expect(said('en', excess(p)?.explanation)).toContain('Read out user data via API');
    p.set('user:other2', failed('user', 170));
    expect(excess(p)?.status).toBe('pass');
  });
});

describe('read rights', () => {
  it('every visible estate the API user\'s own: probably only own', () => {
    const p = base();
    p.set('estates:owners', ok('estate', estates([101, 102], 41)));
    const f = rightsStep.findings(input(), p).find((x) => x.id === 'rights:estate:read');
    expect(f).toMatchObject({ status: 'warn', heuristic: true, cause: { key: 'read-own:estate' } });
  });

  it('a rights error on the read fails it; a server error leaves it unknown without an enterprise fix', () => {
    const p = base();
    p.set('estates', failed('estate', 149, 'No read permission for this estate'));
    expect(rightsStep.findings(input(), p).find((x) => x.id === 'rights:estate:read')?.status).toBe('fail');
    p.set('estates', failed('estate', 1, 'Unknown error'));
    expect(rightsStep.findings(input(), p).find((x) => x.id === 'rights:estate:read')).toMatchObject({ status: 'unknown', fixWhere: 'server' });
  });
});
