import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type OnOfficeClient } from '../onoffice/client.ts';
import type { Exchange } from '../onoffice/exchange.ts';
import { SCENARIO_NAMES, startSandbox, type SandboxHandle, type UnknownSwitches } from '../sandbox/index.ts';
import { runCheck, type RunCheckOptions } from './engine.ts';
import type { MailOptions } from './plan.ts';
import { renderHtml, renderMarkdown } from './report.ts';
import type { CheckRun, Finding, FindingStatus } from './types.ts';
import type { UseCaseName } from './usecases.ts';

let sandbox: SandboxHandle | null = null;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = null;
});

interface Setup {
  scenario: string;
  useCase?: UseCaseName;
  unknowns?: Partial<UnknownSwitches>;
  seed?: number;
  mail?: 'info' | 'send';
  mailTo?: string;
  expect?: (sb: SandboxHandle) => number[];
  wrap?: (client: OnOfficeClient, sb: SandboxHandle) => OnOfficeClient;
  extra?: Partial<RunCheckOptions>;
}

/** The mailbox the sandbox set up for the website, whoever it is assigned to. */
const websiteMailbox = (sb: SandboxHandle, scenario: string): string => {
  const m = sb.control.tenant(scenario).mailboxes.find((x) => x.email.startsWith('website@'));
  if (!m) throw new Error('no website mailbox');
  return m.email;
};

async function check(setup: Setup) {
  sandbox = await startSandbox({ scenarios: [setup.scenario], seed: setup.seed ?? 3, unknowns: setup.unknowns });
  const sb = sandbox;
  const user = sb.apiUsers[0];
  if (!user) throw new Error('no api user');
  const exchanges: Exchange[] = [];
  const progress: string[] = [];
  const mail: MailOptions | null = setup.mail
    ? { identity: websiteMailbox(sb, setup.scenario), receiver: setup.mailTo ?? 'lead@example.com', consent: setup.mail === 'send' }
    : null;
  const before = sb.control.requestCount();
  const run = await runCheck({
    runId: 'run-1',
    useCase: setup.useCase ?? 'website',
    credentials: { token: user.token, secret: user.secret },
    expectEstates: setup.expect?.(sb),
    mail,
    clientFactory: (onExchange) => {
      const client = createClient({ endpoint: new URL(sb.endpoint), credentials: () => user, onExchange, retryBaseDelayMs: 1 });
      return setup.wrap ? setup.wrap(client, sb) : client;
    },
    recordExchange: (e, runId) => {
      exchanges.push(e);
      return `${runId}/${exchanges.length}`;
    },
    onProgress: (f, p) => progress.push(`${f.id}:${p.done}/${p.total}`),
    now: () => Date.parse('2026-01-02T03:04:05Z'),
    ...setup.extra,
  });
  return { run, sb, user, exchanges, progress, httpRequests: sb.control.requestCount() - before };
}

const byStatus = (run: CheckRun, status: FindingStatus): string[] => run.findings.filter((f) => f.status === status).map((f) => f.id).sort();
const finding = (run: CheckRun, id: string): Finding => {
  const f = run.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};

const REST_OF_WEBSITE = [
  'identity',
  'publish:addresses',
  'publish:estates',
  'publish:pictures',
  'rights:address:create',
  'rights:address:read',
  'rights:estate:read',
  'rights:excess',
  'rights:searchCriteria:create',
  'server-log',
];

interface Row {
  scenario: string;
  fail: string[];
  warn: string[];
  /** Findings that must pass (others may be info, unknown or skipped). */
  pass: string[];
  skipped?: string[];
  requests: number;
}

