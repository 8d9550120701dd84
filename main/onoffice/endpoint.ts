/** Where calls may go: onOffice's two API URLs, or a custom one — https only, plain http only to loopback. */
import { T, verbatim, type Text } from '../domain/i18n/index.ts';

export const ONOFFICE_ENDPOINTS = {
  stable: 'https://api.onoffice.de/api/stable/api.php',
  latest: 'https://api.onoffice.de/api/latest/api.php',
} as const;

export type EndpointChoice = keyof typeof ONOFFICE_ENDPOINTS | string;

/** `reason` is a catalogue text (section `errors`), so the person reads it in their own language. */
export type EndpointCheck = { ok: true; url: URL } | { ok: false; reason: Text };

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine (the local sandbox). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((n) => Number(n) <= 255);
}

export function checkEndpoint(choice: EndpointChoice): EndpointCheck {
  const raw = Object.hasOwn(ONOFFICE_ENDPOINTS, choice) ? ONOFFICE_ENDPOINTS[choice as keyof typeof ONOFFICE_ENDPOINTS] : choice;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: T('errors.endpoint.notUrl', { url: verbatim(JSON.stringify(raw.slice(0, 200))) }) };
  }
  if (url.username || url.password) return { ok: false, reason: T('errors.endpoint.credentialsInUrl') };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url };
  if (url.protocol === 'http:') return { ok: false, reason: T('errors.endpoint.plainHttp') };
  return { ok: false, reason: T('errors.endpoint.protocol', { protocol: verbatim(url.protocol) }) };
}
