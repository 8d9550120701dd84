import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../api/app.ts';
import type { AppServices } from '../api/app-types.ts';
import { BROWSER_CSP, startBrowserHost, type BrowserHost } from './server.ts';

let dir: string;
let services: AppServices;
let host: BrowserHost;
const SESSION = 's'.repeat(43);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-host-'));
  const renderer = path.join(dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>API User Desk</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'outside.txt'), 'private');
  services = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: path.join(dir, 'data') });
  host = await startBrowserHost({ services, rendererDir: renderer, sessionToken: SESSION });
});
afterEach(async () => {
  await host.stop();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw requests, so Host and Origin can be set as an attacker's page would. */
function request(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: pathname, headers: { Host: url.host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const bridge = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request('POST', `/bridge/call/${channel}`, { 'Content-Type': 'application/json', 'X-Desk-Session': SESSION, Origin: host.origin, ...headers }, JSON.stringify(body));

describe('browser host', () => {
  it('prints a loopback URL carrying the session in the fragment', () => {
    expect(host.url).toBe(`${host.origin}/#session=${SESSION}`);
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the renderer with a strict CSP and refuses paths outside it', async () => {
    const index = await request('GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('API User Desk');
    expect(index.headers['content-security-policy']).toBe(BROWSER_CSP);
    expect(BROWSER_CSP).toContain("default-src 'none'");
    expect((await request('GET', '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await request('GET', '/profiles/123')).body).toContain('API User Desk');
    for (const evil of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt']) {
      const r = await request('GET', evil);
      expect(r.body, evil).not.toContain('private');
    }
    expect((await request('GET', '/missing.js')).status).toBe(404);
  });

  it('answers contract calls with the session token', async () => {
    const r = await bridge('vaultState', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { locked: true, passphraseSet: false } });
    expect(JSON.parse((await bridge('nope', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const broken = await request('POST', '/bridge/call/vaultState', { 'Content-Type': 'application/json', 'X-Desk-Session': SESSION }, '{oops');
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses calls without the session, from another origin, or for another host name (DNS rebinding)', async () => {
    expect((await bridge('vaultState', {}, { 'X-Desk-Session': 'wrong' })).status).toBe(403);
    expect((await request('POST', '/bridge/call/vaultState', { 'Content-Type': 'application/json' }, '{}')).status).toBe(403);
    expect((await bridge('vaultState', {}, { Origin: 'http://evil.test' })).status).toBe(403);
    expect((await bridge('vaultState', {}, { Host: `evil.test:${new URL(host.origin).port}` })).status).toBe(421);
    expect((await request('GET', '/', { Host: 'rebind.evil.test' })).status).toBe(421);
    expect((await bridge('vaultState', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await request('GET', '/bridge/events?session=wrong')).status).toBe(403);
  });

  it('streams events to the page', async () => {
    const url = new URL(host.origin);
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: url.hostname, port: url.port, path: `/bridge/events?session=${SESSION}`, headers: { Host: url.host } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('event: vaultChanged')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    await bridge('vaultSetPassphrase', { passphrase: 'a long enough passphrase' });
    expect(await received).toMatch(/event: vaultChanged\ndata: \{.*"locked":false/);
  });
});