// Website use case, seed 3, default unknowns.
const TABLE: Row[] = [
  {
    scenario: 'healthy-website',
    fail: [],
    warn: ['publish:pictures'],
    pass: ['clock', 'connection', 'credentials', 'identity', 'publish:addresses', 'publish:estates', 'rights:address:create', 'rights:address:read', 'rights:estate:read', 'rights:excess', 'rights:searchCriteria:create'],
    requests: 2,
  },
  { scenario: 'wrong-secret', fail: ['credentials'], warn: [], pass: ['clock', 'connection'], skipped: REST_OF_WEBSITE, requests: 1 },
  { scenario: 'revoked-token', fail: ['credentials'], warn: [], pass: ['clock', 'connection'], skipped: REST_OF_WEBSITE, requests: 1 },
  {
    scenario: 'no-read-rights',
    fail: ['rights:address:read', 'rights:estate:read'],
    warn: ['rights:searchCriteria:create'],
    pass: ['credentials', 'identity', 'rights:address:create'],
    requests: 2,
  },
  {
    scenario: 'only-own-rights',
    fail: [],
    warn: ['publish:pictures', 'rights:address:read', 'rights:estate:read', 'rights:excess', 'rights:searchCriteria:create'],
    pass: ['rights:address:create'],
    requests: 2,
  },
  {
    scenario: 'only-published-none-published',
    fail: ['rights:address:read', 'rights:estate:read'],
    warn: [],
    pass: ['rights:address:create', 'rights:searchCriteria:create'],
    requests: 2,
  },
  {
    scenario: 'only-published-some',
    fail: [],
    warn: ['publish:pictures'],
    pass: ['rights:address:read', 'rights:estate:read', 'rights:excess'],
    requests: 2,
  },
  {
    scenario: 'excess-rights',
    fail: [],
    warn: ['publish:pictures', 'rights:excess'],
    pass: ['rights:address:read', 'rights:estate:read', 'publish:estates'],
    requests: 2,
  },
  { scenario: 'no-mailbox', fail: [], warn: ['publish:pictures'], pass: ['rights:estate:read', 'rights:excess'], requests: 2 },
  { scenario: 'inactive-mailbox', fail: [], warn: ['publish:pictures'], pass: ['rights:estate:read', 'rights:excess'], requests: 2 },
  {
    scenario: 'admin-log-reader',
    fail: [],
    warn: ['publish:pictures', 'rights:excess', 'rights:searchCriteria:create'],
    pass: ['rights:address:create', 'rights:address:read', 'rights:estate:read'],
    requests: 2,
  },
  { scenario: 'clock-skew', fail: ['clock'], warn: [], pass: ['connection'], skipped: ['credentials', ...REST_OF_WEBSITE], requests: 1 },
];

