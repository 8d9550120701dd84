import { describe, expect, it } from 'vitest';
import { linkCauses } from './causes.ts';
import { NEVER_HOST, make } from './probes.ts';
import type { Text } from './types.ts';
import { said } from './testkit.ts';

/** Texts as runs stored before the catalogue carried them: both languages (still a valid Text). */
const L = (de: string, en: string): Text => ({ de, en });

const f = (id: string, key?: string, rank = NEVER_HOST) =>
  make(id, { status: 'fail', title: L(`T ${id}`, `T ${id}`), explanation: L('E.', 'E.'), fix: L(`F ${id}`, `F ${id}`), ...(key ? { cause: { key, rank } } : {}) });

describe('linkCauses', () => {
  it('the lowest rank names the cause and keeps its fix; the others refer to it without a fix', () => {
    const out = linkCauses([f('a', 'k', 2), f('b', 'k', 1), f('c', 'k'), f('d')]);
    expect(out.map((x) => [x.id, x.causedBy ?? null, said('en', x.fix) ?? null])).toEqual([
      ['a', 'b', null],
      ['b', null, 'F b'],
      ['c', 'b', null],
      ['d', null, 'F d'],
    ]);
    expect(said('en', out[0]?.explanation)).toBe('E. Cause and fix: see "T b".');
    expect(out.some((x) => 'cause' in x)).toBe(false);
  });

  it('a group without a possible host stays as it is', () => {
    const out = linkCauses([f('a', 'k'), f('b', 'k')]);
    expect(out.map((x) => x.causedBy)).toEqual([undefined, undefined]);
    expect(said('en', out[0]?.fix)).toBe('F a');
  });

  it('an unknown finding never carries a fix', () => {
    expect(make('x', { status: 'unknown', title: L('t', 't'), explanation: L('e', 'e'), fix: L('grant it', 'grant it') }).fix).toBeNull();
  });
});
