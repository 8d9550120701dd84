/**
 * The setup guide's stored progress through the real handlers over a real SQLite file: saved, read back after a
 * restart, gone with its profile, never holding a consent; and the guide's one-step checks against the sandbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, CheckRun, GuideProgress, GuideProgressInput, Result } from '../../preload/contract.ts';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import { TEST_SCRYPT } from '../store/secrets.ts';
import type { AppServices } from './app-types.ts';
import { createAppServices, DATABASE_FILE } from './app.ts';

let dir: string;
let sandbox: SandboxHandle;
const open: AppServices[] = [];
const PASSPHRASE = 'a long enough passphrase';

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-guide-'));
  sandbox = await startSandbox({ scenarios: ['healthy-website', 'no-read-rights'], seed: 5 });
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function services(): Promise<AppServices> {
  const s = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir, scrypt: TEST_SCRYPT });
  open.push(s);
  return s;
}

const call = async <T>(s: AppServices, channel: ChannelName, request: unknown): Promise<Result<T>> => (await s.dispatch(channel, request)) as Result<T>;
async function value<T>(s: AppServices, channel: ChannelName, request: unknown): Promise<T> {
  const r = await call<T>(s, channel, request);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function profileFor(s: AppServices, scenario: string, on: SandboxHandle = sandbox): Promise<string> {
  const user = on.apiUsers.find((u) => u.scenario === scenario);
  if (!user) throw new Error(`no user for ${scenario}`);
  const p = await value<{ id: string }>(s, 'profilesCreate', {
    label: `Guide ${scenario}`,
    endpoint: { kind: 'custom', url: on.endpoint },
    useCase: 'website',
    token: user.token,
    secret: user.secret,
  });
  return p.id;
}

const PROGRESS: GuideProgressInput = {
  step: 'rights',
  useCase: 'lead-intake',
  customRights: [],
  customAdmin: false,
  expectEstates: [12, 40],
  mailIdentity: 'website@example.com',
  mailReceiver: 'me@example.com',
  runs: { connection: 'run-1' },
};

describe('guide progress', () => {
  it('is null before the first save, kept across a restart, and replaced whole', async () => {
    const s1 = await services();
    await value(s1, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const id = await profileFor(s1, 'healthy-website');
    expect(await value(s1, 'guideGet', { profileId: id })).toBeNull();
    const saved = await value<GuideProgress>(s1, 'guideSave', { profileId: id, progress: PROGRESS });
    expect(saved).toMatchObject({ ...PROGRESS, profileId: id });
    await s1.close();
    open.splice(0);

    const s2 = await services();
    expect(await value(s2, 'guideGet', { profileId: id })).toEqual(saved);
    const next = { ...PROGRESS, step: 'mailbox', expectEstates: [], runs: {} } as const;
    expect(await value(s2, 'guideSave', { profileId: id, progress: next })).toMatchObject(next);
    expect(await value(s2, 'guideGet', { profileId: id })).toMatchObject({ step: 'mailbox', expectEstates: [], runs: {} });
  });

  it('refuses a consent, a secret or anything else it does not know, and leaves the stored progress as it was', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const id = await profileFor(s, 'healthy-website');
    await value(s, 'guideSave', { profileId: id, progress: PROGRESS });
    for (const extra of [{ consent: true }, { secret: 'x'.repeat(64) }]) {
      expect(await call(s, 'guideSave', { profileId: id, progress: { ...PROGRESS, ...extra } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(await call(s, 'guideSave', { profileId: id, progress: { ...PROGRESS, step: 'somewhere' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await value(s, 'guideGet', { profileId: id })).toMatchObject(PROGRESS);
    // What lies in the file is exactly the progress: no secret, no consent.
    const db = new DatabaseSync(path.join(dir, DATABASE_FILE), { readOnly: true });
    const rows = db.prepare('SELECT progress FROM guide_progress').all() as { progress: string }[];
    db.close();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.progress ?? '')).toEqual(PROGRESS);
  });

  it('belongs to its profile: unknown profiles get not-found, deleting the profile removes it', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    expect(await call(s, 'guideSave', { profileId: 'nobody', progress: PROGRESS })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const id = await profileFor(s, 'healthy-website');
    await value(s, 'guideSave', { profileId: id, progress: PROGRESS });
    await value(s, 'profilesDelete', { id });
    expect(await value(s, 'guideGet', { profileId: id })).toBeNull();
  });
});

describe("the guide's one-step checks", () => {
  it('runs only the picked step: the connection step has the gate findings and the identity, nothing else', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const id = await profileFor(s, 'healthy-website');
    const run = await value<CheckRun>(s, 'checksRun', { profileId: id, useCase: 'website', steps: ['connection'] });
    expect(run.findings.map((f) => f.id)).toEqual(['credentials', 'connection', 'clock', 'identity']);
    expect(run.findings.find((f) => f.id === 'connection')?.status).toBe('pass');
  });

  it('re-checks the rights alone, and finds the missing read rights of a user without them', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const id = await profileFor(s, 'no-read-rights');
    const run = await value<CheckRun>(s, 'checksRun', { profileId: id, useCase: 'website', steps: ['rights'] });
    const ids = run.findings.map((f) => f.id);
    expect(ids).toContain('rights:estate:read');
    expect(ids.some((f) => f.startsWith('publish:') || f === 'mailbox' || f === 'server-log')).toBe(false);
    expect(run.findings.find((f) => f.id === 'rights:estate:read')?.status).toBe('fail');
  });

  it('rejects a step name the engine does not have', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const id = await profileFor(s, 'healthy-website');
    expect(await call(s, 'checksRun', { profileId: id, steps: ['everything'] })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('cancels a running check: the run ends as cancelled and nothing is kept', async () => {
    const s = await services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    // A slow server, so the check is still under way when it is cancelled.
    const slow = await startSandbox({ scenarios: ['healthy-website'], latencyMs: 1_500 });
    const id = await profileFor(s, 'healthy-website', slow);
    expect(await value(s, 'checksCancel', { profileId: id })).toEqual({ cancelled: false });
    const running = call(s, 'checksRun', { profileId: id, useCase: 'website' });
    // The run registers once the credentials are read; cancel as soon as it is under way.
    let cancelled = { cancelled: false };
    while (!cancelled.cancelled) {
      await new Promise((r) => setTimeout(r, 20));
      cancelled = await value(s, 'checksCancel', { profileId: id });
    }
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await value(s, 'checksHistory', { profileId: id })).toEqual([]);
    await slow.stop();
  });
});
