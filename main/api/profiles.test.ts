/**
 * The profiles domain: bad credentials explained with field details, and a marketplace API user's claim kept secret.
 */
import { describe, expect, it } from 'vitest';
import { type ChannelName } from '../../preload/contract.ts';
import { render, type Text } from '../domain/i18n/index.ts';
import { startTestServer } from '../../tests/support/http-server.ts';
import { PASSPHRASE, call, streamedExport, useServicesKit, value } from './testkit.ts';

const kit = useServicesKit();
const CLAIM = 'c1aim-4f0e9d8c7b6a5f4e3d2c1b0a';

describe('profiles', () => {
  it('explains bad credentials in plain words with field details', async () => {
    const s = await kit.services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const short = await call(s, 'profilesCreate', { label: 'x', endpoint: { kind: 'stable' }, token: 'a'.repeat(31), secret: 'b'.repeat(64) });
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid-input', details: [{ field: 'token' }] } });
    const swapped = await call(s, 'profilesCreate', { label: 'x', endpoint: { kind: 'stable' }, token: 'b'.repeat(64), secret: 'a'.repeat(32) });
    expect(swapped.ok).toBe(false);
    if (!swapped.ok) expect(JSON.stringify(swapped.error)).toMatch(/swap/i);
    const http = await call(s, 'profilesCreate', { label: 'x', endpoint: { kind: 'custom', url: 'http://example.test/api.php' }, token: 'a'.repeat(32), secret: 'b'.repeat(64) });
    expect(http.ok).toBe(false);
    // The address's problem reaches the page as a text too, so a German page says it in German.
    const detail = http.ok ? undefined : (http.error.details as { field: string; text?: Text }[]).find((d) => d.field.startsWith('endpoint'));
    expect(detail?.text === undefined ? null : render('de', detail.text)).toMatch(/^Die Adresse kann nicht verwendet werden: einfaches http ist nur zu diesem Rechner erlaubt/);
  });
  it("takes a marketplace API user's claim once, sends it with every call, and only ever answers hasApiClaim", async () => {
    const server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 193, message: `bad claim ${CLAIM}` } }] } }));
    });
    try {
      const s = await kit.services();
      await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
      const answers: unknown[] = [];
      const keep = async <T>(channel: ChannelName, request: unknown = {}): Promise<T> => {
        const answer = await value<T>(s, channel, request);
        answers.push(answer);
        return answer;
      };
      const credentials = { token: 'a'.repeat(32), secret: 'b'.repeat(64) };
      const p = await keep<{ id: string; credentials: { hasApiClaim: boolean } }>('profilesCreate', {
        label: 'Anbieter',
        endpoint: { kind: 'custom', url: server.url.href },
        ...credentials,
        apiClaim: ` ${CLAIM} `,
      });
      expect(p.credentials.hasApiClaim).toBe(true);
      const outcome = await keep<{ results: Array<{ errorcode: number; category: string }> }>('consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate' });
      expect(outcome.results[0]).toMatchObject({ errorcode: 193, category: 'marketplace' });
      expect(JSON.parse(server.bodies[0] ?? '{}').request.actions[0].parameters).toEqual({ extendedclaim: CLAIM });
      await keep('profilesList');
      await keep('journalQuery', { filter: {} });
      answers.push(await streamedExport(s, 'csv'));
      for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(CLAIM);

      const invalid = await call(s, 'profilesRotateCredentials', { id: p.id, ...credentials, apiClaim: 'clä1m-with-umlaut' });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input', details: [{ field: 'apiClaim', code: 'apiClaim-non-ascii' }] } });
      expect(JSON.stringify(invalid)).not.toContain('clä1m');
      const rotated = await value<{ credentials: { hasApiClaim: boolean } }>(s, 'profilesRotateCredentials', { id: p.id, ...credentials });
      expect(rotated.credentials.hasApiClaim).toBe(false);
    } finally {
      await server.close();
    }
  });
});
