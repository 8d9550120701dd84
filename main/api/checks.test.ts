/**
 * The check channels over real SQLite and the sandbox: a full run with its journal evidence, history and reports; a
 * wrong secret; a re-check of some steps is kept as a partial run and leaves the profile's last (full) check alone;
 * a finding's calls are found in the journal by their ids.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, CheckRun, CheckRunMeta, ProfileView } from '../../preload/contract.ts';
import type { AppServices } from './app-types.ts';
import { PASSPHRASE, call as callOf, useServicesKit, value as valueOf } from './testkit.ts';

const kit = useServicesKit();
let s: AppServices;
beforeEach(async () => {
  s = await kit.services();
});

const value = <T = unknown>(channel: ChannelName, request: unknown = {}): Promise<T> => valueOf<T>(s, channel, request);

async function profile(scenario: string): Promise<ProfileView> {
  const u = kit.user(scenario);
  return value<ProfileView>('profilesCreate', { label: scenario, endpoint: { kind: 'custom', url: kit.sandbox.endpoint }, useCase: 'website', token: u.token, secret: u.secret });
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

describe('a full check run', () => {
  it('runs the onboarding check, ties evidence to the journal, keeps the history and renders reports', async () => {
    await valueOf(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await kit.createProfile(s);
    const progress: Array<{ runId: string; done: number; total: number }> = [];
    s.onEvent((event, payload) => {
      if (event === 'checksProgress') progress.push(payload as { runId: string; done: number; total: number });
    });
    const run = await valueOf<{ id: string; ok: boolean; requests: number; findings: Array<{ id: string; status: string; evidence: { journalIds?: number[] } }> }>(
      s,
      'checksRun',
      { profileId: p.id },
    );
    expect(run.ok).toBe(true);
    expect(run.requests).toBeLessThanOrEqual(2);
    expect(run.findings.find((f) => f.id === 'connection')?.status).toBe('pass');
    expect(progress.length).toBe(run.findings.length);
    expect(progress.every((x) => x.runId === run.id)).toBe(true);

    const tagged = await valueOf<{ entries: Array<{ id: number; runId: string | null }> }>(s, 'journalQuery', { filter: { runId: run.id } });
    expect(tagged.entries.length).toBeGreaterThan(0);
    const journalIds = new Set(tagged.entries.map((e) => e.id));
    const cited = run.findings.flatMap((f) => f.evidence.journalIds ?? []);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((id) => journalIds.has(id))).toBe(true);

    expect(await valueOf(s, 'checksHistory', { profileId: p.id })).toEqual([expect.objectContaining({ id: run.id, useCase: 'website' })]);
    expect(await valueOf(s, 'checksGet', { runId: run.id })).toEqual(run);
    const listed = await valueOf<Array<{ lastCheck: { fail: number; runId: string } | null }>>(s, 'profilesList');
    expect(listed[0]?.lastCheck).toMatchObject({ fail: 0, runId: run.id });
    for (const format of ['markdown', 'html'] as const) {
      const report = await valueOf<{ content: string; fileName: string }>(s, 'checksReport', { runId: run.id, format, language: 'de' });
      expect(report.fileName).toMatch(format === 'markdown' ? /\.md$/ : /\.html$/);
      expect(report.content).not.toContain(kit.user('healthy-website').token);
      expect(report.content).not.toContain(kit.user('healthy-website').secret);
    }
  });
  it('reports a wrong secret as a failed credentials finding', async () => {
    await valueOf(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await kit.createProfile(s, 'wrong-secret');
    const run = await valueOf<{ ok: boolean; findings: Array<{ id: string; status: string }> }>(s, 'checksRun', { profileId: p.id, useCase: 'portal-export' });
    expect(run.ok).toBe(false);
    expect(run.findings.find((f) => f.id === 'credentials')?.status).toBe('fail');
    expect(await callOf(s, 'checksRun', { profileId: p.id, customRights: [{ module: 'nonsense', action: 'read' }] })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
