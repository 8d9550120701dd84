import { describe, expect, it } from 'vitest';
import type { JournalEntryView, ProfileView, VaultView } from '../../preload/contract.ts';
import {
  appendOlder,
  canCopyToken,
  canUseCredentials,
  checkAge,
  checkStatus,
  formatAge,
  isStale,
  LABEL_MAX,
  labelProblem,
  EMPTY_JOURNAL_FORM,
  entryFailed,
  exportPercent,
  fieldProblems,
  filterProfiles,
  findProfile,
  isFilterActive,
  mergeNewest,
  parseParameters,
  passphraseStrength,
  prettyBody,
  toJournalFilter,
  vaultScreen,
  type StatusFilter,
} from './selectors.ts';

const vault = (over: Partial<VaultView> = {}): VaultView => ({
  locked: false,
  mode: 'passphrase',
  backend: 'scrypt-aes-256-gcm',
  passphraseSet: true,
  keyStoreBackend: null,
  weakStorageRefused: false,
  autoLockMinutes: 15,
  ...over,
});

const profile = (id: string, label: string, over: Partial<ProfileView> = {}): ProfileView => ({
  id,
  label,
  customer: '',
  endpoint: { kind: 'stable', url: 'https://api.onoffice.de/api/stable/api.php' },
  useCase: 'website',
  notes: '',
  createdAt: 1,
  updatedAt: 1,
  lastCheck: null,
  credentials: { state: 'ok', tokenHint: 'ab12…ef90', cipher: 'passphrase', backend: 'scrypt-aes-256-gcm', hasApiClaim: false },
  demo: false,
  ...over,
});

const entry = (id: number, over: Partial<JournalEntryView> = {}): JournalEntryView => ({
  id,
  exchangeId: `ex-${id}`,
  at: id * 1000,
  profileId: null,
  runId: null,
  host: 'api.onoffice.de',
  kind: 'read',
  resourcetype: 'estate',
  resourceid: '',
  identifier: '',
  durationMs: 100,
  attempt: 1,
  httpStatus: 200,
  topCode: 200,
  topErrorcode: 0,
  topMessage: 'OK',
  errorcode: 0,
  message: 'OK',
  category: null,
  requestBody: '{}',
  responseBody: '{}',
  ...over,
});

const ids = (list: readonly { id: number }[]) => list.map((e) => e.id);

describe('vaultScreen', () => {
  it('waits for the first state', () => expect(vaultScreen(null)).toBe('loading'));
  it('asks for a passphrase on first run', () => expect(vaultScreen(vault({ passphraseSet: false, locked: true }))).toBe('setup'));
  it('warns about a refused weak key store before anything else', () =>
    expect(vaultScreen(vault({ mode: 'safestorage', backend: 'basic_text', keyStoreBackend: 'basic_text', weakStorageRefused: true, locked: true }))).toBe('weak'));
  it('asks to unlock a locked vault', () => expect(vaultScreen(vault({ locked: true }))).toBe('unlock'));
  it('opens an unlocked vault', () => expect(vaultScreen(vault())).toBe('open'));
  it('needs no passphrase when the OS key store seals', () => expect(vaultScreen(vault({ mode: 'safestorage', passphraseSet: false }))).toBe('open'));
});

describe('filterProfiles', () => {
  const list = [
    profile('2', 'schmidt portal', { customer: 'Schmidt & Partner' }),
    profile('1', 'Müller Website'),
    profile('3', 'Lead', { credentials: { state: 'missing', tokenHint: null, cipher: null, backend: null, hasApiClaim: false } }),
  ];
  it('sorts by name regardless of case', () => expect(filterProfiles(list, '').map((p) => p.id)).toEqual(['3', '1', '2']));
  it('matches name, customer and token hint', () => {
    expect(filterProfiles(list, 'PARTNER').map((p) => p.id)).toEqual(['2']);
    expect(filterProfiles(list, 'müller').map((p) => p.id)).toEqual(['1']);
    expect(filterProfiles(list, 'ab12').map((p) => p.id)).toEqual(['1', '2']);
  });
  it('does not reorder the store list', () => {
    filterProfiles(list, '');
    expect(list.map((p) => p.id)).toEqual(['2', '1', '3']);
  });
  it('finds by id', () => {
    expect(findProfile(list, '3')?.label).toBe('Lead');
    expect(findProfile(list, null)).toBeNull();
    expect(findProfile(list, 'nope')).toBeNull();
  });
  it('uses credentials only when they are readable', () => {
    expect(canUseCredentials('ok')).toBe(true);
    for (const s of ['unreadable', 'locked', 'missing'] as const) expect(canUseCredentials(s)).toBe(false);
  });
});

