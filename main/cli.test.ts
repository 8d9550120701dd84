import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, startScenario, stopScenarios } from '../tests/support/cli.ts';
import { startTestServer } from '../tests/support/http-server.ts';

const root = path.resolve(import.meta.dirname, '..');
afterEach(stopScenarios);

describe('call', () => {
  it('reads estates from the healthy sandbox (exit 0) and prints them', async () => {
    const { endpoint, env } = await startScenario('healthy-website');
    const r = await cli(
      ['call', '--endpoint', endpoint, '--action', 'read', '--resource', 'estate', '--params', '{"data":["Id","objekttitel"],"listlimit":3}', '--lang', 'en'],
      env,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ read estate: [1-3] records \(\d+ in total\)/);
    expect(r.out).toMatch(/objekttitel=/);
  });

  it('--json prints ok, results and no error', async () => {
    const { endpoint, env } = await startScenario('healthy-website');
    const r = await cli(['call', '--endpoint', endpoint, '--action', 'get', '--resource', 'users', '--params', '{"userfilter":"onlyOwn"}', '--json'], env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ ok: true, results: [{ ok: true, kind: 'get', resourcetype: 'users' }] });
    expect(json.error).toBeUndefined();
  });

  it('wrong-secret: exit 3, category credentials, and the secret is not printed', async () => {
    const { endpoint, env } = await startScenario('wrong-secret');
    const r = await cli(['call', '--endpoint', endpoint, '--action', 'read', '--resource', 'estate', '--json'], env);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ ok: false, error: { code: 137, category: 'credentials' } });
    expect(r.out).not.toContain(env.ONOFFICE_SECRET);
    expect(r.out).not.toContain(env.ONOFFICE_TOKEN);
    const human = await cli(['call', '--endpoint', endpoint, '--action', 'read', '--resource', 'estate', '--lang', 'de'], env);
    expect(human.code).toBe(3);
    expect(human.out).toMatch(/✗ read estate: 137/);
  });

  it('revoked-token: exit 3', async () => {
    const { endpoint, env } = await startScenario('revoked-token');
    const r = await cli(['call', '--endpoint', endpoint, '--action', 'read', '--resource', 'estate', '--json'], env);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { category: 'credentials' } });
  });

  it('a hang gives exit 4 within the configured timeout', async () => {
    const { endpoint, env, sandbox } = await startScenario('healthy-website');
    for (let i = 0; i < 3; i++) sandbox.control.queueFault('hang');
    const started = process.hrtime.bigint();
    const r = await cli(['call', '--endpoint', endpoint, '--action', 'read', '--resource', 'estate', '--timeout', '300', '--json'], env);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'timeout-total', category: 'transport' } });
    // Three attempts of 300 ms plus backoff; far below the 30 s default, so the flag was honoured.
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('a failed action without an authentication problem gives exit 1', async () => {
    const { endpoint, env } = await startScenario('no-mailbox');
    const r = await cli(
      ['call', '--endpoint', endpoint, '--action', 'do', '--resource', 'sendmail', '--params', '{"emailidentity":"info@example.test","receiver":["a@example.test"],"subject":"t","body":"t"}', '--json'],
      env,
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { category: 'mail' } });
  });

  it('a userid naming no active user (184) is a fault in the request: exit 1, not 3', async () => {
    const { endpoint, env } = await startScenario('healthy-website');
    const params = '{"action":"read","module":"estate","recordIds":[1],"userid":999999}';
    const r = await cli(['call', '--endpoint', endpoint, '--action', 'get', '--resource', 'checkuserrecordsright', '--params', params, '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 184, category: 'structure' } });
  });

  it('exit codes follow the body, whatever the HTTP status: 243 → 1, HTTP 400 with 22 → 3, HTTP 502 with HTML → 4', async () => {
    let answer = { status: 200, type: 'application/json', body: '' };
    const server = await startTestServer((_req, res) => {
      res.writeHead(answer.status, { 'Content-Type': answer.type });
      res.end(answer.body);
    });
    try {
      const env = { ONOFFICE_TOKEN: 'T'.repeat(32), ONOFFICE_SECRET: 'S'.repeat(64) };
      const call = () => cli(['call', '--endpoint', server.url.href, '--action', 'read', '--resource', 'estate', '--json'], env);
      const failed = { status: { errorcode: 243, message: 'The HMAC is invalid. "kaufpreis" should be passed as string' } };
      answer = { status: 200, type: 'application/json', body: JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [failed] } }) };
      const decimal = await call();
      expect(decimal.code).toBe(1);
      expect(JSON.parse(decimal.out)).toMatchObject({ ok: false, error: { code: 243, category: 'structure' } });
      answer = { status: 400, type: 'application/json', body: '{"status":{"code":400,"errorcode":22,"message":"Not authenticated"}}' };
      const unauthenticated = await call();
      expect(unauthenticated.code).toBe(3);
      expect(JSON.parse(unauthenticated.out)).toMatchObject({ ok: false, error: { code: 22, category: 'credentials' } });
      answer = { status: 502, type: 'text/html', body: '<html><body>Bad Gateway</body></html>' };
      const gateway = await call();
      expect(gateway.code).toBe(4);
      expect(JSON.parse(gateway.out)).toMatchObject({ ok: false, error: { code: 'http-status', category: 'transport' } });
    } finally {
      await server.close();
    }
  });

  it('refuses credentials on the command line without echoing them (exit 2)', async () => {
    const r = await cli(['call', '--endpoint', 'stable', '--action', 'read', '--resource', 'estate', '--secret=supersecretvalue']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ONOFFICE_SECRET/);
    expect(r.err).not.toContain('supersecretvalue');
  });

  it('a marketplace provider user over the sandbox: with its claim the call works, without it 193 exits 3, an older claim 201', async () => {
    const { endpoint, env, user, sandbox } = await startScenario('marketplace-provider');
    const args = ['call', '--endpoint', endpoint, '--action', 'read', '--resource', 'estate', '--params', '{"data":["Id"],"listlimit":1}', '--json'];
    const ok = await cli(args, { ...env, ONOFFICE_API_CLAIM: user.apiClaim ?? '' });
    expect(ok.code).toBe(0);
    const missing = await cli(args, env);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.out)).toMatchObject({ ok: false, error: { code: 193, category: 'marketplace' } });
    const older = sandbox.control.tenant('marketplace-provider').activations[0]?.outdatedClaims[0] ?? '';
    const outdated = await cli(args, { ...env, ONOFFICE_API_CLAIM: older });
    expect(JSON.parse(outdated.out)).toMatchObject({ error: { code: 201 } });
    expect(outdated.out).not.toContain(older);
  });

  it("sends ONOFFICE_API_CLAIM as every action's extendedclaim and never prints it", async () => {
    const claim = 'c1aim-from-the-activation-url-0042';
    const server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 248, message: `No matching extendedclaim ${claim}` } }] } }));
    });
    try {
      const env = { ONOFFICE_TOKEN: 'T'.repeat(32), ONOFFICE_SECRET: 'S'.repeat(64), ONOFFICE_API_CLAIM: ` ${claim}\n` };
      const args = ['call', '--endpoint', server.url.href, '--action', 'read', '--resource', 'estate', '--params', '{"data":["Id"]}'];
      const json = await cli([...args, '--json'], env);
      const human = await cli([...args, '--lang', 'de'], env);
      expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: { code: 248, category: 'marketplace' } });
      expect(human.out).toContain('Token, Secret und apiClaim aus derselben, jüngsten Aktivierung');
      for (const r of [json, human]) {
        // A claim of no activation is a credentials problem, like a wrong secret.
        expect(r.code).toBe(3);
        expect(r.out + r.err).not.toContain(claim);
      }
      expect(server.bodies.map((b) => JSON.parse(b).request.actions[0].parameters)).toEqual([
        { data: ['Id'], extendedclaim: claim },
        { data: ['Id'], extendedclaim: claim },
      ]);
      // Without the variable, nothing is added.
      await cli(args, { ONOFFICE_TOKEN: env.ONOFFICE_TOKEN, ONOFFICE_SECRET: env.ONOFFICE_SECRET, ONOFFICE_API_CLAIM: '  ' });
      expect(server.bodies[2]).not.toContain('extendedclaim');
    } finally {
      await server.close();
    }
  });

  it('refuses an API claim on the command line without echoing it (exit 2), naming ONOFFICE_API_CLAIM', async () => {
    const base = ['call', '--endpoint', 'stable', '--action', 'read', '--resource', 'estate'];
    for (const flag of [['--api-claim=claimvalue1234'], ['--claim', 'claimvalue1234'], ['--extendedclaim=claimvalue1234'], ['--apiClaim=claimvalue1234']]) {
      const r = await cli([...base, ...flag]);
      expect(r.code, flag[0]).toBe(2);
      expect(r.err).toMatch(/ONOFFICE_API_CLAIM/);
      expect(r.err).not.toContain('claimvalue1234');
    }
    const help = await cli(['call', '--help']);
    expect(help.out).toContain('ONOFFICE_API_CLAIM');
  });

  it('missing credentials: exit 3 with the environment variable names', async () => {
    const r = await cli(['call', '--endpoint', 'stable', '--action', 'read', '--resource', 'estate']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/ONOFFICE_TOKEN/);
  });

  it('speaks the person\'s language: --lang first, then the locale of the environment', async () => {
    const env = { ONOFFICE_TOKEN: 't', ONOFFICE_SECRET: 's' };
    const german = await cli(['call', '--endpoint', 'http://example.test/api.php', '--action', 'read', '--resource', 'estate', '--lang', 'de'], env);
    expect(german.code).toBe(2);
    expect(german.err).toContain('--endpoint: einfaches http ist nur zu diesem Rechner erlaubt');
    expect(german.err).toContain('„api-user-desk call --help“ zeigt die Optionen.');
    const byLocale = await cli(['call', '--bogus'], { ...env, LANG: 'de_DE.UTF-8' });
    expect(byLocale.err).toMatch(/^call: unbekannte Option --bogus\n/);
    expect((await cli(['call', '--endpoint'], { LC_ALL: 'de_AT.UTF-8' })).err).toMatch(/^call: --endpoint braucht einen Wert/);
    expect((await cli(['call', '--bogus'], { LANG: 'en_GB.UTF-8' })).err).toMatch(/^call: unknown option --bogus\n/);
    expect((await cli(['call', '--help'], { LANG: 'de_DE.UTF-8' })).out).toMatch(/^Aufruf: api-user-desk call/);
    expect((await cli(['help', '--lang', 'de'])).out).toContain('Befehle:');
    expect((await cli(['nonsense'], { LANG: 'de_DE.UTF-8' })).err).toMatch(/^unbekannter Befehl "nonsense"/);
  });

  it('usage errors exit 2', async () => {
    const env = { ONOFFICE_TOKEN: 't', ONOFFICE_SECRET: 's' };
    expect((await cli(['call', '--endpoint', 'http://example.test/api.php', '--action', 'read', '--resource', 'estate'], env)).code).toBe(2);
    expect((await cli(['call', '--endpoint', 'stable', '--action', 'fetch', '--resource', 'estate'], env)).code).toBe(2);
    expect((await cli(['call', '--endpoint', 'stable', '--action', 'read', '--resource', 'estate', '--params', '{bad'], env)).code).toBe(2);
    expect((await cli(['call', '--endpoint', 'stable', '--action', 'read', '--resource', 'estate', '--params', '[1]'], env)).code).toBe(2);
    expect((await cli(['call', '--bogus'], env)).code).toBe(2);
    expect((await cli(['nonsense'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });
});

describe('sandbox command as a process', () => {
  it('prints the endpoint and credentials, serves calls, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(root, 'main/cli.ts'), 'sandbox', '--scenario', 'healthy-website', '--scenario', 'wrong-secret', '--seed', '5'], {
      cwd: root,
      // The "# Running" line is read below; the # lines follow the locale, so this one is English.
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout });
    await new Promise<void>((resolve, reject) => {
      rl.on('line', (line) => {
        lines.push(line);
        if (line.startsWith('# Running')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
    });
    const endpoint = lines.find((l) => l.startsWith('endpoint: '))?.slice('endpoint: '.length) ?? '';
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/stable\/api\.php$/);
    const tokens = lines.filter((l) => l.startsWith('ONOFFICE_TOKEN=')).map((l) => l.slice('ONOFFICE_TOKEN='.length));
    const secrets = lines.filter((l) => l.startsWith('ONOFFICE_SECRET=')).map((l) => l.slice('ONOFFICE_SECRET='.length));
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(tokens.every((t) => t.length === 32)).toBe(true);
    expect(secrets.every((s) => s.length === 64)).toBe(true);

    const healthyIndex = lines.findIndex((l) => l.startsWith('# healthy-website'));
    const token = lines.slice(healthyIndex).find((l) => l.startsWith('ONOFFICE_TOKEN='))?.slice(15) ?? '';
    const secret = lines.slice(healthyIndex).find((l) => l.startsWith('ONOFFICE_SECRET='))?.slice(16) ?? '';
    const r = await cli(['call', '--endpoint', endpoint, '--action', 'read', '--resource', 'estate', '--json'], { ONOFFICE_TOKEN: token, ONOFFICE_SECRET: secret });
    expect(r.code).toBe(0);

    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('lists its scenarios', async () => {
    const r = await cli(['sandbox', '--list']);
    expect(r.code).toBe(0);
    for (const name of ['healthy-website', 'wrong-secret', 'revoked-token', 'no-read-rights', 'only-own-rights', 'only-published-none-published', 'only-published-some', 'excess-rights', 'no-mailbox', 'inactive-mailbox', 'admin-log-reader', 'clock-skew', 'flaky']) {
      expect(r.out).toContain(name);
    }
  });

  it('rejects unknown scenarios and bad fault rates', async () => {
    expect((await cli(['sandbox', '--scenario', 'nope'])).code).toBe(2);
    expect((await cli(['sandbox', '--fault', 'hang=2'])).code).toBe(2);
    expect((await cli(['sandbox', '--fault', 'meteor=0.5'])).code).toBe(2);
    expect((await cli(['sandbox', '--unknown', 'noMailboxCode=49'])).code).toBe(2);
    expect((await cli(['sandbox', '--unknown', 'nothing=1'])).code).toBe(2);
  });
});

/**
 * Runs the CLI as a process with a module hook that records every module it loads, and returns the project's own
 * (paths relative to the checkout) with the exit code.
 */
function modulesLoadedBy(args: readonly string[]): Promise<{ code: number; modules: string[] }> {
  const hook = `import { registerHooks } from 'node:module';
import { writeSync } from 'node:fs';
const loaded = [];
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
process.on('exit', () => writeSync(2, '\\nLOADED ' + JSON.stringify(loaded) + '\\n'));`;
  const base = pathToFileURL(`${root}/`).href;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, path.join(root, 'main/cli.ts'), ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '', LC_ALL: 'C.UTF-8' } },
      (error, _stdout, stderr) => {
        const line = stderr.split('\n').find((l) => l.startsWith('LOADED '));
        if (line === undefined) return reject(new Error(`no module list (${error?.message ?? 'exit 0'}): ${stderr}`));
        const urls = JSON.parse(line.slice('LOADED '.length)) as string[];
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, modules: urls.filter((u) => u.startsWith(base)).map((u) => u.slice(base.length)) });
      },
    );
  });
}

