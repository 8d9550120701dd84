import { afterEach, describe, expect, it } from 'vitest';
import { cli, startScenario, stopScenarios } from '../../tests/support/cli.ts';
import { startTestServer } from '../../tests/support/http-server.ts';

afterEach(stopScenarios);

async function withScenario(scenario: string) {
  const started = await startScenario(scenario);
  const mailbox = started.sandbox.control.tenant(scenario).mailboxes.find((m) => m.email.startsWith('website@'));
  return { ...started, mailbox: mailbox?.email ?? '' };
}

const noCredentials = (r: { out: string; err: string }, env: Record<string, string>) => {
  expect(r.out + r.err).not.toContain(env.ONOFFICE_TOKEN);
  expect(r.out + r.err).not.toContain(env.ONOFFICE_SECRET);
};

describe('doctor', () => {
  it('healthy-website: exit 0, a checklist with marks', async () => {
    const { endpoint, env } = await withScenario('healthy-website');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--lang', 'en'], env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ Token and secret are accepted {2}\[credentials\]/);
    expect(r.out).toMatch(/✓ Right property\/read present/);
    expect(r.out).toMatch(/0 failed, .* — 2 requests\./);
    noCredentials(r, env);
  });

  // The verdict of every scenario over the strict sandbox (website use case, default unknowns).
  it.each([
    ['healthy-website', 0],
    ['wrong-secret', 3],
    ['revoked-token', 3],
    ['no-read-rights', 1],
    ['only-own-rights', 0],
    ['only-published-none-published', 1],
    ['only-published-some', 0],
    ['excess-rights', 0],
    ['no-mailbox', 0],
    ['inactive-mailbox', 0],
    ['admin-log-reader', 0],
    ['clock-skew', 3],
    ['estate-variety', 0],
  ] as const)('%s: exit %i, ok only at 0, nothing inconclusive', async (scenario, code) => {
    const { endpoint, env } = await withScenario(scenario);
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--json'], env);
    expect(r.code).toBe(code);
    expect(JSON.parse(r.out)).toMatchObject({ ok: code === 0, inconclusive: 0 });
  });

  it('--json prints ok, useCase, findings and the request count', async () => {
    const { endpoint, env } = await withScenario('healthy-website');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--json'], env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ ok: true, useCase: 'website', requests: 2, inconclusive: 0 });
    expect(json.findings.map((f: { id: string }) => f.id)).toContain('publish:estates');
    expect(json.findings[0]).toMatchObject({ id: 'credentials', status: 'pass', heuristic: false, title: { de: expect.any(String), en: expect.any(String) } });
    noCredentials(r, env);
  });

  it('wrong-secret: exit 3 naming the signature', async () => {
    const { endpoint, env } = await withScenario('wrong-secret');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--lang', 'de'], env);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/✗ .*\[credentials\]/);
    expect(r.out).toContain('ein neues Secret und einen neuen API-Token generieren');
    expect(r.out).toContain('– Recht Immobilie/lesen: nicht geprüft  [rights:estate:read]');
    noCredentials(r, env);
  });

  it('a marketplace API user: ONOFFICE_API_CLAIM goes with every action, a refused claim is a credentials failure (exit 3)', async () => {
    const claim = 'c1aim-outdated-0123456789abcdef';
    const server = await startTestServer((_req, res, body) => {
      const results = (JSON.parse(body) as { request: { actions: unknown[] } }).request.actions.map(() => ({ status: { errorcode: 201, message: 'extendedclaim outdated' } }));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results } }));
    });
    try {
      const env = { ONOFFICE_TOKEN: 'T'.repeat(32), ONOFFICE_SECRET: 'S'.repeat(64), ONOFFICE_API_CLAIM: claim };
      const r = await cli(['doctor', '--endpoint', server.url.href, '--use-case', 'website', '--lang', 'de'], env);
      expect(r.code).toBe(3);
      expect(r.out).toMatch(/✗ extendedclaim veraltet {2}\[credentials\]/);
      expect(r.out).toContain('jüngsten Aktivierung');
      expect(r.out + r.err).not.toContain(claim);
      const actions = server.bodies.flatMap((b) => (JSON.parse(b) as { request: { actions: Array<{ parameters: Record<string, unknown> }> } }).request.actions);
      expect(actions.length).toBeGreaterThan(1);
      for (const a of actions) expect(a.parameters.extendedclaim).toBe(claim);
    } finally {
      await server.close();
    }
  });

  it('refuses an API claim on the command line without echoing it; the help names ONOFFICE_API_CLAIM', async () => {
    const r = await cli(['doctor', '--endpoint', 'stable', '--use-case', 'website', '--api-claim', 'claimvalue1234']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ONOFFICE_API_CLAIM/);
    expect(r.err).not.toContain('claimvalue1234');
    expect((await cli(['doctor', '--help'])).out).toContain('ONOFFICE_API_CLAIM');
  });

  it('no-read-rights: exit 1 naming the read right', async () => {
    const { endpoint, env } = await withScenario('no-read-rights');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--lang', 'de'], env);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ Keine Immobilie sichtbar \(Schlussfolgerung\) {2}\[rights:estate:read\]/);
    expect(r.out).toContain('die Leserechte für Immobilien und Adressen auf Alle setzen');
  });

  it('only-published-none-published: exit 1 naming the publish restriction', async () => {
    const { endpoint, env } = await withScenario('only-published-none-published');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--lang', 'en'], env);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ No property visible');
    expect(r.out).toContain('the right "Can only see addresses/properties published on the website"');
    expect(r.out).toContain('Cause and fix: see "No property visible"');
    expect(r.out).toContain('Property → Marketing → Own website: Publish');
  });

  it('only-published-none-published with an expected estate: names it and the cause', async () => {
    const { endpoint, env, sandbox: sb } = await withScenario('only-published-none-published');
    const id = sb.control.tenant('only-published-none-published').estates[0]?.Id;
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--expect-estates', String(id), '--json'], env);
    expect(r.code).toBe(1);
    const expected = JSON.parse(r.out).findings.find((f: { id: string }) => f.id === `estate:${id}`);
    expect(expected).toMatchObject({ status: 'fail', heuristic: true, causedBy: 'rights:estate:read', fix: null, reasons: ['hidden-by-publish-restriction'] });
    expect(expected.explanation.en).toContain('Exists and is readable but is not returned');
  });

  it('an expected estate that is not there is said not to exist', async () => {
    const { endpoint, env, sandbox: sb } = await withScenario('healthy-website');
    const id = sb.control.tenant('healthy-website').estates[0]?.Id;
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--expect-estates', `${id},999`, '--json'], env);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out).findings as { id: string; status: string; reasons?: string[]; explanation: { en: string } }[];
    expect(findings.find((f) => f.id === 'publish:estates')?.status).toBe('pass');
    const expected = findings.find((f) => f.id === 'estate:999');
    expect(expected?.reasons).toEqual(['not-found']);
    expect(expected?.explanation.en).toContain('Does not exist');
    const text = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--expect-estates', '999', '--lang', 'en'], env);
    expect(text.out).toMatch(/✗ Property 999 is invisible to the API user .*\[estate:999\]/);
    expect(text.out).toContain('reasons: not-found');
  });

  it('estate-variety: --expect-estates, --fields and --language give reasons, unknown fields and the language check', async () => {
    const { endpoint, env, sandbox: sb } = await withScenario('estate-variety');
    const t = sb.control.tenant('estate-variety');
    const sold = t.estates.find((e) => e.objektnr_extern === 'EV-SOLD')?.Id;
    const english = t.estates.find((e) => e.objektnr_extern === 'EV-NO-ENGLISH')?.Id;
    const args = ['doctor', '--endpoint', endpoint, '--use-case', 'website', '--expect-estates', `${sold},${english}`, '--fields', 'estate:Id,kaufpries', '--fields', 'address:Name', '--language', 'eng'];
    const r = await cli([...args, '--json'], env);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    const byId = new Map((json.findings as { id: string; status: string; reasons?: string[] }[]).map((f) => [f.id, f]));
    expect(byId.get(`estate:${sold}`)).toMatchObject({ status: 'info', reasons: ['sold'] });
    expect(byId.get(`estate:${english}`)).toMatchObject({ status: 'fail', reasons: ['language-missing'] });
    expect(byId.get('fields:estate')?.status).toBe('fail');
    expect(byId.get('fields:address')?.status).toBe('pass');
    expect(byId.has('language:ENG')).toBe(true);
    expect(json.requests).toBe(2);
    const text = await cli([...args, '--lang', 'en'], env);
    expect(text.out).toContain('kaufpries (did you mean kaufpreis?)');
    expect(text.out).toContain('reasons: sold');
  });

  it.each([
    [['--fields', 'house:Id']],
    [['--fields', 'estate:']],
    [['--fields', 'estate:Id,bad name']],
    [['--language', 'english']],
    [['--picture-categories', 'Titel bild']],
  ])('bad integrator options are usage errors: %j', async (extra) => {
    const r = await cli(['doctor', '--endpoint', 'http://127.0.0.1:9/api.php', '--use-case', 'website', ...extra], { ONOFFICE_TOKEN: 't', ONOFFICE_SECRET: 's' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^doctor: --(fields|language|picture-categories)/);
  });

  it.each([200, 400] as const)('a revoked token answered with HTTP %s exits 3 (not authenticated), not 4', async (authErrorHttpStatus) => {
    const { endpoint, env, sandbox: sb } = await withScenario('revoked-token');
    sb.control.setUnknowns({ authErrorHttpStatus });
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--json'], env);
    expect(r.code).toBe(3);
    const credentials = JSON.parse(r.out).findings.find((f: { id: string }) => f.id === 'credentials');
    expect(credentials).toMatchObject({ status: 'fail', evidence: { code: 22 } });
  });

  it('a server that fails every action never exits 0: exit 4, ok false', async () => {
    const { endpoint, env, sandbox: sb } = await withScenario('healthy-website');
    sb.control.setFaults({ actionFailure: 1 });
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--json'], env);
    expect(r.code).toBe(4);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(false);
    // An unknown finding sends nobody to change enterprise: at most it says to try again.
    for (const f of json.findings as { status: string; fix: { en: string } | null }[]) {
      if (f.status === 'unknown' && f.fix !== null) expect(f.fix.en).toContain('Nothing needs changing in enterprise');
    }
  });

  it('a required check that stays unknown makes the run inconclusive: exit 5', async () => {
    const { endpoint, env, mailbox, sandbox: sb } = await withScenario('no-mailbox');
    sb.control.setUnknowns({ noMailboxCode: 50 });
    const args = ['doctor', '--endpoint', endpoint, '--use-case', 'email', '--mail-identity', mailbox, '--mail-to', 'lead@example.com', '--send-test-mail'];
    const json = await cli([...args, '--json'], env);
    expect(json.code).toBe(5);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, inconclusive: 1 });
    const text = await cli([...args, '--lang', 'en'], env);
    expect(text.code).toBe(5);
    expect(text.out).toContain('Inconclusive: 1 required check stayed unknown');
  });

  it('no-mailbox: the mail test (with consent) exits 1 naming the mailbox assignment', async () => {
    const { endpoint, env, mailbox, sandbox: sb } = await withScenario('no-mailbox');
    const r = await cli(
      ['doctor', '--endpoint', endpoint, '--use-case', 'email', '--mail-identity', mailbox, '--mail-to', 'lead@example.com', '--send-test-mail', '--lang', 'de'],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ Test-E-Mail nicht verschickt: Identität nicht nutzbar \(51\) {2}\[mailbox\]/);
    expect(r.out).toContain('Grundeinstellungen → E-Mail → Postfach öffnen → „Zugeordnete Benutzer“');
    expect(r.out).toContain('3 Anfragen');
    expect(sb.control.outbox('no-mailbox')).toHaveLength(0);
  });

  it('no-mailbox without consent: emailInfo heuristic, exit 1, no mail sent', async () => {
    const { endpoint, env, mailbox, sandbox: sb } = await withScenario('no-mailbox');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'email', '--mail-identity', mailbox, '--mail-to', 'lead@example.com', '--lang', 'en'], env);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ Mailbox probably not assigned \(heuristic\)/);
    expect(sb.control.requests().some((q) => JSON.stringify(q.body).includes('sendmail'))).toBe(false);
  });

  it('clock-skew: exit 3 with the measured offset', async () => {
    const { endpoint, env } = await withScenario('clock-skew');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--lang', 'en'], env);
    expect(r.code).toBe(3);
    expect(r.out).toContain('400 s');
  });

  it('transport failure: exit 4', async () => {
    const { endpoint, env, sandbox: sb } = await withScenario('healthy-website');
    for (let i = 0; i < 3; i++) sb.control.queueFault('http500');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'website', '--json'], env);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out).findings.find((f: { id: string }) => f.id === 'connection').status).toBe('fail');
  });

  it('custom: picked rights and admin', async () => {
    const { endpoint, env } = await withScenario('admin-log-reader');
    const r = await cli(['doctor', '--endpoint', endpoint, '--use-case', 'custom', '--rights', 'estate:read,estate:modify,admin', '--json'], env);
    expect(r.code).toBe(0);
    const status = Object.fromEntries(JSON.parse(r.out).findings.map((f: { id: string; status: string }) => [f.id, f.status]));
    expect(status).toMatchObject({ 'rights:estate:read': 'pass', 'rights:estate:modify': 'pass', 'rights:admin': 'pass' });
  });

  it('missing credentials: exit 3', async () => {
    const r = await cli(['doctor', '--endpoint', 'http://127.0.0.1:9/api.php', '--use-case', 'website', '--lang', 'en']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('ONOFFICE_TOKEN');
  });

  it.each([
    [['--use-case', 'website']],
    [['--endpoint', 'http://127.0.0.1:9/api.php']],
    [['--endpoint', 'http://127.0.0.1:9/api.php', '--use-case', 'shop']],
    [['--endpoint', 'http://127.0.0.1:9/api.php', '--use-case', 'custom']],
    [['--endpoint', 'http://127.0.0.1:9/api.php', '--use-case', 'custom', '--rights', 'estate:write']],
    [['--endpoint', 'http://127.0.0.1:9/api.php', '--use-case', 'website', '--expect-estates', 'abc']],
    [['--endpoint', 'http://127.0.0.1:9/api.php', '--use-case', 'email', '--send-test-mail', '--mail-identity', 'a@b.de']],
    [['--endpoint', 'http://example.com/api.php', '--use-case', 'website']],
    [['--endpoint', 'http://127.0.0.1:9/api.php', '--use-case', 'website', '--secret=abc']],
  ])('usage errors exit 2: %j', async (args) => {
    const r = await cli(['doctor', ...args], { ONOFFICE_TOKEN: 't', ONOFFICE_SECRET: 's' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^doctor: /);
  });

  it('--help and the global usage mention doctor', async () => {
    const help = (await cli(['doctor', '--help'])).out;
    expect(help).toContain('--send-test-mail');
    expect(help).toContain('5 inconclusive');
    expect(help).toContain('measured from this computer');
    expect((await cli(['help'])).out).toContain('doctor    check');
  });
});