describe('passphraseStrength', () => {
  it('calls anything under 10 characters weak', () => expect(passphraseStrength('Xy9!abcde')).toBe('weak'));
  it('grows with length and variety', () => {
    expect(passphraseStrength('abcdefghij')).toBe('fair');
    expect(passphraseStrength('Abcdefgh1!23')).toBe('good');
    expect(passphraseStrength('korrekt Pferd Batterie Heftklammer')).toBe('strong');
  });
});

describe('fieldProblems', () => {
  it('indexes main details by field, first one wins', () => {
    const problems = fieldProblems({
      code: 'invalid-input',
      message: 'x',
      details: [
        { field: 'token', code: 'token-length', message: 'The token must be 32 characters long; this one has 31.' },
        { field: 'token', code: 'token-whitespace', message: 'second' },
        { path: 'label', message: 'Too small' },
        'junk',
        null,
      ],
    });
    expect(problems.token).toEqual({ field: 'token', code: 'token-length', message: 'The token must be 32 characters long; this one has 31.' });
    expect(problems.label).toEqual({ field: 'label', code: '', message: 'Too small' });
  });
  it('is empty without details', () => {
    expect(fieldProblems(null)).toEqual({});
    expect(fieldProblems({ code: 'internal', message: 'x' })).toEqual({});
  });
});

describe('journal filter', () => {
  it('sends nothing for an empty form', () => {
    expect(toJournalFilter(EMPTY_JOURNAL_FORM, 10_000_000)).toEqual({});
    expect(isFilterActive(EMPTY_JOURNAL_FORM)).toBe(false);
  });
  it('maps every field and counts the range back from now', () => {
    const form = { profileId: 'p1', kind: 'read' as const, resourcetype: ' estate ', category: 'rights', status: 'failed' as const, range: '24h' as const, search: ' 137 ', runId: 'run-1' };
    expect(toJournalFilter(form, 100_000_000)).toEqual({
      profileId: 'p1',
      kind: 'read',
      resourcetype: 'estate',
      category: 'rights',
      status: 'failed',
      from: 100_000_000 - 86_400_000,
      search: '137',
      runId: 'run-1',
    });
    expect(isFilterActive(form)).toBe(true);
  });
  it('filters by one check run alone', () => {
    expect(toJournalFilter({ ...EMPTY_JOURNAL_FORM, runId: 'r1' }, 1)).toEqual({ runId: 'r1' });
    expect(isFilterActive({ ...EMPTY_JOURNAL_FORM, runId: 'r1' })).toBe(true);
  });
  it('never sends a negative start', () => expect(toJournalFilter({ ...EMPTY_JOURNAL_FORM, range: '30d' }, 5).from).toBe(0));
  it('ignores a search of only spaces', () => {
    expect(toJournalFilter({ ...EMPTY_JOURNAL_FORM, search: '   ' }, 1)).toEqual({});
    expect(isFilterActive({ ...EMPTY_JOURNAL_FORM, search: '   ' })).toBe(false);
  });
});