describe('runCheck against every sandbox scenario (website)', () => {
  it('the table covers every scenario', () => {
    expect([...TABLE.map((r) => r.scenario), 'flaky'].sort()).toEqual([...SCENARIO_NAMES].sort());
  });

  it.each(TABLE)('$scenario', async (row) => {
    const { run, httpRequests, exchanges } = await check({ scenario: row.scenario });
    expect(byStatus(run, 'fail')).toEqual([...row.fail].sort());
    expect(byStatus(run, 'warn')).toEqual([...row.warn].sort());
    for (const id of row.pass) expect(finding(run, id).status, id).toBe('pass');
    for (const id of row.skipped ?? []) expect(finding(run, id).status, id).toBe('skipped');
    expect(run.requests).toBe(row.requests);
    expect(httpRequests).toBe(row.requests);
    expect(exchanges).toHaveLength(row.requests);
    expect(run.ok).toBe(row.fail.length === 0);
  });

  it('flaky: retries are the client\'s, failed actions give unknown, never a wrong fail', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { run } = await check({ scenario: 'flaky', seed });
      expect(byStatus(run, 'fail'), `seed ${seed}`).toEqual([]);
      expect(['pass', 'unknown']).toContain(finding(run, 'rights:estate:read').status);
      await sandbox?.stop();
      sandbox = null;
    }
  });

  it('a run is plain JSON with a summary, ordered findings and evidence, without credentials', async () => {
    const { run, user, progress } = await check({ scenario: 'no-read-rights' });
    expect(JSON.parse(JSON.stringify(run))).toEqual(run);
    expect(run).toMatchObject({ id: 'run-1', useCase: 'website', startedAt: '2026-01-02T03:04:05.000Z' });
    expect(run.endpointHost).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(run.summary.fail).toBe(2);
    expect(Object.values(run.summary).reduce((a, b) => a + b, 0)).toBe(run.findings.length);
    expect(run.findings.map((f) => f.id)[0]).toBe('credentials');
    expect(progress).toHaveLength(run.findings.length);
    expect(progress.at(-1)).toMatch(new RegExp(`:${run.findings.length}/${run.findings.length}$`));
    const estate = finding(run, 'rights:estate:read');
    expect(estate).toMatchObject({ heuristic: true, evidence: { exchangeIds: ['run-1/1'] } });
    expect(estate.evidence.request).toContain('read estate');
    expect(estate.fix?.de).toContain('Extras → Einstellungen → Benutzer');
    for (const text of [JSON.stringify(run), renderMarkdown(run, 'de'), renderHtml(run, 'en')]) {
      expect(text).not.toContain(user.token);
      expect(text).not.toContain(user.secret);
    }
  });

  it('journal ids returned as numbers land in journalIds', async () => {
    let n = 100;
    const { run } = await check({ scenario: 'wrong-secret', extra: { recordExchange: () => ++n } });
    expect(finding(run, 'credentials').evidence).toMatchObject({ journalIds: [101], code: 137 });
  });

  it('journal ids returned per action point each finding at its own actions', async () => {
    const resourceOf = new Map<number, string>();
    let next = 1;
    const { run } = await check({
      scenario: 'healthy-website',
      extra: {
        recordExchange: (x: Exchange) =>
          x.actions.map((a) => {
            resourceOf.set(next, a.resourcetype);
            return next++;
          }),
      },
    });
    const resources = (id: string) => new Set((finding(run, id).evidence.journalIds ?? []).map((j) => resourceOf.get(j)));
    expect(resources('connection')).toEqual(new Set(['basicsettings']));
    expect([...resources('rights:estate:read')].every((r) => r === 'estate')).toBe(true);
    expect([...resources('rights:address:read')].every((r) => r === 'address')).toBe(true);
    expect(resources('rights:estate:read').size).toBeGreaterThan(0);
  });

  it('with a ready client (no factory) requests are counted from the attempts', async () => {
    sandbox = await startSandbox({ scenarios: ['healthy-website'], seed: 3 });
    const sb = sandbox;
    const user = sb.apiUsers[0];
    if (!user) throw new Error('no api user');
    const run = await runCheck({
      runId: 'plain',
      useCase: 'portal-export',
      credentials: user,
      client: createClient({ endpoint: new URL(sb.endpoint), credentials: () => user }),
    });
    expect(run.requests).toBe(2);
    expect(run.findings.every((f) => f.evidence.exchangeIds === undefined)).toBe(true);
    await expect(runCheck({ runId: 'x', useCase: 'website', credentials: user })).rejects.toThrow(TypeError);
  });

  it('transport failure: connection fails, the rest is skipped', async () => {
    const { run } = await check({
      scenario: 'healthy-website',
      wrap: (client, sb) => ({
        endpoint: client.endpoint,
        call: (specs, o) => {
          for (let i = 0; i < 3; i++) sb.control.queueFault('http502');
          return client.call(specs, o);
        },
      }),
    });
    expect(byStatus(run, 'fail')).toEqual(['connection']);
    expect(finding(run, 'connection').evidence.code).toBe('http-status');
    expect(finding(run, 'rights:estate:read').status).toBe('skipped');
    expect(run.requests).toBe(3);
  });

  it('unusable credentials format: no request at all', async () => {
    const { run, httpRequests, user } = await check({
      scenario: 'healthy-website',
      extra: { credentials: { token: 'x'.repeat(64), secret: 'y'.repeat(32) } },
    });
    expect(httpRequests).toBe(0);
    expect(run.requests).toBe(0);
    expect(finding(run, 'credentials')).toMatchObject({ status: 'fail' });
    expect(finding(run, 'credentials').explanation.en).toContain('swapped');
    expect(finding(run, 'connection').status).toBe('skipped');
    expect(JSON.stringify(run)).not.toContain(user.token);
  });
});

describe('other use cases', () => {
  it('log-reader on admin-log-reader: Admin passes and the API user\'s latest log entries are shown', async () => {
    const { run, user } = await check({ scenario: 'admin-log-reader', useCase: 'log-reader' });
    expect(finding(run, 'rights:admin').status).toBe('pass');
    const log = finding(run, 'server-log');
    expect(log).toMatchObject({ status: 'info', heuristic: false });
    expect(log.title.en).toMatch(/^[1-9]\d* log entries/);
    expect(log.explanation.en).toContain(`user #${user.userId}`);
    expect(byStatus(run, 'warn')).toEqual(['rights:excess']);
    expect(finding(run, 'rights:excess').explanation.en).toContain('"modify property"');
  });

  it('log-reader without Admin fails rights:admin and explains the enterprise path', async () => {
    const { run } = await check({ scenario: 'healthy-website', useCase: 'log-reader' });
    expect(byStatus(run, 'fail')).toEqual(['rights:admin']);
    expect(finding(run, 'server-log').fix?.de).toContain('Extras → Protokoll');
  });

  it('portal-export warns on write rights it must not hold', async () => {
    const { run } = await check({ scenario: 'healthy-website', useCase: 'portal-export' });
    expect(byStatus(run, 'fail')).toEqual([]);
    const excess = finding(run, 'rights:excess');
    expect(excess.status).toBe('warn');
    expect(excess.explanation.en).toContain('"create address"');
  });

  it('custom: picked rights become findings', async () => {
    const { run } = await check({
      scenario: 'healthy-website',
      useCase: 'custom',
      extra: { customRights: [{ module: 'estate', action: 'read', scope: 'all' }, { module: 'estate', action: 'modify', scope: 'all' }] },
    });
    expect(finding(run, 'rights:estate:read').status).toBe('pass');
    expect(finding(run, 'rights:estate:modify').status).toBe('fail');
    expect(run.findings.some((f) => f.id === 'publish:addresses')).toBe(false);
  });

  it('lead-intake without a mail identity leaves the mailbox skipped', async () => {
    const { run } = await check({ scenario: 'healthy-website', useCase: 'lead-intake' });
    expect(finding(run, 'mailbox').status).toBe('skipped');
    expect(finding(run, 'mailbox').fix?.de).toContain('Zugewiesene Benutzer');
  });
});

