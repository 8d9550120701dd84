import { describe, expect, it } from 'vitest';
import type { CheckRunMeta, Finding } from '../../preload/contract.ts';
import {
  CHECK_STEPS,
  countStatuses,
  arrangeFindings,
  EMPTY_CUSTOM_PICK,
  engineStepOf,
  estateReasons,
  groupByStep,
  groupEstates,
  needsNewCredentials,
  partialSteps,
  problemsFirst,
  problemsOnlyByDefault,
  recheckRequest,
  verdictOf,
  parseEstateIds,
  progressPercent,
  sortHistory,
  stepOf,
  stepState,
  summaryCounts,
  toCustomRights,
  togglePick,
  websiteLanguageName,
  type FindingStatus,
} from './checkSelectors.ts';

const finding = (id: string, status: FindingStatus = 'pass'): Finding => ({
  id,
  status,
  title: { de: id, en: id },
  explanation: { de: '', en: '' },
  fix: null,
  evidence: {},
  heuristic: false,
});

const meta = (id: string, startedAt: number): CheckRunMeta => ({ id, startedAt, finishedAt: startedAt + 1, useCase: 'website', endpointHost: 'h', summary: countStatuses([]) });

describe('steps', () => {
  it('puts every finding id the engine produces into its step', () => {
    expect(stepOf('credentials')).toBe('credentials');
    for (const id of ['connection', 'clock', 'identity']) expect(stepOf(id)).toBe('connection');
    expect(stepOf('rights:estate:read')).toBe('rights');
    expect(stepOf('rights:excess')).toBe('rights');
    expect(stepOf('publish:expected')).toBe('publish');
    expect(stepOf('mailbox')).toBe('mailbox');
    expect(stepOf('server-log')).toBe('serverLog');
  });
  it('puts what the website shows with the publishing, and the field list in a step of its own', () => {
    for (const id of ['estate:1001', 'contacts', 'language:ENG', 'publish:pictures']) expect(stepOf(id)).toBe('publish');
    for (const id of ['fields:estate', 'fields:address']) expect(stepOf(id)).toBe('fields');
    const groups = groupByStep([finding('fields:estate'), finding('estate:7'), finding('publish:estates'), finding('language:ENG'), finding('mailbox')]);
    expect(groups.map((g) => g.step)).toEqual(['credentials', 'connection', 'rights', 'publish', 'fields', 'mailbox', 'serverLog']);
    expect(groups.find((g) => g.step === 'publish')?.findings.map((f) => f.id)).toEqual(['estate:7', 'publish:estates', 'language:ENG']);
    expect(groups.find((g) => g.step === 'fields')?.findings.map((f) => f.id)).toEqual(['fields:estate']);
  });
  it('names the reasons of an estate, and what an undetermined answer leaves open', () => {
    expect(estateReasons({})).toEqual({ reasons: [], possible: [] });
    expect(estateReasons({ reasons: ['not-published', 'sold'], possibleReasons: ['no-read-right'] })).toEqual({ reasons: ['not-published', 'sold'], possible: [] });
    expect(estateReasons({ reasons: ['undetermined', 'from-a-newer-version' as never], possibleReasons: ['no-read-right', 'hidden-by-publish-restriction'] })).toEqual({
      reasons: ['undetermined'],
      possible: ['no-read-right', 'hidden-by-publish-restriction'],
    });
  });
  it('groups in flow order and keeps arrival order inside a step', () => {
    const groups = groupByStep([finding('server-log'), finding('rights:excess'), finding('credentials'), finding('rights:estate:read')]);
    expect(groups.map((g) => g.step)).toEqual([...CHECK_STEPS]);
    expect(groups.find((g) => g.step === 'rights')?.findings.map((f) => f.id)).toEqual(['rights:excess', 'rights:estate:read']);
    expect(groups.find((g) => g.step === 'publish')?.findings).toEqual([]);
  });
  it('shows the worst status of a step', () => {
    expect(stepState([finding('a', 'pass'), finding('b', 'fail'), finding('c', 'warn')], false)).toBe('fail');
    expect(stepState([finding('a', 'pass'), finding('c', 'warn')], false)).toBe('warn');
    expect(stepState([finding('a', 'skipped'), finding('b', 'info')], false)).toBe('info');
    expect(stepState([finding('a', 'skipped')], false)).toBe('skipped');
  });
  it('waits for an empty step while running, and calls it not planned afterwards', () => {
    expect(stepState([], true)).toBe('pending');
    expect(stepState([], false)).toBe('notPlanned');
  });
});

