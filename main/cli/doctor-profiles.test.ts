import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import { cli, startScenario, stopScenarios } from '../../tests/support/cli.ts';
import { eachLimited, PROFILE_CONCURRENCY, worstExitCode } from './doctor-profiles.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'aud-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sandboxes: SandboxHandle[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
  await stopScenarios();
});

let files = 0;
/** Writes a profiles file (JSON from a value, or raw text) and returns its path. */
function profilesFile(content: unknown): string {
  const file = path.join(dir, `profiles-${++files}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

/**
 * One sandbox holding several scenarios, one API user each: the profile of a scenario names the variables
 * `<SCENARIO>_TOKEN` / `<SCENARIO>_SECRET`, and `env` sets them.
 */
async function scenarios(names: readonly string[]) {
  const sandbox = await startSandbox({ scenarios: [...names], seed: 7 });
  sandboxes.push(sandbox);
  const env: Record<string, string> = {};
  const secrets: string[] = [];
  const profiles = names.map((scenario) => {
    const user = sandbox.apiUsers.find((u) => u.scenario === scenario);
    if (!user) throw new Error(`no API user for ${scenario}`);
    const prefix = scenario.toUpperCase().replaceAll('-', '_');
    env[`${prefix}_TOKEN`] = user.token;
    env[`${prefix}_SECRET`] = user.secret;
    secrets.push(user.token, user.secret);
    return { label: `Customer ${scenario}`, endpoint: sandbox.endpoint, useCase: 'website', tokenEnv: `${prefix}_TOKEN`, secretEnv: `${prefix}_SECRET` };
  });
  return { sandbox, env, secrets, profiles };
}

const noSecrets = (r: { out: string; err: string }, secrets: readonly string[]) => {
  for (const s of secrets) expect(r.out + r.err).not.toContain(s);
};

/** The table's row of a label, split into its cells (two or more spaces apart). */
const row = (out: string, label: string) =>
  out
    .split('\n')
    .find((l) => l.startsWith(label))
    ?.split(/ {2,}/);

describe('doctor --profiles', () => {
  it('checks several API users, prints one table and exits with the worst code; a profile without its variables is a configuration error', async () => {
    const { env, secrets, profiles } = await scenarios(['healthy-website', 'no-read-rights', 'wrong-secret', 'only-own-rights']);
    // Its token variable is set (to a real token) and its secret variable is not.
    const incomplete = { ...profiles[0], label: 'Without secret', tokenEnv: 'HEALTHY_WEBSITE_TOKEN', secretEnv: 'NOT_SET_SECRET' };
    const file = profilesFile([...profiles, incomplete]);

    const r = await cli(['doctor', '--profiles', file, '--lang', 'en'], env);
    expect(r.code).toBe(3);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^Profile +Use case +Endpoint +Result +Passed +Warnings +Failed +Unknown +Requests +Exit code$/);
    expect(row(r.out, 'Customer healthy-website')).toEqual(['Customer healthy-website', 'website', expect.stringMatching(/^127\.0\.0\.1:\d+$/), 'ok', expect.stringMatching(/^\d+$/), expect.any(String), '0', '0', '2', '0']);
    expect(row(r.out, 'Customer no-read-rights')?.slice(3)).toEqual(['a check fails', expect.any(String), expect.any(String), expect.not.stringMatching(/^0$/), expect.any(String), expect.any(String), '1']);
    expect(row(r.out, 'Customer wrong-secret')?.[3]).toBe('credentials or clock');
    expect(row(r.out, 'Customer wrong-secret')?.at(-1)).toBe('3');
    expect(row(r.out, 'Customer only-own-rights')?.at(-1)).toBe('0');
    expect(row(r.out, 'Without secret')?.slice(3)).toEqual(['configuration error', '–', '–', '–', '–', '0', '3']);
    expect(lines.at(-1)).toBe('2 of 5 profiles ok — exit code 3.');
    // The missing variable is named; the one that is set is not repeated.
    expect(r.err).toBe('profile 5 ("Without secret"): the environment variable NOT_SET_SECRET is not set (or empty), so this profile was not checked');
    noSecrets(r, secrets);

    const german = await cli(['doctor', '--profiles', file, '--lang', 'de'], env);
    expect(german.code).toBe(3);
    expect(german.out.split('\n')[0]).toMatch(/^Profil +Einsatzzweck +Endpunkt +Ergebnis +In Ordnung +Warnungen +Fehler +Unbekannt +Anfragen +Exit-Code$/);
    expect(row(german.out, 'Without secret')?.[3]).toBe('Konfigurationsfehler');
    expect(german.out.split('\n').at(-1)).toBe('2 von 5 Profilen in Ordnung – Exit-Code 3.');
    expect(german.err).toContain('die Umgebungsvariable NOT_SET_SECRET ist nicht gesetzt');
  });

  it('--json prints { ok, profiles: [{ label, ok, exitCode, findings, requests }] } with the findings of a single doctor --json', async () => {
    const { env, secrets, profiles, sandbox } = await scenarios(['healthy-website', 'no-read-rights', 'admin-log-reader']);
    // The custom use case with its rights, as --rights takes them.
    const file = profilesFile([profiles[0], profiles[1], { ...profiles[2], useCase: 'custom', rights: 'estate:read,estate:modify,admin' }]);
    const r = await cli(['doctor', '--profiles', file, '--json'], env);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['ok', 'profiles']);
    expect(json.ok).toBe(false);
    for (const p of json.profiles) expect(Object.keys(p)).toEqual(['label', 'ok', 'exitCode', 'findings', 'requests']);
    expect(json.profiles).toMatchObject([
      { label: 'Customer healthy-website', ok: true, exitCode: 0, requests: 2 },
      { label: 'Customer no-read-rights', ok: false, exitCode: 1 },
      { label: 'Customer admin-log-reader', ok: true, exitCode: 0 },
    ]);
    const custom = Object.fromEntries(json.profiles[2].findings.map((f: { id: string; status: string }) => [f.id, f.status]));
    expect(custom).toMatchObject({ 'rights:estate:read': 'pass', 'rights:estate:modify': 'pass', 'rights:admin': 'pass' });
    noSecrets(r, secrets);

    // The same findings as `doctor --json` of that API user alone.
    const single = await cli(['doctor', '--endpoint', sandbox.endpoint, '--use-case', 'website', '--json'], {
      ONOFFICE_TOKEN: env.NO_READ_RIGHTS_TOKEN ?? '',
      ONOFFICE_SECRET: env.NO_READ_RIGHTS_SECRET ?? '',
    });
    const verdicts = (findings: { id: string; status: string; title: unknown }[]) => findings.map((f) => [f.id, f.status, f.title]);
    expect(verdicts(json.profiles[1].findings)).toEqual(verdicts(JSON.parse(single.out).findings));
    expect(json.profiles[1].findings[0]).toMatchObject({ id: 'credentials', title: { de: expect.any(String), en: expect.any(String) } });
  });

  it('ranks exit codes: a failing check (1) before transport (4) before ok (0); a missing variable (3) before them all', async () => {
    const { env, profiles } = await scenarios(['healthy-website', 'no-read-rights']);
    const [healthy, noRead] = profiles;
    // A second sandbox that answers HTTP 500 to each of the client's three attempts: that profile alone reaches it.
    const broken = await startScenario('healthy-website');
    for (let i = 0; i < 3; i++) broken.sandbox.control.queueFault('http500');
    const transport = { label: 'Server down', endpoint: broken.endpoint, useCase: 'website', tokenEnv: 'DOWN_TOKEN', secretEnv: 'DOWN_SECRET' };
    const all = { ...env, DOWN_TOKEN: broken.env.ONOFFICE_TOKEN, DOWN_SECRET: broken.env.ONOFFICE_SECRET };

    const four = await cli(['doctor', '--profiles', profilesFile([healthy, transport]), '--json'], all);
    expect(four.code).toBe(4);
    expect(JSON.parse(four.out).profiles.map((p: { exitCode: number }) => p.exitCode)).toEqual([0, 4]);
    for (let i = 0; i < 3; i++) broken.sandbox.control.queueFault('http500');
    const one = await cli(['doctor', '--profiles', profilesFile([transport, noRead, healthy]), '--lang', 'en'], all);
    expect(one.code).toBe(1);
    expect(row(one.out, 'Server down')?.slice(3, 4)).toEqual(['transport or server']);
    const three = await cli(['doctor', '--profiles', profilesFile([noRead, { ...healthy, label: 'No variables', tokenEnv: 'UNSET_TOKEN', secretEnv: 'UNSET_SECRET' }]), '--lang', 'en'], env);
    expect(three.code).toBe(3);
    expect(three.err).toContain('the environment variables UNSET_TOKEN, UNSET_SECRET are not set');
  });

  it('the worst exit code: 3, then 1, then 4, then 5, then 0', () => {
    expect(worstExitCode([0, 0])).toBe(0);
    expect(worstExitCode([0, 5])).toBe(5);
    expect(worstExitCode([5, 4, 0])).toBe(4);
    expect(worstExitCode([4, 1, 5])).toBe(1);
    expect(worstExitCode([1, 4, 3, 5, 0])).toBe(3);
  });

  it('runs at most four checks at once, and keeps the order of the file', async () => {
    let active = 0;
    let most = 0;
    const waiting: (() => void)[] = [];
    const done = eachLimited(
      Array.from({ length: 10 }, (_, i) => i),
      PROFILE_CONCURRENCY,
      async (n) => {
        active++;
        most = Math.max(most, active);
        await new Promise<void>((resolve) => waiting.push(resolve));
        active--;
        return n * 10;
      },
    );
    // Release the waiting ones one by one (later ones first); a fifth starts only when one has finished.
    let released = 0;
    while (released < 10) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(active).toBeLessThanOrEqual(PROFILE_CONCURRENCY);
      waiting.pop()?.();
      released++;
    }
    expect(await done).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(most).toBe(PROFILE_CONCURRENCY);
  });

  it('as a process: the variables come from its environment, exit code and --json as in-process', async () => {
    const { env, secrets, profiles } = await scenarios(['healthy-website', 'wrong-secret']);
    const file = profilesFile(profiles);
    const child = spawn(process.execPath, [path.join(root, 'main/cli.ts'), 'doctor', '--profiles', file, '--json'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(3);
    expect(JSON.parse(out).profiles.map((p: { exitCode: number }) => p.exitCode)).toEqual([0, 3]);
    noSecrets({ out, err }, secrets);
  });

  describe('bad input: a clear error naming the problem, exit 2, nothing checked', () => {
    const entry = { label: 'Website', endpoint: 'stable', useCase: 'website', tokenEnv: 'WEBSITE_TOKEN', secretEnv: 'WEBSITE_SECRET' };
    const env = { WEBSITE_TOKEN: 'a'.repeat(32), WEBSITE_SECRET: 'b'.repeat(64) };
    const usage = async (file: string, lang = 'en') => {
      const r = await cli(['doctor', '--profiles', file, '--lang', lang], env);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).not.toContain(env.WEBSITE_SECRET);
      return r.err.split('\n')[0] ?? '';
    };

    it.each([
      ['a missing file', () => path.join(dir, 'nothing-here.json'), /^doctor: --profiles: cannot read ".*nothing-here\.json" \(ENOENT\)$/],
      ['broken JSON', () => profilesFile('[{"label": "A",\n  "endpoint" "stable"}]'), /^doctor: --profiles: ".*" is not valid JSON \(line 2, column 14\)$/],
      ['no array', () => profilesFile({ profiles: [entry] }), /must hold a JSON array of profiles, e\.g\. \[\{"label":/],
      ['an empty array', () => profilesFile([]), /^doctor: --profiles: ".*" holds no profile$/],
      ['duplicate labels', () => profilesFile([entry, { ...entry, tokenEnv: 'OTHER_TOKEN' }]), /^doctor: profile 2 \("Website"\): profile 1 has this label already; each label must be unique$/],
      ['an unknown use case', () => profilesFile([entry, { ...entry, label: 'Shop', useCase: 'shop' }]), /^doctor: profile 2 \("Shop"\): "useCase" must be one of website, lead-intake, portal-export, email, log-reader, custom$/],
      ['a missing key', () => profilesFile([{ label: 'A', endpoint: 'stable', useCase: 'website', tokenEnv: 'A_TOKEN' }]), /^doctor: profile 1 \("A"\): "secretEnv" is missing$/],
      ['an unknown key', () => profilesFile([{ ...entry, colour: 'red' }]), /^doctor: profile 1 \("Website"\): unknown key "colour"; allowed: label, endpoint, useCase, rights, tokenEnv, secretEnv, claimEnv$/],
      ['an entry that is no object', () => profilesFile([entry, 'Website']), /^doctor: profile 2: must be an object/],
      ['a plain-http endpoint elsewhere', () => profilesFile([{ ...entry, endpoint: 'http://example.com/api.php' }]), /^doctor: profile 1 \("Website"\): "endpoint": /],
      ['custom without rights', () => profilesFile([{ ...entry, useCase: 'custom' }]), /^doctor: profile 1 \("Website"\): the use case custom needs "rights"/],
      ['rights outside custom', () => profilesFile([{ ...entry, rights: 'estate:read' }]), /^doctor: profile 1 \("Website"\): "rights" belongs to the use case custom$/],
    ])('%s', async (_name, make, message) => {
      expect(await usage(make())).toMatch(message);
    });

    it('refuses a credential in the file, naming the entry and never repeating the value', async () => {
      const secret = 'f'.repeat(64);
      for (const key of ['secret', 'token', 'apiClaim']) {
        const message = await usage(profilesFile([entry, { ...entry, label: 'Leaky', [key]: secret }]));
        expect(message).toMatch(new RegExp(`^doctor: profile 2 \\("Leaky"\\): holds the key "${key}", but credentials never belong in the file`));
        expect(message).not.toContain(secret);
      }
      // A token pasted where the name of its variable belongs: refused, not repeated.
      const token = '0123456789ABCDEF0123456789ABCDEF';
      for (const value of [token, token.toLowerCase()]) {
        const message = await usage(profilesFile([{ ...entry, tokenEnv: value }]));
        expect(message).toBe('doctor: profile 1 ("Website"): "tokenEnv" must be the name of an environment variable (capital letters, digits, _), not the credential itself');
      }
    });

    it('in German, and the options of a single check are refused beside --profiles', async () => {
      expect(await usage(profilesFile([]), 'de')).toMatch(/^doctor: --profiles: ".*" enthält kein Profil$/);
      expect(await usage(profilesFile([entry, { ...entry, label: 'X', useCase: 'shop' }]), 'de')).toMatch(/^doctor: Profil 2 \(„X“\): „useCase“ muss einer von website, /);
      const file = profilesFile([entry]);
      for (const extra of [['--endpoint', 'stable'], ['--use-case', 'website'], ['--send-test-mail']]) {
        const r = await cli(['doctor', '--profiles', file, ...extra, '--lang', 'en'], env);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(new RegExp(`^doctor: ${extra[0]} belongs to the check of one API user; with --profiles, endpoint and use case come from the file`));
      }
    });
  });
});
