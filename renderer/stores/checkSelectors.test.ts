import { describe, expect, it } from 'vitest';
import type { CheckRunMeta, Finding } from '../../preload/contract.ts';
import {
  CHECK_STEPS,
  countStatuses,
  EMPTY_CUSTOM_PICK,
  estateReasons,
  groupByStep,
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