describe('website language', () => {
  it('names each language in the person language, with its code', () => {
    expect(websiteLanguageName('ENG', 'de')).toBe('Englisch (ENG)');
    expect(websiteLanguageName('FRA', 'en')).toBe('French (FRA)');
    expect(websiteLanguageName('GRC', 'de')).toBe('Griechisch (GRC)');
  });
});

describe('summary and progress', () => {
  it('lists the statuses that occurred, worst first', () => {
    expect(summaryCounts({ pass: 11, fail: 0, warn: 1, info: 1, skipped: 0, unknown: 0 })).toEqual([
      { status: 'warn', count: 1 },
      { status: 'pass', count: 11 },
      { status: 'info', count: 1 },
    ]);
  });
  it('copes with the empty summary of an unfinished run', () => expect(summaryCounts({})).toEqual([]));
  it('counts findings as they arrive', () => expect(countStatuses([finding('a'), finding('b', 'fail'), finding('c')])).toMatchObject({ pass: 2, fail: 1, warn: 0 }));
  it('reports progress in percent', () => {
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(3, 12)).toBe(25);
    expect(progressPercent(13, 12)).toBe(100);
  });
  it('sorts the history newest first without touching the input', () => {
    const list = [meta('a', 1), meta('c', 3), meta('b', 2)];
    expect(sortHistory(list).map((m) => m.id)).toEqual(['c', 'b', 'a']);
    expect(list.map((m) => m.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('expected estate ids', () => {
  it('accepts commas and spaces, and drops repeats', () => expect(parseEstateIds(' 12, 15 17,,12 ')).toEqual({ ok: true, ids: [12, 15, 17] }));
  it('is empty for nothing', () => expect(parseEstateIds('  ')).toEqual({ ok: true, ids: [] }));
  it('names the first item that is not a positive whole number', () => {
    for (const bad of ['0', '-3', '1.5', '12a', '1e3', '99999999999999999999']) {
      expect(parseEstateIds(`4, ${bad}`)).toEqual({ ok: false, reason: 'notPositiveInteger', item: bad });
    }
  });
  it('refuses more than the contract takes', () =>
    expect(parseEstateIds(Array.from({ length: 501 }, (_, i) => i + 1).join(','))).toEqual({ ok: false, reason: 'tooMany' }));
});

describe('custom rights', () => {
  it('turns ticks and scopes into the contract rights, in picker order', () => {
    let pick = togglePick(EMPTY_CUSTOM_PICK, 'address', 'create');
    pick = togglePick(pick, 'estate', 'read');
    pick = { ...pick, scopes: { estate: 'own' } };
    expect(toCustomRights(pick)).toEqual([
      { module: 'estate', action: 'read', scope: 'own' },
      { module: 'address', action: 'create', scope: 'all' },
    ]);
  });
  it('untoggles a tick', () => expect(toCustomRights(togglePick(togglePick(EMPTY_CUSTOM_PICK, 'task', 'read'), 'task', 'read'))).toEqual([]));
});

describe('results: problems first', () => {
  const list = [
    finding('credentials'),
    finding('server-log', 'warn'),
    finding('connection'),
    finding('rights:estate:read', 'fail'),
    finding('mailbox', 'unknown'),
    finding('publish:estates', 'info'),
    { ...finding('identity', 'unknown'), required: true },
    finding('fields:estate', 'skipped'),
    finding('clock', 'fail'),
  ];
  it('orders fail, required unknown, unknown, warn, then notes and passes; flow order among equals', () => {
    expect(problemsFirst(list).map((f) => f.id)).toEqual([
      'clock',
      'rights:estate:read',
      'identity',
      'mailbox',
      'server-log',
      'publish:estates',
      'fields:estate',
      'credentials',
      'connection',
    ]);
  });
  it('folds the passes and hides notes only when asked', () => {
    const all = arrangeFindings(list, false);
    expect(all.problems.map((f) => f.status)).toEqual(['fail', 'fail', 'unknown', 'unknown', 'warn']);
    expect(all.notes.map((f) => f.id)).toEqual(['publish:estates', 'fields:estate']);
    expect(all.passed.map((f) => f.id)).toEqual(['credentials', 'connection']);
    expect(all.hiddenNotes).toBe(0);
    const only = arrangeFindings(list, true);
    expect(only.problems).toEqual(all.problems);
    expect(only.notes).toEqual([]);
    expect(only.hiddenNotes).toBe(2);
    expect(only.passed).toEqual(all.passed);
  });
  it('shows only problems by default when there is one', () => {
    expect(problemsOnlyByDefault(list)).toBe(true);
    expect(problemsOnlyByDefault([finding('a'), finding('b', 'info')])).toBe(false);
  });
  it('gathers per-estate findings where the first stands', () => {
    const rows = groupEstates([finding('publish:estates'), finding('estate:7'), finding('contacts'), finding('estate:9')]);
    expect(rows.map((r) => (r.kind === 'finding' ? r.finding.id : r.findings.map((f) => f.id).join('+')))).toEqual(['publish:estates', 'estate:7+estate:9', 'contacts']);
    expect(groupEstates([]).length).toBe(0);
  });
});

describe('verdict', () => {
  it('passes without failures and open required checks, warnings or not', () => {
    expect(verdictOf({ findings: [finding('a'), finding('b', 'info')] })).toEqual({ verdict: 'passed', failed: 0, inconclusive: 0 });
    expect(verdictOf({ findings: [finding('a'), finding('b', 'warn'), finding('c', 'unknown')] }).verdict).toBe('passed');
  });
  it('is never green with a required check left open, even when the run says nothing about it', () => {
    expect(verdictOf({ findings: [finding('a'), { ...finding('mailbox', 'unknown'), required: true }] }).verdict).toBe('inconclusive');
    expect(verdictOf({ findings: [finding('a')], inconclusive: 1 }).verdict).toBe('inconclusive');
  });
  it('names failures before open answers', () => {
    expect(verdictOf({ findings: [finding('a', 'fail'), finding('b', 'fail'), { ...finding('m', 'unknown'), required: true }] })).toEqual({ verdict: 'problems', failed: 2, inconclusive: 1 });
  });
});

describe('actions inside findings', () => {
  it('maps every finding id to the engine step that produces it', () => {
    const cases: Array<[string, string]> = [
      ['credentials', 'connection'],
      ['connection', 'connection'],
      ['clock', 'connection'],
      ['identity', 'connection'],
      ['rights:estate:read', 'rights'],
      ['rights:excess', 'rights'],
      ['publish:pictures', 'publish'],
      ['estate:1001', 'estates'],
      ['contacts', 'estates'],
      ['language:ENG', 'estates'],
      ['fields:address', 'fields'],
      ['mailbox', 'mailbox'],
      ['server-log', 'log'],
    ];
    for (const [id, step] of cases) expect([id, engineStepOf(id)]).toEqual([id, step]);
  });
  it('offers new credentials for onOffice codes 22 and 137 only', () => {
    expect(needsNewCredentials({ evidence: { code: 22 } })).toBe(true);
    expect(needsNewCredentials({ evidence: { code: '137' } })).toBe(true);
    expect(needsNewCredentials({ evidence: { code: 500 } })).toBe(false);
    expect(needsNewCredentials({ evidence: {} })).toBe(false);
  });
  it('re-checks with the run\'s own request, never with the mail consent', () => {
    const original = { profileId: 'p', useCase: 'email' as const, mail: { identity: 'a@b.de', receiver: 'me@b.de', consent: true }, expectEstates: [3] };
    const run = { profileId: 'p', useCase: 'email', findings: [] };
    expect(recheckRequest(run, 'mailbox', original)).toEqual({ ...original, mail: { identity: 'a@b.de', receiver: 'me@b.de', consent: false }, steps: ['mailbox'] });
    expect(original.mail.consent).toBe(true);
  });
  it('rebuilds a re-check from an opened run', () => {
    const run = { profileId: 'p', useCase: 'website', findings: [finding('estate:12'), finding('language:ENG'), finding('estate:15')] };
    expect(recheckRequest(run, 'estates', null)).toEqual({ profileId: 'p', useCase: 'website', expectEstates: [12, 15], language: 'ENG', steps: ['estates'] });
    expect(recheckRequest({ ...run, useCase: 'from-a-newer-version' }, 'rights', null)).toEqual({ profileId: 'p', expectEstates: [12, 15], language: 'ENG', steps: ['rights'] });
    expect(recheckRequest({ ...run, profileId: undefined }, 'rights', null)).toBeNull();
  });
  it('names the steps of a partial run in check order', () => {
    expect(partialSteps({ steps: ['log', 'rights'] })).toEqual(['rights', 'log']);
    expect(partialSteps({})).toEqual([]);
  });
});