describe('expected estates', () => {
  const ids = (sb: SandboxHandle, scenario: string) => {
    const estates = sb.control.tenant(scenario).estates;
    const pub = estates.find((e) => e.veroeffentlichen === '1');
    const unpub = estates.find((e) => e.veroeffentlichen === '0');
    if (!pub || !unpub) throw new Error('sample tenant lacks published or unpublished estates');
    return { pub: pub.Id, unpub: unpub.Id };
  };

  it.each(['empty', 'error-80', 'error-149', 'error-293'] as const)(
    'only-published-some, forbiddenRecordRead=%s: the unpublished one is named as hidden by the publish restriction',
    async (forbiddenRecordRead) => {
      let picked = { pub: 0, unpub: 0 };
      const { run, httpRequests } = await check({
        scenario: 'only-published-some',
        unknowns: { forbiddenRecordRead },
        expect: (sb) => {
          picked = ids(sb, 'only-published-some');
          return [picked.pub, picked.unpub];
        },
      });
      const f = finding(run, 'publish:expected');
      expect(f).toMatchObject({ status: 'fail', heuristic: true });
      expect(f.explanation.en).toContain(`Not visible: ${picked.unpub}.`);
      expect(f.explanation.en).toContain('probably "Can only see');
      expect(httpRequests).toBe(2);
    },
  );

  it.each([true, false])('checkRightsHonoursPublish=%s: the invisible estate is named either way', async (checkRightsHonoursPublish) => {
    let unpublished = 0;
    const { run } = await check({
      scenario: 'only-published-none-published',
      unknowns: { checkRightsHonoursPublish },
      expect: (sb) => {
        // Nothing is published in this scenario: any estate will do.
        unpublished = sb.control.tenant('only-published-none-published').estates[0]?.Id ?? 0;
        return [unpublished];
      },
    });
    const f = finding(run, 'publish:expected');
    expect(f.status).toBe('fail');
    expect(f.explanation.en).toContain(`Not visible: ${unpublished}.`);
    if (checkRightsHonoursPublish) expect(f.explanation.en).toContain('no read right');
    else expect(f.explanation.en).toContain('the read right is there');
  });

  it('all expected estates visible: pass', async () => {
    const { run } = await check({ scenario: 'healthy-website', expect: (sb) => sb.control.tenant('healthy-website').estates.slice(0, 3).map((e) => e.Id) });
    expect(finding(run, 'publish:expected').status).toBe('pass');
  });
});

