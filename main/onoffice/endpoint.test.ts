import { describe, expect, it } from 'vitest';
import { render } from '../domain/i18n/index.ts';
import { checkEndpoint, isLoopbackHost, ONOFFICE_ENDPOINTS, type EndpointCheck } from './endpoint.ts';

/** The reason as a person reads it, in both languages. */
const reason = (check: EndpointCheck) => (check.ok ? null : { en: render('en', check.reason), de: render('de', check.reason) });

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
    expect(reason(checkEndpoint('http://api.onoffice.de/api/stable/api.php'))).toMatchObject({ en: /https/, de: /verwenden Sie https/ });
    expect(checkEndpoint('http://127.0.0.1.evil.test/')).toMatchObject({ ok: false });
    expect(reason(checkEndpoint('ftp://127.0.0.1/'))).toMatchObject({ en: /protocol ftp:/, de: /Protokoll ftp:/ });
    expect(reason(checkEndpoint('not a url'))).toMatchObject({ en: /not a URL: "not a url"/, de: /keine gültige Adresse: "not a url"/ });
    for (const inherited of ['constructor', 'toString', '__proto__']) expect(reason(checkEndpoint(inherited))?.en).toMatch(/not a URL/);
    expect(reason(checkEndpoint('https://user:pw@example.test/'))).toMatchObject({ en: /password/, de: /Passwort/ });
  });
  it('knows loopback addresses', () => {
    expect(isLoopbackHost('127.255.0.1')).toBe(true);
    expect(isLoopbackHost('127.256.0.1')).toBe(false);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });
});
