/**
 * The check channels over real SQLite and the sandbox: a re-check of some steps is kept as a partial run and leaves
 * the profile's last (full) check alone; a finding's calls are found in the journal by their ids.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, CheckRun, CheckRunMeta, ProfileView, Result } from '../../preload/contract.ts';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import { createAppServices } from './app.ts';
import type { AppServices } from './app-types.ts';

let dir: string;
let sandbox: SandboxHandle;
let s: AppServices;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-checks-'));
  sandbox = await startSandbox({ scenarios: ['healthy-website', 'wrong-secret'], seed: 11 });
  s = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir });
});
afterEach(async () => {
  await s.close();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function value<T = unknown>(channel: ChannelName, request: unknown = {}): Promise<T> {
  const r = (await s.dispatch(channel, request)) as Result<T>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function profile(scenario: string): Promise<ProfileView> {
  const u = sandbox.apiUsers.find((x) => x.scenario === scenario);
  if (!u) throw new Error(scenario);
  return value<ProfileView>('profilesCreate', { label: scenario, endpoint: { kind: 'custom', url: sandbox.endpoint }, useCase: 'website', token: u.token, secret: u.secret });
}

const lastCheckOf = async (id: string) => (await value<ProfileView[]>('profilesList')).find((p) => p.id === id)?.lastCheck ?? null;

describe('partial check runs', () => {
  it('keeps a re-check of some steps with its steps, and leaves the last full check as the profile’s', async () => {
    await value('vaultSetPassphrase', { passphrase: 'correct horse battery staple' });
    const p = await profile('healthy-website');

    const full = await value<CheckRun>('checksRun', { profileId: p.id });
    expect(full.steps).toBeUndefined();
    expect(await lastCheckOf(p.id)).toMatchObject({ runId: full.id });

    const partial = await value<CheckRun>('checksRun', { profileId: p.id, steps: ['rights'] });
    expect(partial.steps).toEqual(['rights']);
    expect(partial.findings.some((f) => f.id.startsWith('rights:'))).toBe(true);
    expect(partial.findings.some((f) => f.id.startsWith('publish:'))).toBe(false);
    // The profile list still shows the full run.
    expect(await lastCheckOf(p.id)).toMatchObject({ runId: full.id });

    expect(await value<CheckRun>('checksGet', { runId: partial.id })).toEqual(partial);
    const history = await value<CheckRunMeta[]>('checksHistory', { profileId: p.id });
    expect(history.find((m) => m.id === partial.id)?.steps).toEqual(['rights']);
    expect(history.find((m) => m.id === full.id)?.steps).toBeUndefined();

    // Every step picked is a full run again.
    const every = await value<CheckRun>('checksRun', { profileId: p.id, steps: ['connection', 'rights', 'publish', 'estates', 'fields', 'mailbox', 'log'] });
    expect(every.steps).toBeUndefined();
    expect(await lastCheckOf(p.id)).toMatchObject({ runId: every.id });
  });
});

describe('a finding’s calls in the journal', () => {
  it('filters the journal to exactly the ids a finding cites', async () => {
    await value('vaultSetPassphrase', { passphrase: 'correct horse battery staple' });
    const p = await profile('wrong-secret');
    const run = await value<CheckRun>('checksRun', { profileId: p.id });
    const credentials = run.findings.find((f) => f.id === 'credentials');
    expect(credentials?.status).toBe('fail');
    const all = await value<{ entries: Array<{ id: number }> }>('journalQuery', { filter: { runId: run.id } });
    const cited = credentials?.evidence.journalIds ?? [];
    expect(cited.length).toBeGreaterThan(0);
    const one = [cited[0] as number];
    const page = await value<{ entries: Array<{ id: number }> }>('journalQuery', { filter: { runId: run.id, ids: one } });
    expect(page.entries.map((e) => e.id)).toEqual(one);
    expect(await value('journalCount', { filter: { ids: one } })).toMatchObject({ count: 1 });
    expect(all.entries.length).toBeGreaterThan(1);
    // Ids and run both apply: the call is not another run's.
    const none = await value<{ entries: unknown[] }>('journalQuery', { filter: { runId: 'no-such-run', ids: one } });
    expect(none.entries).toEqual([]);
  });
});
