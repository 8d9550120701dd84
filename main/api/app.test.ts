import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName, type Result } from '../../preload/contract.ts';
import { render, type Text } from '../domain/i18n/index.ts';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import { createKeyStore } from '../electron/keystore.ts';
import { startTestServer } from '../../tests/support/http-server.ts';
import { standInSafeStorage } from '../../tests/support/safe-storage-stand-in.ts';
import { createAppServices } from './app.ts';
import type { AppServices } from './app-types.ts';

let dir: string;
let sandbox: SandboxHandle;
const open: AppServices[] = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-app-'));
  sandbox = await startSandbox({ scenarios: ['healthy-website', 'wrong-secret'], seed: 11 });
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function services(): Promise<AppServices> {
  const s = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir });
  open.push(s);
  return s;
}

/** Services as the desktop app builds them, over a stand-in for the OS key store (none exists where tests run). */
async function desktopServices(backend: 'gnome_libsecret' | 'basic_text'): Promise<AppServices> {
  const keyStore = createKeyStore(standInSafeStorage(backend).storage, 'linux');
  const s = await createAppServices({ host: 'electron', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir, keyStore });
  open.push(s);
  return s;
}

async function call<T = unknown>(s: AppServices, channel: ChannelName, request: unknown = {}): Promise<Result<T>> {
  return (await s.dispatch(channel, request)) as Result<T>;
}
/** A journal export as the browser host streams it, collected. */
async function streamedExport(s: AppServices, format: 'jsonl' | 'csv'): Promise<string> {
  const opened = s.openJournalExport({ format, filter: {}, exportId: `test-${format}-${Math.random().toString(36).slice(2, 10)}` });
  if (!opened.ok) throw new Error(opened.error.message);
  let out = '';
  await opened.value.pipe(async (chunk) => {
    out += chunk;
  }, new AbortController().signal);
  return out;
}

