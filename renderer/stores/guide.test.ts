import { describe, expect, it } from 'vitest';
import type { CheckRun, Finding, FindingStatus, ProfileView } from '../../preload/contract.ts';
import { translate } from '../i18n/translate.ts';
import {
  checkRequest,
  defaultProgress,
  findingsOfStep,
  GUIDE_STEPS,
  guideStepOf,
  liveCredentialProblems,
  rightRows,
  statusOfFindings,
  stepForKey,
  stepStatus,
  toggleCustomRight,
  customScopeOf,
  setCustomScope,
} from './guide.ts';

const finding = (id: string, status: FindingStatus, extra: Partial<Finding> = {}): Finding =>
  ({ id, status, title: { de: id, en: id }, explanation: { de: '', en: '' }, fix: null, evidence: {}, heuristic: false, ...extra }) as Finding;

const run = (findings: Finding[]): CheckRun => ({
  id: 'r',
  useCase: 'website',
  endpointHost: 'h',
  startedAt: '',
  finishedAt: '',
  requests: 1,
  ok: true,
  findings,
  summary: { pass: 0, fail: 0, warn: 0, info: 0, unknown: 0, skipped: 0 },
});

const profile = (state: ProfileView['credentials']['state']): ProfileView =>
  ({ id: 'p', label: 'P', credentials: { state, tokenHint: 'ab12…ef90', cipher: null, backend: null, hasApiClaim: false } }) as ProfileView;

describe('which guide step a finding belongs to', () => {
  it('puts the gate and identity under connection, estates under publishing, and knows no step for others', () => {
    expect(['credentials', 'connection', 'clock', 'identity'].map(guideStepOf)).toEqual(['connection', 'connection', 'connection', 'connection']);
    expect(guideStepOf('rights:estate:read')).toBe('rights');
    expect(guideStepOf('rights:admin')).toBe('rights');
    expect(['publish:estates', 'estate:12', 'contacts', 'language:ENG'].map(guideStepOf)).toEqual(['publish', 'publish', 'publish', 'publish']);
    expect(guideStepOf('mailbox')).toBe('mailbox');
    expect(guideStepOf('server-log')).toBe('log');
    expect(guideStepOf('fields:estate')).toBeNull();
    expect(findingsOfStep('rights', run([finding('connection', 'pass'), finding('rights:address:read', 'fail')])).map((f) => f.id)).toEqual(['rights:address:read']);
  });
});

describe('how a step stands', () => {
  it('is a problem on any failure or warning, not verified while a question is open, passed otherwise', () => {
    expect(statusOfFindings('rights', [])).toBe('notChecked');
    expect(statusOfFindings('rights', [finding('a', 'pass'), finding('b', 'fail')])).toBe('problem');
    expect(statusOfFindings('rights', [finding('a', 'pass'), finding('b', 'warn')])).toBe('problem');
    expect(statusOfFindings('rights', [finding('a', 'pass'), finding('b', 'unknown')])).toBe('unverified');
    expect(statusOfFindings('connection', [finding('a', 'pass'), finding('b', 'info')])).toBe('passed');
    expect(statusOfFindings('publish', [finding('a', 'skipped')])).toBe('unverified');
  });

  it('never calls the mailbox green without a sent test mail', () => {
    expect(statusOfFindings('mailbox', [finding('mailbox', 'info', { heuristic: true })])).toBe('unverified');
    expect(statusOfFindings('mailbox', [finding('mailbox', 'skipped')])).toBe('unverified');
    expect(statusOfFindings('mailbox', [finding('mailbox', 'warn', { heuristic: true })])).toBe('unverified');
    expect(statusOfFindings('mailbox', [finding('mailbox', 'fail')])).toBe('problem');
    expect(statusOfFindings('mailbox', [finding('mailbox', 'pass')])).toBe('passed');
  });

  it('says "not needed" for the mailbox of a use case that sends no mail, until it is checked anyway', () => {
    const website = defaultProgress('website');
    const leads = defaultProgress('lead-intake');
    expect(stepStatus('mailbox', { progress: website, profile: null, results: {} })).toBe('notNeeded');
    expect(stepStatus('mailbox', { progress: leads, profile: null, results: {} })).toBe('notChecked');
    expect(stepStatus('mailbox', { progress: website, profile: null, results: { mailbox: run([finding('mailbox', 'info')]) } })).toBe('unverified');
  });

  it('reads the credentials step from the profile: saved and usable, locked, or missing', () => {
    const progress = defaultProgress();
    expect(stepStatus('credentials', { progress, profile: null, results: {} })).toBe('notChecked');
    expect(stepStatus('credentials', { progress, profile: profile('ok'), results: {} })).toBe('passed');
    expect(stepStatus('credentials', { progress, profile: profile('locked'), results: {} })).toBe('unverified');
    expect(stepStatus('credentials', { progress, profile: profile('unreadable'), results: {} })).toBe('problem');
    expect(stepStatus('create', { progress, profile: null, results: {} })).toBe('notChecked');
    expect(stepStatus('useCase', { progress: { ...progress, step: 'create' }, profile: null, results: {} })).toBe('passed');
  });
});

