import { describe, expect, it } from 'vitest';
import { checkCredentialFormat, formatFinding } from './credentials.ts';
import { said } from '../testkit.ts';

const T = 'a'.repeat(32);
const S = 'b'.repeat(64);

describe('checkCredentialFormat', () => {
  it('accepts 32/64 printable ASCII without a finding', () => {
    const r = checkCredentialFormat({ token: T, secret: S });
    expect(r).toMatchObject({ usable: true, problems: [] });
    expect(formatFinding(r)).toBeNull();
  });

  it.each([
    ['swapped', { token: S, secret: T }, 'swapped', false],
    ['trailing newline', { token: `${T}\n`, secret: S }, 'whitespace', false],
    ['inner space', { token: T, secret: `${S.slice(0, 30)} ${S.slice(31)}` }, 'whitespace', false],
    ['non-ASCII', { token: `${T.slice(0, 31)}ä`, secret: S }, 'non-ascii', false],
    ['empty secret', { token: T, secret: '' }, 'empty', false],
    ['short token', { token: T.slice(0, 20), secret: S }, 'length', true],
  ] as const)('%s', (_name, creds, kind, usable) => {
    const r = checkCredentialFormat(creds);
    expect(r.usable).toBe(usable);
    expect(r.problems.map((p) => p.kind)).toContain(kind);
    const f = formatFinding(r);
    expect(f).toMatchObject({ id: 'credentials', status: usable ? 'warn' : 'fail', heuristic: false });
    const text = JSON.stringify(f);
    expect(text).not.toContain(T.slice(0, 20));
    expect(text).not.toContain(S.slice(0, 20));
  });

  it('names the lengths it measured', () => {
    const f = formatFinding(checkCredentialFormat({ token: T.slice(0, 31), secret: S }));
    expect(said('de', f?.explanation)).toContain('31 statt 32');
    expect(said('en', f?.explanation)).toContain('31 instead of 32');
  });
});