describe('journal paging', () => {
  it('puts new entries in front', () => {
    const merged = mergeNewest([entry(5), entry(4)], [entry(7), entry(6), entry(5), entry(4)], 100);
    expect(ids(merged.entries)).toEqual([7, 6, 5, 4]);
    expect(merged.restarted).toBe(false);
  });
  it('keeps the list when nothing is new', () => {
    const merged = mergeNewest([entry(5), entry(4), entry(3)], [entry(5), entry(4)], 2);
    expect(ids(merged.entries)).toEqual([5, 4, 3]);
  });
  it('starts over when a whole page is new (entries may be missing in between)', () => {
    const merged = mergeNewest([entry(2), entry(1)], [entry(9), entry(8)], 2);
    expect(ids(merged.entries)).toEqual([9, 8]);
    expect(merged.restarted).toBe(true);
  });
  it('takes the page as it is when nothing was shown', () => expect(mergeNewest([], [entry(3)], 100).restarted).toBe(true));
  it('appends older pages without repeating entries', () => expect(ids(appendOlder([entry(9), entry(8)], [entry(8), entry(7)]))).toEqual([9, 8, 7]));
});

describe('exportPercent', () => {
  it('is unknown until the total is, whole percent while running, 100 once done', () => {
    expect(exportPercent({ written: 0, total: 0, state: 'running' })).toBeNull();
    expect(exportPercent({ written: 333, total: 1000, state: 'running' })).toBe(33);
    expect(exportPercent({ written: 1200, total: 1000, state: 'running' })).toBe(100);
    expect(exportPercent({ written: 0, total: 0, state: 'done' })).toBe(100);
  });
});

describe('entryFailed', () => {
  it('is false for a clean answer', () => expect(entryFailed(entry(1))).toBe(false));
  it('is true without an answer, on HTTP errors and on error codes', () => {
    expect(entryFailed(entry(1, { httpStatus: null, topCode: null, topErrorcode: null, errorcode: null }))).toBe(true);
    expect(entryFailed(entry(1, { httpStatus: 502 }))).toBe(true);
    expect(entryFailed(entry(1, { topCode: 400, topErrorcode: 19 }))).toBe(true);
    expect(entryFailed(entry(1, { errorcode: 137 }))).toBe(true);
  });
  it('accepts an action without its own error code', () => expect(entryFailed(entry(1, { errorcode: null }))).toBe(false));
});

describe('bodies and parameters', () => {
  it('pretty-prints JSON bodies and keeps others', () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('<html>502</html>')).toBe('<html>502</html>');
    expect(prettyBody(null)).toBeNull();
  });
  it('reads the console parameters as a JSON object', () => {
    expect(parseParameters('  ')).toEqual({ ok: true, value: {} });
    expect(parseParameters('{"listlimit": 5}')).toEqual({ ok: true, value: { listlimit: 5 } });
    expect(parseParameters('[1]')).toEqual({ ok: false, reason: 'notObject' });
    expect(parseParameters('null')).toEqual({ ok: false, reason: 'notObject' });
    const bad = parseParameters('{"a": }');
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.reason).toBe('invalid');
    // Only the position is taken from the parser's English message; the page words the rest in the person's language.
    expect(parseParameters('{\n  "a": 1,\n  "b": }')).toEqual({ ok: false, reason: 'invalid', at: { line: 3, column: 8 } });
    expect(parseParameters('{"a": 1')).toMatchObject({ ok: false, reason: 'invalid', at: { line: 1 } });
  });
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12, 0, 0);
const checked = (daysAgo: number, counts: { pass?: number; warn?: number; fail?: number; inconclusive?: number } = {}): ProfileView['lastCheck'] => ({
  at: NOW - daysAgo * DAY,
  pass: counts.pass ?? 5,
  warn: counts.warn ?? 0,
  fail: counts.fail ?? 0,
  ...(counts.inconclusive === undefined ? {} : { inconclusive: counts.inconclusive }),
});

describe('last check status', () => {
  it('is never, fail, inconclusive, warn or pass, in that order of weight', () => {
    expect(checkStatus(null)).toBe('never');
    expect(checkStatus(checked(1, { fail: 1, warn: 2, inconclusive: 1 }))).toBe('fail');
    expect(checkStatus(checked(1, { warn: 2, inconclusive: 1 }))).toBe('inconclusive');
    expect(checkStatus(checked(1, { warn: 2 }))).toBe('warn');
    expect(checkStatus(checked(1))).toBe('pass');
    // Stored before the inconclusive count was kept: judged by what it has.
    expect(checkStatus(checked(1, { inconclusive: undefined }))).toBe('pass');
  });
  it('a run that stayed inconclusive is no pass, even with nothing failed or warned', () => {
    expect(checkStatus(checked(0, { pass: 3, inconclusive: 2 }))).not.toBe('pass');
  });
  it('is stale after 30 days, not at 30 days, and never without a check', () => {
    expect(isStale(checked(30), NOW)).toBe(false);
    expect(isStale({ ...(checked(30) as NonNullable<ProfileView['lastCheck']>), at: NOW - 30 * DAY - 1 }, NOW)).toBe(true);
    expect(isStale(null, NOW)).toBe(false);
  });
});

