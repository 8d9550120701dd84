import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleResult, Result } from '../../preload/contract.ts';
import { tokenHint } from '../onoffice/mask.ts';
import { startTestServer, type TestServer } from '../../tests/support/http-server.ts';
import { createAppServices } from './app.ts';
import type { AppServices } from './app-types.ts';
import { redactDeep } from '../onoffice/redact.ts';

// Characters that JSON escapes (`"`, `/` as PHP writes it), so the escaped spelling differs from the plain one.
const TOKEN = '7e1d0c3b9a8f4e2d6c5b1a0f9e8d7c6b';
const SECRET = 'S3"cr/t-9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8';
const CLAIM = 'c1aim-4f0e9d8c7b6a5f4e3d2c1b0a';
const PASSPHRASE = 'correct horse battery staple';

let dir: string;
let services: AppServices;
let server: TestServer;
let mode: 'records' | 'action-failure' | 'top-failure' | 'error-page' = 'records';

interface Sent {
  token: string;
  request: { actions: Array<{ actionid: string; identifier: string; hmac: string; parameters: { extendedclaim: string } }> };
}

/** Everything a server could echo from a request: in clear, JSON-escaped as PHP writes it, and cut off at the end. */
function echoes(sent: Sent) {
  const action = sent.request.actions[0];
  if (!action) throw new Error('no action');
  const escaped = JSON.stringify(SECRET).slice(1, -1).replaceAll('/', '\\/');
  return {
    action,
    hmac: action.hmac,
    text: `token ${sent.token} secret ${SECRET} escaped ${escaped} hmac ${action.hmac} claim ${action.parameters.extendedclaim}`,
    escaped,
  };
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-console-'));
  server = await startTestServer((_req, res, body) => {
    const sent = JSON.parse(body) as Sent;
    const { action, hmac, text, escaped } = echoes(sent);
    const status = (errorcode: number, message: string) => ({ errorcode, message });
    const answers = {
      records: {
        status: { code: 200, errorcode: 0, message: `OK ${text}` },
        response: {
          results: [
            {
              actionid: action.actionid,
              resourceid: '',
              resourcetype: 'estate',
              identifier: action.identifier,
              data: {
                meta: { cntabsolute: 1 },
                records: [
                  {
                    id: sent.token,
                    type: `estate ${hmac}`,
                    elements: {
                      objekttitel: `Titel ${sent.token}`,
                      [sent.token]: 'the token as a key',
                      notiz: `escaped ${escaped}`,
                      freitext: `cut off: ${SECRET.slice(0, 40)}`,
                      kurz: `cut off: ${sent.token.slice(0, 20)}`,
                      signatur: hmac,
                      anspruch: action.parameters.extendedclaim,
                      liste: [{ tief: text }, 42, null, true],
                      zimmer: 3,
                    },
                  },
                ],
              },
              status: status(0, 'OK'),
            },
          ],
        },
      },
      'action-failure': {
        status: { code: 200, errorcode: 97, message: 'an action failed' },
        response: { results: [{ actionid: action.actionid, resourceid: '', resourcetype: 'estate', identifier: action.identifier, data: { meta: { cntabsolute: null }, records: [] }, status: status(80, text) }] },
      },
      'top-failure': { status: { code: 400, errorcode: 22, message: text } },
    };
    if (mode === 'error-page') {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end(`<html><body>Bad gateway for ${text}</body></html>`);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answers[mode]));
  });
  services = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir });
});
afterEach(async () => {
  await services.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every string in a value, object keys included. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  return [];
}

describe('console', () => {
  it('redacts what the server echoes (token, secret also escaped and cut off, signature, claim) before it leaves main', async () => {
    await services.dispatch('vaultSetPassphrase', { passphrase: PASSPHRASE });
    const created = await services.dispatch('profilesCreate', {
      label: 'Anbieter',
      endpoint: { kind: 'custom', url: server.url.href },
      token: TOKEN,
      secret: SECRET,
      apiClaim: CLAIM,
    });
    if (!created.ok) throw new Error(created.error.code);
    const profileId = (created.value as { id: string }).id;

    for (const m of ['records', 'action-failure', 'top-failure', 'error-page'] as const) {
      mode = m;
      const result = (await services.dispatch('consoleCall', { profileId, kind: 'read', resourcetype: 'estate' })) as Result<ConsoleResult>;
      if (!result.ok) throw new Error(`${m}: ${result.error.code}`);
      const hmacs = server.bodies.map((b) => echoes(JSON.parse(b) as Sent).hmac);
      const escaped = JSON.stringify(SECRET).slice(1, -1);
      const forbidden = [TOKEN.slice(0, 12), SECRET.slice(0, 12), escaped.slice(0, 12), escaped.replaceAll('/', '\\/').slice(0, 12), CLAIM, ...hmacs];
      for (const text of stringsIn(result.value)) {
        for (const f of forbidden) expect(text, m).not.toContain(f);
      }
      if (m === 'records') {
        const first = result.value.results[0];
        if (!first?.ok) throw new Error('no records');
        const elements = first.records[0]?.elements as Record<string, unknown>;
        // The token becomes its hint, as in the journal; numbers and the shape stay.
        expect(elements.objekttitel).toBe(`Titel ${tokenHint(TOKEN)}`);
        expect(elements[tokenHint(TOKEN)]).toBe('the token as a key');
        expect(elements.zimmer).toBe(3);
        expect((elements.liste as unknown[]).slice(1)).toEqual([42, null, true]);
        // The raw answer, for the page's JSON view: the server's own JSON, redacted like the journal's copy.
        const raw = JSON.parse(result.value.response ?? 'null') as { response: { results: Array<{ data: { records: Array<{ elements: Record<string, unknown> }> } }> } };
        expect(raw.response.results[0]?.data.records[0]?.elements.objekttitel).toBe(`Titel ${tokenHint(TOKEN)}`);
      }
      if (m === 'error-page') expect(result.value.response).toContain('Bad gateway');
    }
    // The error page was asked for three times (a read is retried on 5xx), each attempt with its own signature.
    expect(server.bodies).toHaveLength(6);
  });

  it('refuses a call that changes data unless it was confirmed, in the chosen language, before anything is sent', async () => {
    mode = 'records';
    await services.dispatch('vaultSetPassphrase', { passphrase: PASSPHRASE });
    await services.dispatch('settingsSet', { language: 'de' });
    const created = await services.dispatch('profilesCreate', { label: 'Anbieter', endpoint: { kind: 'custom', url: server.url.href }, token: TOKEN, secret: SECRET });
    if (!created.ok) throw new Error(created.error.code);
    const profileId = (created.value as { id: string }).id;
    for (const kind of ['create', 'modify', 'delete', 'do'] as const) {
      const refused = await services.dispatch('consoleCall', { profileId, kind, resourcetype: 'estate', resourceid: '17' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'confirmation-required', message: expect.stringContaining(`${kind}-Aufruf`) } });
      // Only `true` confirms: a truthy stand-in is not a confirmation.
      const sloppy = await services.dispatch('consoleCall', { profileId, kind, resourcetype: 'estate', confirmed: 'yes' });
      expect(sloppy).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(server.bodies).toHaveLength(0);
    expect(await services.dispatch('consoleCall', { profileId, kind: 'modify', resourcetype: 'estate', resourceid: '17', confirmed: true })).toMatchObject({ ok: true });
    expect(await services.dispatch('consoleCall', { profileId, kind: 'read', resourcetype: 'estate' })).toMatchObject({ ok: true });
    expect(server.bodies.map((b) => (JSON.parse(b) as { request: { actions: Array<{ actionid: string }> } }).request.actions[0]?.actionid)).toEqual([
      'urn:onoffice-de-ns:smart:2.5:smartml:action:modify',
      'urn:onoffice-de-ns:smart:2.5:smartml:action:read',
    ]);
  });

  it('redactDeep leaves everything but strings alone', () => {
    const upper = (s: string) => s.toUpperCase();
    expect(redactDeep({ a: ['x', 1, null, { b: false, c: 'y' }] }, upper)).toEqual({ A: ['X', 1, null, { B: false, C: 'Y' }] });
  });
});
