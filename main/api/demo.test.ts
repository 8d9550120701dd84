import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, CheckPreferences, CheckRun, ProfileView, Result } from '../../preload/contract.ts';
import { translate } from '../domain/i18n/index.ts';
import { SCENARIO_NAMES, startSandbox } from '../sandbox/index.ts';
import { TEST_SCRYPT } from '../store/secrets.ts';
import { createAppServices } from './app.ts';
import type { AppServices } from './app-types.ts';
import { DEMO_SEED } from './demo.ts';

let dir: string;
const open: AppServices[] = [];
const servers: Server[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-demo-'));
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function services(): Promise<AppServices> {
  const s = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir, scrypt: TEST_SCRYPT });
  open.push(s);
  return s;
}

async function call<T>(s: AppServices, channel: ChannelName, request: unknown = {}): Promise<Result<T>> {
  return (await s.dispatch(channel, request)) as Result<T>;
}
async function value<T>(s: AppServices, channel: ChannelName, request: unknown = {}): Promise<T> {
  const r = await call<T>(s, channel, request);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const PASSPHRASE = 'correct horse battery staple';
const byScenarioLabel = (list: readonly ProfileView[], scenario: string, language: 'de' | 'en' = 'de'): ProfileView => {
  const label = translate(language, 'demo.label', { scenario: translate(language, `demo.scenario.${scenario}` as Parameters<typeof translate>[1]) });
  const found = list.find((p) => p.label === label);
  if (!found) throw new Error(`no demo profile labelled ${label}`);
  return found;
};

/** Whether anything answers HTTP at the address: a stopped sandbox refuses the connection. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'POST', body: '{}' });
    return true;
  } catch {
    return false;
  }
}

/** Takes a port, so the sandbox cannot listen on it again. */
async function occupy(port: number): Promise<void> {
  const server = createServer((_req, res) => res.end('not the sandbox'));
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

describe('the demo', () => {
  it('refuses while the vault is locked, with the locked error, and starts nothing', async () => {
    const s = await services();
    expect(await call(s, 'demoStart')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await value<ProfileView[]>(s, 'profilesList')).toEqual([]);
  });

  it('makes one demo profile per scenario against the sandbox, checks one for real, survives a restart on another port, and goes away whole', async () => {
    let s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const mine = await value<ProfileView>(s, 'profilesCreate', { label: 'Mein Profil', endpoint: { kind: 'stable' }, token: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', secret: 'f'.repeat(64) });
    expect(mine.demo).toBe(false);

    const demo = await value<ProfileView[]>(s, 'demoStart');
    expect(demo).toHaveLength(SCENARIO_NAMES.length);
    const endpoint = demo[0]?.endpoint.url ?? '';
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/stable\/api\.php$/);
    for (const p of demo) {
      expect(p).toMatchObject({ demo: true, endpoint: { kind: 'custom', url: endpoint }, credentials: { state: 'ok' } });
      expect(p.label.startsWith('Demo: ')).toBe(true);
    }
    // The sandbox hands out the same credentials for its seed: none of them ever comes back.
    const reference = await startSandbox({ scenarios: 'all', seed: DEMO_SEED });
    await reference.stop();
    const answered = JSON.stringify(await value(s, 'profilesList'));
    for (const u of reference.apiUsers) {
      expect(answered).not.toContain(u.token);
      expect(answered).not.toContain(u.secret);
    }

    const healthy = byScenarioLabel(demo, 'healthy-website');
    expect(healthy.useCase).toBe('website');
    expect(byScenarioLabel(demo, 'admin-log-reader').useCase).toBe('log-reader');
    expect(byScenarioLabel(demo, 'marketplace-provider').credentials.hasApiClaim).toBe(true);
    const prefs = await value<CheckPreferences>(s, 'checksPreferencesGet', { profileId: healthy.id });
    expect(prefs.mailIdentity).toMatch(/^website@.+\.example$/);

    // A second click adds nothing.
    expect((await value<ProfileView[]>(s, 'demoStart')).map((p) => p.id).sort()).toEqual(demo.map((p) => p.id).sort());
    expect(await value<ProfileView[]>(s, 'profilesList')).toHaveLength(SCENARIO_NAMES.length + 1);

    // A real check through the app's own path, over loopback.
    const run = await value<CheckRun>(s, 'checksRun', { profileId: healthy.id, mail: { identity: prefs.mailIdentity } });
    expect(run.summary.fail).toBe(0);
    expect((await value<ProfileView>(s, 'profilesGet', { id: healthy.id })).lastCheck).toMatchObject({ fail: 0, inconclusive: 0, runId: run.id });
    const wrong = await value<CheckRun>(s, 'checksRun', { profileId: byScenarioLabel(demo, 'wrong-secret').id });
    expect(wrong.findings.find((f) => f.id === 'credentials')?.status).toBe('fail');

    // Restart with the old port taken: the sandbox comes back elsewhere and the demo profiles follow it.
    await s.close();
    open.splice(open.indexOf(s), 1);
    expect(await answers(endpoint)).toBe(false);
    await occupy(Number(new URL(endpoint).port));
    s = await services();
    const after = await value<ProfileView[]>(s, 'profilesList');
    const moved = after.find((p) => p.id === healthy.id)?.endpoint.url ?? '';
    expect(moved).not.toBe(endpoint);
    expect(moved).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/stable\/api\.php$/);
    expect(after.filter((p) => p.demo).every((p) => p.endpoint.url === moved)).toBe(true);
    expect(after.find((p) => p.id === mine.id)?.endpoint.url).toBe('https://api.onoffice.de/api/stable/api.php');
    await value(s, 'vaultUnlock', { passphrase: PASSPHRASE });
    const again = await value<CheckRun>(s, 'checksRun', { profileId: healthy.id });
    expect(again.findings.find((f) => f.id === 'credentials')?.status).toBe('pass');

    expect(await value(s, 'demoRemove')).toEqual({ removed: SCENARIO_NAMES.length });
    expect((await value<ProfileView[]>(s, 'profilesList')).map((p) => p.id)).toEqual([mine.id]);
    expect(await call(s, 'checksPreferencesGet', { profileId: healthy.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await answers(moved)).toBe(false);
    expect(await value(s, 'demoRemove')).toEqual({ removed: 0 });
  });

  it('names the demo profiles in the language chosen', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    await value(s, 'settingsSet', { language: 'en' });
    const demo = await value<ProfileView[]>(s, 'demoStart');
    expect(byScenarioLabel(demo, 'healthy-website', 'en').label).toBe('Demo: Healthy website');
    expect(byScenarioLabel(demo, 'no-mailbox', 'en').notes).toBe(translate('en', 'demo.scenario.no-mailbox.about'));
  });
});

describe('check preferences', () => {
  it('keeps the mail identity beside the website language, each set on its own', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await value<ProfileView>(s, 'profilesCreate', { label: 'P', endpoint: { kind: 'stable' }, token: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', secret: 'f'.repeat(64) });
    expect(await value(s, 'checksPreferencesGet', { profileId: p.id })).toEqual({ language: null, mailIdentity: null });
    expect(await value(s, 'checksPreferencesSet', { profileId: p.id, mailIdentity: ' website@example.com ' })).toEqual({ language: null, mailIdentity: 'website@example.com' });
    expect(await value(s, 'checksPreferencesSet', { profileId: p.id, language: 'ENG' })).toEqual({ language: 'ENG', mailIdentity: 'website@example.com' });
    expect(await value(s, 'checksPreferencesSet', { profileId: p.id, mailIdentity: null })).toEqual({ language: 'ENG', mailIdentity: null });
    expect(await call(s, 'checksPreferencesSet', { profileId: p.id, mailIdentity: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
