import { describe, expect, it } from 'vitest';
import { CLOCK_WINDOW_SECONDS } from '../../onoffice/errors.ts';
import { failed, ok } from '../testkit.ts';
import type { ProbeOutcome } from '../probes.ts';
import { checkCredentialFormat } from './credentials.ts';
import { clockFinding, gate, transportFixWhere } from './connection.ts';
import { said } from '../testkit.ts';

const refs = { exchangeIds: ['x:1'], journalIds: [] };

describe('clockFinding', () => {
  it.each([
    [0, 'pass', false],
    [-CLOCK_WINDOW_SECONDS / 2, 'pass', false],
    [CLOCK_WINDOW_SECONDS / 2 + 1, 'warn', false],
    [-(CLOCK_WINDOW_SECONDS - 1), 'warn', false],
    [CLOCK_WINDOW_SECONDS + 1, 'warn', true],
    [-400, 'warn', true],
  ] as const)('offset %s s accepted by the server: %s (heuristic %s)', (offset, status, heuristic) => {
    const f = clockFinding(offset, false, refs);
    expect(f).toMatchObject({ id: 'clock', status, heuristic });
    expect(f.evidence.message).toBe(`clock offset ${offset} s (server minus local)`);
    expect(said('en', f.explanation)).toContain('Measured from this computer, not from the web server');
    expect(said('de', f.explanation)).toContain('Gemessen von diesem Computer aus');
    expect(said('en', f.explanation)).toMatch(/curl -sI .* date -u/);
    expect(f.fix === null).toBe(status === 'pass');
    // The clock is set on this computer (or the web server), never in enterprise.
    expect(f.fixWhere).toBe(status === 'pass' ? undefined : 'this-computer');
  });

  it('136 from the server fails whatever the header says; no header is unknown without an enterprise fix', () => {
    expect(clockFinding(3, true, refs)).toMatchObject({ status: 'fail', evidence: { code: 136 }, fixWhere: 'this-computer' });
    expect(clockFinding(null, true, refs).status).toBe('fail');
    expect(clockFinding(null, false, refs)).toMatchObject({ status: 'unknown', fix: null });
  });
});

describe('gate', () => {
  const format = checkCredentialFormat({ token: 'a'.repeat(32), secret: 'b'.repeat(64) });
  const first = { ok: true, error: null, clockOffsetSeconds: 1, refs };
  const statuses = (probes: Map<string, ProbeOutcome>) => Object.fromEntries(gate(format, first, probes, 'h').findings.map((f) => [f.id, f.status]));

  it('every action failing with a server error: connection fails, credentials stay unconfirmed, the rest is blocked', () => {
    const probes = new Map([
      ['health', failed('basicsettings', 1, 'Unknown error')],
      ['me', failed('users', 500, 'Server error')],
    ]);
    const g = gate(format, first, probes, 'h');
    expect(statuses(probes)).toEqual({ credentials: 'unknown', connection: 'fail', clock: 'pass' });
    expect(g.blocked).not.toBeNull();
    expect(g.findings.find((f) => f.id === 'credentials')).toMatchObject({ status: 'unknown', fixWhere: 'server' });
  });

  it('one answer among server errors: the credentials are accepted and nothing is blocked', () => {
    const probes = new Map([
      ['health', ok('basicsettings', [{ id: '1', elements: {} }])],
      ['me', failed('users', 1)],
    ]);
    expect(statuses(probes)).toEqual({ credentials: 'pass', connection: 'pass', clock: 'pass' });
    expect(gate(format, first, probes, 'h').blocked).toBeNull();
  });

  it('137 on every action fails the credentials; 184 (a request error) does not', () => {
    expect(statuses(new Map([['health', failed('basicsettings', 137)], ['me', failed('users', 137)]]))).toMatchObject({ credentials: 'fail' });
    const g = gate(format, first, new Map([['health', ok('basicsettings', [])], ['me', failed('users', 184)]]), 'h');
    expect(g.findings.find((f) => f.id === 'credentials')?.status).toBe('pass');
  });

  it('a top-level 22 (HTTP 400 or 200 alike) fails the credentials and blocks the rest', () => {
    const g = gate(format, { ...first, ok: false, error: { kind: 'api', httpStatus: 400, code: 400, errorcode: 22, message: 'Not authenticated' } }, new Map(), 'h');
    expect(g.findings.map((f) => `${f.id}=${f.status}`)).toEqual(['credentials=fail', 'connection=pass', 'clock=pass']);
    expect(g.blocked).not.toBeNull();
  });
});

describe('transportFixWhere', () => {
  it('names where a transport failure is fixed: the server, the network or this computer, never enterprise', () => {
    expect(transportFixWhere('http-status', 502)).toBe('server');
    expect(transportFixWhere('http-status', 403)).toBe('network');
    expect(transportFixWhere('malformed', 200)).toBe('server');
    expect(transportFixWhere('tls', undefined)).toBe('network');
    expect(transportFixWhere('dns', undefined)).toBe('network');
    expect(transportFixWhere('endpoint-invalid', undefined)).toBe('this-computer');
  });
});