describe('loading', () => {
  const heavy = ['main/sandbox/index.ts', 'main/sandbox/server.ts', 'main/checks/engine.ts', 'main/onoffice/client.ts'];
  const commands = ['main/cli/sandbox.ts', 'main/cli/call.ts', 'main/cli/doctor.ts'];

  it('help loads no command, nor the sandbox, the client or the check engine; a command loads only itself', async () => {
    const [help, doctorHelp, list] = await Promise.all([modulesLoadedBy(['--help']), modulesLoadedBy(['doctor', '--help']), modulesLoadedBy(['sandbox', '--list'])]);
    expect(help.code).toBe(0);
    expect(help.modules).toContain('main/cli.ts');
    expect(help.modules).toContain('main/cli/usage.ts');
    for (const m of [...heavy, ...commands]) expect(help.modules, m).not.toContain(m);

    // A command's own help reads its options, not the engine that runs them.
    expect(doctorHelp.code).toBe(0);
    expect(doctorHelp.modules).toContain('main/cli/doctor.ts');
    for (const m of [...heavy, 'main/cli/sandbox.ts', 'main/cli/call.ts']) expect(doctorHelp.modules, m).not.toContain(m);

    // The recorder sees what a command imports on demand: the sandbox's modules, and nothing of doctor.
    expect(list.code).toBe(0);
    expect(list.modules).toEqual(expect.arrayContaining(['main/cli/sandbox.ts', 'main/sandbox/server.ts']));
    for (const m of ['main/cli/doctor.ts', 'main/cli/call.ts', 'main/checks/engine.ts']) expect(list.modules, m).not.toContain(m);
  });
});