async function value<T = unknown>(s: AppServices, channel: ChannelName, request: unknown = {}): Promise<T> {
  const r = await call<T>(s, channel, request);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const PASSPHRASE = 'correct horse battery staple';
const CLAIM = 'c1aim-4f0e9d8c7b6a5f4e3d2c1b0a';

function user(scenario: string) {
  const u = sandbox.apiUsers.find((x) => x.scenario === scenario);
  if (!u) throw new Error(scenario);
  return u;
}

async function createProfile(s: AppServices, scenario = 'healthy-website') {
  const u = user(scenario);
  return value<{ id: string; credentials: { tokenHint: string; state: string } }>(s, 'profilesCreate', {
    label: `Website ${scenario}`,
    customer: 'Musterimmobilien GmbH',
    endpoint: { kind: 'custom', url: sandbox.endpoint },
    useCase: 'website',
    token: u.token,
    secret: u.secret,
  });
}

describe('app services', () => {
  it('starts locked without a passphrase, keeps profiles across a restart, and never returns a secret', async () => {
    const s1 = await services();
    expect(await value(s1, 'vaultState')).toMatchObject({ locked: true, passphraseSet: false, mode: 'passphrase' });
    expect(await call(s1, 'profilesCreate', { label: 'x', endpoint: { kind: 'stable' }, token: 'a'.repeat(32), secret: 'b'.repeat(64) })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    await value(s1, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const created = await createProfile(s1);
    const u = user('healthy-website');
    expect(created.credentials).toMatchObject({ state: 'ok', tokenHint: `${u.token.slice(0, 4)}…${u.token.slice(-4)}` });
    await s1.close();
    open.splice(open.indexOf(s1), 1);

    const s2 = await services();
    expect(await value(s2, 'vaultState')).toMatchObject({ locked: true, passphraseSet: true });
    const listedLocked = await value<Array<{ id: string; credentials: { state: string } }>>(s2, 'profilesList');
    expect(listedLocked).toHaveLength(1);
    expect(listedLocked[0]?.credentials.state).toBe('locked');
    expect(await call(s2, 'vaultUnlock', { passphrase: 'wrong passphrase here' })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await value(s2, 'vaultUnlock', { passphrase: PASSPHRASE });
    const listed = await value<Array<{ id: string; credentials: { state: string } }>>(s2, 'profilesList');
    expect(listed[0]).toMatchObject({ id: created.id, credentials: { state: 'ok' } });

    const everything = JSON.stringify([listed, await value(s2, 'profilesGet', { id: created.id }), await value(s2, 'appInfo'), await value(s2, 'vaultState')]);
    expect(everything).not.toContain(u.token);
    expect(everything).not.toContain(u.secret);
  });

  it('changes the app passphrase: every secret is re-sealed, the old passphrase stops working', async () => {
    const s1 = await services();
    await value(s1, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await createProfile(s1);
    const NEXT = 'an entirely new passphrase';
    expect(await call(s1, 'vaultSetPassphrase', { passphrase: NEXT })).toMatchObject({ ok: false, error: { code: 'passphrase-exists' } });
    expect(await call(s1, 'vaultSetPassphrase', { passphrase: NEXT, current: 'not the current one' })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await value(s1, 'vaultLock');
    expect(await value(s1, 'vaultSetPassphrase', { passphrase: NEXT, current: PASSPHRASE })).toMatchObject({ locked: false });
    expect(await value(s1, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate', parameters: { listlimit: 1 } })).toMatchObject({ ok: true });
    await s1.close();
    open.splice(open.indexOf(s1), 1);

    const s2 = await services();
    expect(await call(s2, 'vaultUnlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await value(s2, 'vaultUnlock', { passphrase: NEXT });
    expect(await value<Array<{ credentials: { state: string } }>>(s2, 'profilesList')).toEqual([expect.objectContaining({ credentials: expect.objectContaining({ state: 'ok' }) })]);
    expect(await value(s2, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate', parameters: { listlimit: 1 } })).toMatchObject({ ok: true });
  });

  it('seals with the OS key store, and moves every secret to an app passphrase in one step', async () => {
    const s = await desktopServices('gnome_libsecret');
    expect(await value(s, 'vaultState')).toMatchObject({ locked: false, mode: 'safestorage', backend: 'gnome_libsecret', passphraseSet: false });
    const p = await createProfile(s);
    expect(p.credentials).toMatchObject({ state: 'ok' });
    expect(await call(s, 'vaultSetPassphrase', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid-input', details: [{ field: 'passphrase' }] } });
    expect(await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE })).toMatchObject({ mode: 'passphrase', passphraseSet: true, locked: false });
    const [listed] = await value<Array<{ credentials: { state: string; cipher: string } }>>(s, 'profilesList');
    expect(listed?.credentials).toMatchObject({ state: 'ok', cipher: 'passphrase-v1' });
    expect(await value(s, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate', parameters: { listlimit: 1 } })).toMatchObject({ ok: true });
    await value(s, 'vaultLock');
    expect(await call(s, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate' })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('refuses the basic_text key store until the person accepts it', async () => {
    const s = await desktopServices('basic_text');
    expect(await value(s, 'vaultState')).toMatchObject({ weakStorageRefused: true, mode: 'passphrase', keyStoreBackend: 'basic_text' });
    expect(await value(s, 'vaultAcceptWeakStorage', { accept: true })).toMatchObject({ weakStorageRefused: false, mode: 'safestorage', backend: 'basic_text', locked: false });
    expect((await createProfile(s)).credentials).toMatchObject({ state: 'ok' });
  });

  it('explains bad credentials in plain words with field details', async () => {
    const s = await services();
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

  it('makes console calls through the journal, redacted', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const good = await createProfile(s);
    const bad = await createProfile(s, 'wrong-secret');
    const appended: number[] = [];
    s.onEvent((event, payload) => {
      if (event === 'journalAppended') appended.push((payload as { count: number }).count);
    });

    const ok = await value<{ ok: boolean; results: Array<{ ok: boolean; records?: unknown[] }> }>(s, 'consoleCall', {
      profileId: good.id,
      kind: 'read',
      resourcetype: 'estate',
      parameters: { data: ['Id', 'objekttitel'], listlimit: 2 },
    });
    expect(ok.ok).toBe(true);
    expect(ok.results[0]?.records?.length).toBe(2);

    const failed = await value<{ ok: boolean; results: Array<{ ok: boolean; errorcode?: number; category?: string; fix?: string }> }>(s, 'consoleCall', {
      profileId: bad.id,
      kind: 'read',
      resourcetype: 'estate',
      parameters: {},
    });
    expect(failed.ok).toBe(false);
    expect(failed.results[0]).toMatchObject({ ok: false, errorcode: 137, category: 'credentials' });
    expect(failed.results[0]?.fix).toBeTruthy();
    expect(appended).toEqual([1, 1]);

    const page = await value<{ entries: Array<{ id: number; profileId: string; errorcode: number | null; category: string | null }> }>(s, 'journalQuery', { filter: {} });
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0]).toMatchObject({ profileId: bad.id, errorcode: 137, category: 'credentials' });
    // A list page carries summaries: no body, no exchange particulars.
    for (const entry of page.entries) {
      for (const key of ['requestBody', 'responseBody', 'host', 'identifier', 'attempt']) expect(entry).not.toHaveProperty(key);
    }
    expect(JSON.stringify(page)).not.toContain('"request"');
    const opened = await value<{ id: number; requestBody: string; responseBody: string | null; host: string }>(s, 'journalEntry', { id: page.entries[1]?.id });
    expect(opened).toMatchObject({ id: page.entries[1]?.id, host: expect.any(String) });
    expect(opened.requestBody).toContain(good.credentials.tokenHint);
    expect(opened.responseBody).toBeTruthy();
    expect(await call(s, 'journalEntry', { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const failedOnly = await value<{ entries: unknown[] }>(s, 'journalQuery', { filter: { status: 'failed' } });
    expect(failedOnly.entries).toHaveLength(1);

    const exported = [await streamedExport(s, 'jsonl'), await streamedExport(s, 'csv')];
    expect(exported[0]?.split('\n')).toHaveLength(3);
    const all = JSON.stringify(page) + JSON.stringify(opened) + exported.join('');
    for (const scenario of ['healthy-website', 'wrong-secret']) {
      expect(all).not.toContain(user(scenario).token);
      expect(all).not.toContain(user(scenario).secret);
    }
    expect(all).toContain(good.credentials.tokenHint);
    expect(await value(s, 'journalCount', { filter: { status: 'failed' } })).toMatchObject({ count: 1, exact: true });
    const counted = await value<{ count: number; exact: boolean; newestId: number }>(s, 'journalCount', { filter: {} });
    expect(counted).toEqual({ count: 2, exact: true, newestId: page.entries[0]?.id });
    expect(await value(s, 'journalClear', { throughId: counted.newestId })).toEqual({ deleted: 2 });
    expect(await value(s, 'journalCount', { filter: {} })).toEqual({ count: 0, exact: true, newestId: null });
  });

  it("takes a marketplace API user's claim once, sends it with every call, and only ever answers hasApiClaim", async () => {
    const server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 193, message: `bad claim ${CLAIM}` } }] } }));
    });
    try {
      const s = await services();
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

  it('refuses signing while locked', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await createProfile(s);
    await value(s, 'vaultLock');
    expect(await call(s, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(sandbox.control.requestCount()).toBe(0);
  });

  it('backs up and restores profiles with their credentials', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await createProfile(s);
    const copy = await value<{ id: string; label: string }>(s, 'profilesDuplicate', { id: p.id, withCredentials: false });
    const both = await value<{ withoutCredentials: string[] }>(s, 'backupExport', { profileIds: [p.id, copy.id], includeSecrets: true, passphrase: 'backup passphrase 1' });
    expect(both.withoutCredentials).toEqual([copy.label]);
    await value(s, 'profilesDelete', { id: copy.id });
    const file = await value<{ content: string; fileName: string; withoutCredentials: string[] }>(s, 'backupExport', { profileIds: [p.id], includeSecrets: true, passphrase: 'backup passphrase 1' });
    expect(file.withoutCredentials).toEqual([]);
    expect(file.content).not.toContain(user('healthy-website').secret);
    expect(file.content).not.toContain(user('healthy-website').token);
    expect(await call(s, 'backupInspect', { content: file.content, passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    const entries = await value<Array<{ id: string; conflict: boolean; hasCredentials: boolean }>>(s, 'backupInspect', { content: file.content, passphrase: 'backup passphrase 1' });
    expect(entries).toEqual([expect.objectContaining({ id: p.id, conflict: true, hasCredentials: true })]);
    expect(await value(s, 'backupImport', { content: file.content, passphrase: 'backup passphrase 1', choices: { [p.id]: 'keep-both' } })).toEqual({ imported: 1, skipped: 0, credentialsDropped: [] });
    const listed = await value<Array<{ credentials: { state: string } }>>(s, 'profilesList');
    expect(listed).toHaveLength(2);
    expect(listed.every((x) => x.credentials.state === 'ok')).toBe(true);
  });

  it('runs the onboarding check, ties evidence to the journal, keeps the history and renders reports', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await createProfile(s);
    const progress: Array<{ runId: string; done: number; total: number }> = [];
    s.onEvent((event, payload) => {
      if (event === 'checksProgress') progress.push(payload as { runId: string; done: number; total: number });
    });
    const run = await value<{ id: string; ok: boolean; requests: number; findings: Array<{ id: string; status: string; evidence: { journalIds?: number[] } }> }>(
      s,
      'checksRun',
      { profileId: p.id },
    );
    expect(run.ok).toBe(true);
    expect(run.requests).toBeLessThanOrEqual(2);
    expect(run.findings.find((f) => f.id === 'connection')?.status).toBe('pass');
    expect(progress.length).toBe(run.findings.length);
    expect(progress.every((x) => x.runId === run.id)).toBe(true);

    const tagged = await value<{ entries: Array<{ id: number; runId: string | null }> }>(s, 'journalQuery', { filter: { runId: run.id } });
    expect(tagged.entries.length).toBeGreaterThan(0);
    const journalIds = new Set(tagged.entries.map((e) => e.id));
    const cited = run.findings.flatMap((f) => f.evidence.journalIds ?? []);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((id) => journalIds.has(id))).toBe(true);

    expect(await value(s, 'checksHistory', { profileId: p.id })).toEqual([expect.objectContaining({ id: run.id, useCase: 'website' })]);
    expect(await value(s, 'checksGet', { runId: run.id })).toEqual(run);
    const listed = await value<Array<{ lastCheck: { fail: number; runId: string } | null }>>(s, 'profilesList');
    expect(listed[0]?.lastCheck).toMatchObject({ fail: 0, runId: run.id });
    for (const format of ['markdown', 'html'] as const) {
      const report = await value<{ content: string; fileName: string }>(s, 'checksReport', { runId: run.id, format, language: 'de' });
      expect(report.fileName).toMatch(format === 'markdown' ? /\.md$/ : /\.html$/);
      expect(report.content).not.toContain(user('healthy-website').token);
      expect(report.content).not.toContain(user('healthy-website').secret);
    }
  });

  it('reports a wrong secret as a failed credentials finding', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await createProfile(s, 'wrong-secret');
    const run = await value<{ ok: boolean; findings: Array<{ id: string; status: string }> }>(s, 'checksRun', { profileId: p.id, useCase: 'portal-export' });
    expect(run.ok).toBe(false);
    expect(run.findings.find((f) => f.id === 'credentials')?.status).toBe('fail');
    expect(await call(s, 'checksRun', { profileId: p.id, customRights: [{ module: 'nonsense', action: 'read' }] })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('keeps settings and rejects invalid ones', async () => {
    const s = await services();
    expect(await value(s, 'settingsSet', { language: 'en', autoLockMinutes: 5 })).toMatchObject({ language: 'en', autoLockMinutes: 5 });
    expect(await call(s, 'settingsSet', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call(s, 'settingsSet', { nonsense: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await value(s, 'settingsGet')).toMatchObject({ language: 'en', autoLockMinutes: 5 });
  });

  it('counts the language as chosen only when the person chose it, not when it followed the system', async () => {
    const s = await services();
    expect(await value(s, 'settingsGet')).toMatchObject({ languageChosen: false });
    expect(await value(s, 'settingsSet', { language: 'en' })).toMatchObject({ language: 'en', languageChosen: false });
    expect(await value(s, 'settingsSet', { theme: 'dark' })).toMatchObject({ language: 'en', languageChosen: false });
    expect(await value(s, 'settingsSet', { language: 'de', languageChosen: true })).toMatchObject({ language: 'de', languageChosen: true });
    expect(await value(s, 'settingsSet', { theme: 'light' })).toMatchObject({ language: 'de', languageChosen: true });
  });

  it('keeps the update setting across a restart; the browser version answers that it has no updates', async () => {
    const s1 = await services();
    expect(await value(s1, 'settingsGet')).toMatchObject({ updates: { check: true } });
    expect(await value(s1, 'settingsSet', { updates: { check: false } })).toMatchObject({ updates: { check: false }, language: 'de' });
    expect(await call(s1, 'settingsSet', { updates: { check: true, channel: 'beta' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call(s1, 'settingsSet', { updates: {} })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await s1.close();
    open.splice(open.indexOf(s1), 1);

    const s2 = await services();
    expect(await value(s2, 'settingsGet')).toMatchObject({ updates: { check: false } });
    for (const channel of ['updateGet', 'updateCheckNow', 'updateRestart'] as const) {
      expect(await call(s2, channel), channel).toMatchObject({ ok: false, error: { code: 'updates-unavailable' } });
    }
  });

  it('answers random payloads on every channel with an envelope, never an exception', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES.filter((c) => c !== 'vaultLock' && c !== 'journalClear')), fc.anything(), async (channel, payload) => {
        const r = await s.dispatch(channel, payload);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(typeof r.error.code).toBe('string');
      }),
      { numRuns: 150 },
    );
    expect(await s.dispatch('noSuchChannel', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await s.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});