describe('the step list keys', () => {
  it('moves by one with the arrows, to the ends with Home and End, and stops at the ends', () => {
    expect(stepForKey('rights', 'ArrowDown')).toBe('publish');
    expect(stepForKey('rights', 'ArrowUp')).toBe('connection');
    expect(stepForKey('useCase', 'ArrowUp')).toBe('useCase');
    expect(stepForKey('log', 'ArrowDown')).toBe('log');
    expect(stepForKey('rights', 'Home')).toBe(GUIDE_STEPS[0]);
    expect(stepForKey('rights', 'End')).toBe('log');
    expect(stepForKey('rights', 'a')).toBeNull();
  });
});

describe('the rights checklist', () => {
  it("has one row per right the use case needs, then the ones it may use, each with the engine's verdict", () => {
    const rows = rightRows(defaultProgress('website'), [finding('rights:estate:read', 'pass'), finding('rights:address:create', 'fail')]);
    expect(rows.map((r) => [r.id, r.scope, r.required, r.finding?.status ?? null])).toEqual([
      ['rights:estate:read', 'all', true, 'pass'],
      ['rights:address:read', 'all', true, null],
      ['rights:address:create', 'all', true, 'fail'],
      ['rights:searchCriteria:create', 'all', false, null],
    ]);
  });

  it('adds the Admin row where the use case reads the log, and takes the custom picks as they are', () => {
    expect(rightRows(defaultProgress('log-reader'), []).map((r) => r.id)).toEqual(['rights:admin']);
    const custom = { ...defaultProgress('custom'), customRights: toggleCustomRight(toggleCustomRight([], 'address', 'read'), 'estate', 'read') };
    expect(custom.customRights).toEqual([
      { module: 'estate', action: 'read', scope: 'all' },
      { module: 'address', action: 'read', scope: 'all' },
    ]);
    expect(rightRows(custom, []).map((r) => r.id)).toEqual(['rights:estate:read', 'rights:address:read']);
    expect(toggleCustomRight(custom.customRights, 'estate', 'read')).toEqual([{ module: 'address', action: 'read', scope: 'all' }]);
  });

  it('keeps one scope per module for the custom rights, as the check form does, and new picks take it', () => {
    const own = setCustomScope(toggleCustomRight([], 'estate', 'read'), 'estate', 'own');
    expect(customScopeOf(own, 'estate')).toBe('own');
    expect(customScopeOf(own, 'address')).toBe('all');
    const more = toggleCustomRight(toggleCustomRight(own, 'estate', 'modify'), 'address', 'read');
    expect(more).toEqual([
      { module: 'estate', action: 'read', scope: 'own' },
      { module: 'estate', action: 'modify', scope: 'own' },
      { module: 'address', action: 'read', scope: 'all' },
    ]);
    expect(rightRows({ ...defaultProgress('custom'), customRights: more }, []).find((r) => r.id === 'rights:estate:read')?.scope).toBe('own');
  });
});

describe('token and secret as they are typed', () => {
  const token = 'a'.repeat(32);
  const secret = 'b'.repeat(64);

  it('finds nothing in empty fields or in well-formed credentials', () => {
    expect(liveCredentialProblems('', '')).toEqual({});
    expect(liveCredentialProblems(token, secret)).toEqual({});
  });

  it('names the length, a space and a non-ASCII character with the codes main uses', () => {
    expect(liveCredentialProblems('abc', '')).toEqual({
      token: { field: 'token', code: 'token-length', message: translate('en', 'cred.length', { name: 'The token', length: 32, actual: 3 }) },
    });
    expect(liveCredentialProblems(`${token} `, secret).token?.code).toBe('token-whitespace');
    expect(liveCredentialProblems(token, `${'b'.repeat(63)}”`).secret?.code).toBe('secret-non-ascii');
  });

  it('recognises swapped fields instead of reporting two wrong lengths', () => {
    expect(liveCredentialProblems(secret, token)).toEqual({ token: { field: 'token', code: 'credentials-swapped', message: translate('en', 'cred.swapped') } });
  });
});

describe("a step's check request", () => {
  const progress = { ...defaultProgress('lead-intake'), expectEstates: [3, 4], mailIdentity: ' web@example.com ', mailReceiver: 'me@example.com' };

  it('runs only the engine steps of the guide step, with the inputs that step needs', () => {
    expect(checkRequest('connection', 'p', progress)).toEqual({ profileId: 'p', useCase: 'lead-intake', steps: ['connection'] });
    expect(checkRequest('publish', 'p', progress)).toEqual({ profileId: 'p', useCase: 'lead-intake', steps: ['publish', 'estates'], expectEstates: [3, 4] });
    expect(checkRequest('useCase', 'p', progress)).toBeNull();
    expect(checkRequest('credentials', 'p', progress)).toBeNull();
  });

  it('sends a mail only with the consent given for it, and never without a sender address', () => {
    expect(checkRequest('mailbox', 'p', progress)?.mail).toEqual({ identity: 'web@example.com', receiver: 'me@example.com', consent: false });
    expect(checkRequest('mailbox', 'p', progress, { consent: true })?.mail).toEqual({ identity: 'web@example.com', receiver: 'me@example.com', consent: true });
    expect(checkRequest('mailbox', 'p', { ...progress, mailIdentity: '' }, { consent: true })?.mail).toBeUndefined();
  });

  it('passes the custom rights along for the custom use case', () => {
    const custom = { ...defaultProgress('custom'), customRights: [{ module: 'file' as const, action: 'read' as const, scope: 'all' as const }], customAdmin: true };
    expect(checkRequest('rights', 'p', custom)).toEqual({ profileId: 'p', useCase: 'custom', steps: ['rights'], customRights: custom.customRights, customAdmin: true });
  });
});
