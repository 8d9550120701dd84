import { describe, expect, it } from 'vitest';
import { checkEndpoint, isLoopbackHost, ONOFFICE_ENDPOINTS } from './endpoint.ts';

describe('checkEndpoint', () => {
  it('resolves the named endpoints', () => {
    expect(checkEndpoint('stable')).toMatchObject({ ok: true, url: new URL(ONOFFICE_ENDPOINTS.stable) });
    expect(checkEndpoint('latest')).toMatchObject({ ok: true, url: new URL(ONOFFICE_ENDPOINTS.latest) });
  });
  it('allows https anywhere and http only to loopback', () => {
    expect(checkEndpoint('https://example.test/api.php').ok).toBe(true);
    expect(checkEndpoint('http://127.0.0.1:8080/api/stable/api.php').ok).toBe(true);
    expect(checkEndpoint('http://[::1]:8080/api.php').ok).toBe(true);
    expect(checkEndpoint('http://localhost/api.php').ok).toBe(true);
    expect(checkEndpoint('http://api.onoffice.de/api/stable/api.php')).toMatchObject({ ok: false, reason: /https/ });
    expect(checkEndpoint('http://127.0.0.1.evil.test/')).toMatchObject({ ok: false });
    expect(checkEndpoint('ftp://127.0.0.1/')).toMatchObject({ ok: false, reason: /protocol/ });
    expect(checkEndpoint('not a url')).toMatchObject({ ok: false, reason: /not a URL/ });
    for (const inherited of ['constructor', 'toString', '__proto__']) expect(checkEndpoint(inherited)).toMatchObject({ ok: false, reason: /not a URL/ });
    expect(checkEndpoint('https://user:pw@example.test/')).toMatchObject({ ok: false, reason: /password/ });
  });
  it('knows loopback addresses', () => {
    expect(isLoopbackHost('127.255.0.1')).toBe(true);
    expect(isLoopbackHost('127.256.0.1')).toBe(false);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });
});