describe('mailbox', () => {
  it.each([50, 51, 148, 211] as const)('no-mailbox, noMailboxCode=%s: the mail test fails naming the mailbox', async (noMailboxCode) => {
    const { run, sb, httpRequests } = await check({ scenario: 'no-mailbox', useCase: 'email', unknowns: { noMailboxCode }, mail: 'send' });
    const f = finding(run, 'mailbox');
    expect(f).toMatchObject({ status: 'fail', heuristic: false, evidence: { code: noMailboxCode } });
    expect(f.fix?.de).toContain('Extras → Einstellungen → Grundeinstellungen → E-Mail → Postfach öffnen → „Zugewiesene Benutzer“');
    expect(sb.control.outbox('no-mailbox')).toHaveLength(0);
    expect(httpRequests).toBe(3);
  });

  it('inactive-mailbox: the mail test fails with 211', async () => {
    const { run } = await check({ scenario: 'inactive-mailbox', useCase: 'email', mail: 'send' });
    expect(finding(run, 'mailbox')).toMatchObject({ status: 'fail', evidence: { code: 211 } });
  });

  it('healthy: exactly one test mail is sent, in a third request of its own', async () => {
    const { run, sb, httpRequests } = await check({ scenario: 'healthy-website', useCase: 'email', mail: 'send' });
    expect(finding(run, 'mailbox')).toMatchObject({ status: 'pass', heuristic: false });
    expect(sb.control.outbox('healthy-website')).toHaveLength(1);
    expect(httpRequests).toBe(3);
    const bodies = sb.control.requests().map((r) => JSON.stringify(r.body));
    expect(bodies.filter((b) => b.includes('sendmail'))).toHaveLength(1);
    const last = sb.control.requests().at(-1)?.body as { request: { actions: unknown[] } };
    expect(last.request.actions).toHaveLength(1);
  });

  it('without consent no mail is ever sent (identity and receiver given)', async () => {
    for (const scenario of ['healthy-website', 'no-mailbox']) {
      const { sb, httpRequests } = await check({ scenario, useCase: 'email', mail: 'info' });
      expect(sb.control.outbox(scenario)).toHaveLength(0);
      expect(sb.control.requests().some((r) => JSON.stringify(r.body).includes('sendmail'))).toBe(false);
      expect(httpRequests).toBeLessThanOrEqual(2);
      await sandbox?.stop();
      sandbox = null;
    }
  });

  it('a failed mail test is never repeated: unknown, one sendmail only', async () => {
    const { run, sb } = await check({
      scenario: 'healthy-website',
      useCase: 'email',
      mail: 'send',
      wrap: (client, s) => ({
        endpoint: client.endpoint,
        call: (specs, o) => {
          if (specs.some((x) => x.kind === 'do')) s.control.queueFault('http502');
          return client.call(specs, o);
        },
      }),
    });
    expect(finding(run, 'mailbox').status).toBe('unknown');
    expect(finding(run, 'mailbox').explanation.en).toContain('not repeated');
    expect(sb.control.requests().filter((r) => JSON.stringify(r.body).includes('sendmail'))).toHaveLength(1);
  });

  it.each([
    ['error', 'healthy-website', 'pass'],
    ['error', 'no-mailbox', 'fail'],
    ['empty', 'healthy-website', 'pass'],
    ['empty', 'no-mailbox', 'warn'],
    ['error', 'inactive-mailbox', 'fail'],
  ] as const)('emailInfoWithoutMailbox=%s on %s: the heuristic gives %s', async (emailInfoWithoutMailbox, scenario, status) => {
    const { run } = await check({ scenario, useCase: 'email', unknowns: { emailInfoWithoutMailbox }, mail: 'info' });
    expect(finding(run, 'mailbox')).toMatchObject({ status, heuristic: true });
  });
});

describe('the remaining unknowns, both settings', () => {
  it.each([0, 97] as const)('topLevelOnActionFailure=%s: healthy stays healthy, a wrong secret still fails credentials', async (topLevelOnActionFailure) => {
    const healthy = await check({ scenario: 'healthy-website', unknowns: { topLevelOnActionFailure } });
    expect(byStatus(healthy.run, 'fail')).toEqual([]);
    expect(finding(healthy.run, 'rights:excess').status).toBe('pass');
    await sandbox?.stop();
    const wrong = await check({ scenario: 'wrong-secret', unknowns: { topLevelOnActionFailure } });
    expect(byStatus(wrong.run, 'fail')).toEqual(['credentials']);
    expect(finding(wrong.run, 'credentials').evidence.code).toBe(137);
  });

  it.each(['records', 'empty-array'] as const)('failedActionData=%s: same findings', async (failedActionData) => {
    const { run } = await check({ scenario: 'no-read-rights', unknowns: { failedActionData } });
    expect(byStatus(run, 'fail')).toEqual(['rights:address:read', 'rights:estate:read']);
    await sandbox?.stop();
    const wrong = await check({ scenario: 'wrong-secret', unknowns: { failedActionData } });
    expect(byStatus(wrong.run, 'fail')).toEqual(['credentials']);
  });

  it.each([true, false])('logRecordsReads=%s: the log reader sees its entries either way', async (logRecordsReads) => {
    const { run } = await check({ scenario: 'admin-log-reader', useCase: 'log-reader', unknowns: { logRecordsReads } });
    expect(finding(run, 'server-log').status).toBe('info');
    expect(finding(run, 'server-log').title.en).toMatch(/^[1-9]\d* log entries/);
  });
});