describe('status filter', () => {
  const list = [
    profile('ok', 'A ok', { lastCheck: checked(2) }),
    profile('warn', 'B warn', { lastCheck: checked(3, { warn: 1 }) }),
    profile('fail', 'C fail', { lastCheck: checked(40, { fail: 2 }) }),
    profile('open', 'D open', { lastCheck: checked(1, { inconclusive: 1 }) }),
    profile('never', 'E never'),
    profile('old', 'F old', { lastCheck: checked(31) }),
  ];
  const ids = (filter: StatusFilter, query = '') => filterProfiles(list, query, filter, NOW).map((p) => p.id);
  it('all shows every profile', () => expect(ids('all')).toEqual(['ok', 'warn', 'fail', 'open', 'never', 'old']));
  it('problems: failed, warned or inconclusive', () => expect(ids('problems')).toEqual(['warn', 'fail', 'open']));
  it('never checked', () => expect(ids('never')).toEqual(['never']));
  it('older than 30 days, whatever the outcome', () => expect(ids('stale')).toEqual(['fail', 'old']));
  it('combines with the text query', () => expect(ids('problems', 'fail')).toEqual(['fail']));
});

describe('check age', () => {
  it('picks the largest unit that fits', () => {
    expect(checkAge(NOW - 20_000, NOW)).toEqual({ value: 0, unit: 'second' });
    expect(checkAge(NOW - 5 * 60_000, NOW)).toEqual({ value: 5, unit: 'minute' });
    expect(checkAge(NOW - 3 * 3_600_000, NOW)).toEqual({ value: 3, unit: 'hour' });
    expect(checkAge(NOW - 3 * DAY, NOW)).toEqual({ value: 3, unit: 'day' });
    expect(checkAge(NOW - 65 * DAY, NOW)).toEqual({ value: 2, unit: 'month' });
    expect(checkAge(NOW - 800 * DAY, NOW)).toEqual({ value: 2, unit: 'year' });
    // A clock set back: not "in 2 hours".
    expect(checkAge(NOW + 7_200_000, NOW)).toEqual({ value: 0, unit: 'second' });
  });
  it('reads in the person\'s language', () => {
    expect(formatAge('en', NOW - 3 * DAY, NOW)).toBe('3 days ago');
    expect(formatAge('de', NOW - 3 * DAY, NOW)).toBe('vor 3 Tagen');
    expect(formatAge('en', NOW - DAY, NOW)).toBe('yesterday');
    expect(formatAge('de', NOW - DAY, NOW)).toBe('gestern');
    expect(formatAge('en', NOW, NOW)).toBe('now');
  });
});

describe('copy token', () => {
  it('only in the desktop app, and only with usable credentials', () => {
    expect(canCopyToken('browser', 'ok')).toBe(false);
    expect(canCopyToken(undefined, 'ok')).toBe(false);
    expect(canCopyToken('electron', 'ok')).toBe(true);
    expect(canCopyToken('electron', 'locked')).toBe(false);
  });
});

describe('profile name', () => {
  it('is required, and over the limit it is refused with its length, never cut', () => {
    expect(labelProblem('   ')).toEqual({ kind: 'missing' });
    expect(labelProblem('x'.repeat(LABEL_MAX))).toBeNull();
    expect(labelProblem(`  ${'x'.repeat(LABEL_MAX)}  `)).toBeNull();
    expect(labelProblem('x'.repeat(LABEL_MAX + 20))).toEqual({ kind: 'tooLong', length: LABEL_MAX + 20 });
  });
});
