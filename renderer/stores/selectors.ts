/**
 * Pure derivations from store state: what the screens show. Kept apart from the stores so they are tested
 * without React, zustand or a bridge.
 */
import type { z } from 'zod';
import { isText, type Text } from '../../main/domain/i18n/text.ts';
import type { ACTION_KINDS, AppInfo, BoundaryError, CredentialsState, EventPayloads, JournalEntrySummary, journalFilterSchema, ProfileView, VaultView } from '../../preload/contract.ts';

export type VaultScreen = 'loading' | 'setup' | 'weak' | 'unlock' | 'open';

/** Which vault screen stands in front of the app, if any. */
export function vaultScreen(vault: VaultView | null): VaultScreen {
  if (vault === null) return 'loading';
  if (vault.weakStorageRefused) return 'weak';
  if (vault.mode === 'passphrase' && !vault.passphraseSet) return 'setup';
  if (vault.locked) return 'unlock';
  return 'open';
}

/** How a profile's last check came out; a run whose required checks stayed without an answer did not pass. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'inconclusive' | 'never';

export function checkStatus(last: ProfileView['lastCheck']): CheckStatus {
  if (last === null) return 'never';
  if (last.fail > 0) return 'fail';
  if ((last.inconclusive ?? 0) > 0) return 'inconclusive';
  if (last.warn > 0) return 'warn';
  return 'pass';
}

const DAY_MS = 86_400_000;
/** A check older than this no longer tells how the API user is set up today. */
export const STALE_AFTER_DAYS = 30;

/** Checked, and longer ago than STALE_AFTER_DAYS. */
export const isStale = (last: ProfileView['lastCheck'], now: number): boolean => last !== null && now - last.at > STALE_AFTER_DAYS * DAY_MS;

export type StatusFilter = 'all' | 'problems' | 'never' | 'stale';
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'problems', 'never', 'stale'];

/** `problems`: the last check failed, warned or stayed inconclusive. */
export function matchesStatus(p: ProfileView, filter: StatusFilter, now: number): boolean {
  const status = checkStatus(p.lastCheck);
  if (filter === 'problems') return status === 'fail' || status === 'warn' || status === 'inconclusive';
  if (filter === 'never') return status === 'never';
  if (filter === 'stale') return isStale(p.lastCheck, now);
  return true;
}

/**
 * Profiles matching a free-text query (name, customer, address, token hint) and the status filter, sorted by
 * name. `now` only matters for the `stale` filter.
 */
export function filterProfiles(profiles: readonly ProfileView[], query: string, status: StatusFilter = 'all', now = 0): ProfileView[] {
  const needle = query.trim().toLocaleLowerCase();
  const matches = profiles.filter(
    (p) =>
      matchesStatus(p, status, now) &&
      (needle === '' || [p.label, p.customer, p.endpoint.url, p.credentials.tokenHint ?? ''].some((v) => v.toLocaleLowerCase().includes(needle))),
  );
  return matches.sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || a.createdAt - b.createdAt);
}

/** How long ago `at` was, in the largest unit that fits: a check from the future (clock changes) counts as now. */
export function checkAge(at: number, now: number): { value: number; unit: 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year' } {
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 60) return { value: 0, unit: 'second' };
  if (seconds < 3600) return { value: Math.floor(seconds / 60), unit: 'minute' };
  if (seconds < 86_400) return { value: Math.floor(seconds / 3600), unit: 'hour' };
  const days = Math.floor(seconds / 86_400);
  if (days < 30) return { value: days, unit: 'day' };
  if (days < 365) return { value: Math.floor(days / 30), unit: 'month' };
  return { value: Math.floor(days / 365), unit: 'year' };
}

const relativeFormats = new Map<'de' | 'en', Intl.RelativeTimeFormat>();
/** "3 days ago" / "vor 3 Tagen", "yesterday" / "gestern"; one formatter per language. */
export function formatAge(language: 'de' | 'en', at: number, now: number): string {
  let format = relativeFormats.get(language);
  if (format === undefined) relativeFormats.set(language, (format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })));
  const { value, unit } = checkAge(at, now);
  return format.format(-value, unit);
}

/** Only the desktop app can put a secret-derived value on the clipboard; the browser version never hands it to the page. */
export const canCopyToken = (host: AppInfo['host'] | undefined, state: CredentialsState): boolean => host === 'electron' && canUseCredentials(state);

/** The longest profile name main accepts (the contract's and the store's limit), counted after trimming. */
export const LABEL_MAX = 100;

/** What is wrong with a profile name as typed, if anything: never cut, always said. */
export function labelProblem(label: string): { kind: 'missing' } | { kind: 'tooLong'; length: number } | null {
  const trimmed = label.trim();
  if (trimmed === '') return { kind: 'missing' };
  if (trimmed.length > LABEL_MAX) return { kind: 'tooLong', length: trimmed.length };
  return null;
}

export const findProfile = (profiles: readonly ProfileView[], id: string | null): ProfileView | null =>
  id === null ? null : (profiles.find((p) => p.id === id) ?? null);

/** Only profiles whose credentials can be used right now may send calls or copy their token. */
export const canUseCredentials = (state: CredentialsState): boolean => state === 'ok';

export type Strength = 'weak' | 'fair' | 'good' | 'strong';

/** A rough strength hint for a passphrase: length counts most, variety a little. */
export function passphraseStrength(passphrase: string): Strength {
  const length = [...passphrase].length;
  if (length < 10) return 'weak';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(passphrase)).length;
  const words = passphrase.trim().split(/\s+/).length;
  const score = length + classes * 2 + (words >= 4 ? 6 : 0);
  if (score >= 30) return 'strong';
  if (score >= 20) return 'good';
  return 'fair';
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
  /** Main's message as a catalogue text, where it sent one: shown in the language chosen now. */
  text?: Text;
}

/** The per-field problems main attached to an error (`details: [{ field, code, message }]`), by field. */
export function fieldProblems(error: BoundaryError | null): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  if (error === null || !Array.isArray(error.details)) return out;
  for (const d of error.details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, path, code, message, text } = d as Record<string, unknown>;
    const name = typeof field === 'string' ? field : typeof path === 'string' ? path : null;
    if (name === null || typeof message !== 'string' || name in out) continue;
    out[name] = { field: name, code: typeof code === 'string' ? code : '', message, ...(isText(text) ? { text } : {}) };
  }
  return out;
}

export type ActionKind = (typeof ACTION_KINDS)[number];
export type RangePreset = 'all' | '1h' | '24h' | '7d' | '30d';
export const RANGE_PRESETS: readonly RangePreset[] = ['all', '1h', '24h', '7d', '30d'];
const RANGE_MS: Record<Exclude<RangePreset, 'all'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

/** The journal filter as the form holds it: '' means "any". */
export interface JournalFilterForm {
  profileId: string;
  kind: '' | ActionKind;
  resourcetype: string;
  category: string;
  status: '' | 'ok' | 'failed';
  range: RangePreset;
  search: string;
  /** Set from a check's results, to show the calls of that one run. */
  runId: string;
}

export const EMPTY_JOURNAL_FORM: JournalFilterForm = { profileId: '', kind: '', resourcetype: '', category: '', status: '', range: 'all', search: '', runId: '' };

export type JournalFilter = z.input<typeof journalFilterSchema>;

/** The contract's journal filter for a form, with the time range counted back from `now`. */
export function toJournalFilter(form: JournalFilterForm, now: number): JournalFilter {
  const filter: JournalFilter = {};
  if (form.profileId !== '') filter.profileId = form.profileId;
  if (form.kind !== '') filter.kind = form.kind;
  if (form.resourcetype.trim() !== '') filter.resourcetype = form.resourcetype.trim();
  if (form.category !== '') filter.category = form.category;
  if (form.status !== '') filter.status = form.status;
  if (form.range !== 'all') filter.from = Math.max(0, now - RANGE_MS[form.range]);
  if (form.search.trim() !== '') filter.search = form.search.trim();
  if (form.runId !== '') filter.runId = form.runId;
  return filter;
}

export const isFilterActive = (form: JournalFilterForm): boolean =>
  (Object.keys(EMPTY_JOURNAL_FORM) as (keyof JournalFilterForm)[]).some((k) => form[k].trim() !== EMPTY_JOURNAL_FORM[k]);

/**
 * Puts the newest page in front of what is shown. When every entry of a full page is new, entries may be missing
 * between the two, so the list starts over from that page.
 */
export function mergeNewest(shown: readonly JournalEntrySummary[], newest: readonly JournalEntrySummary[], pageSize: number): { entries: JournalEntrySummary[]; restarted: boolean } {
  const top = shown[0]?.id ?? -Infinity;
  const fresh = newest.filter((e) => e.id > top);
  if (shown.length === 0 || (fresh.length === newest.length && newest.length >= pageSize)) return { entries: [...newest], restarted: true };
  return { entries: [...fresh, ...shown], restarted: false };
}

/** Appends an older page, skipping entries already shown (a page boundary can move while entries are added). */
export function appendOlder(shown: readonly JournalEntrySummary[], older: readonly JournalEntrySummary[]): JournalEntrySummary[] {
  const seen = new Set(shown.map((e) => e.id));
  return [...shown, ...older.filter((e) => !seen.has(e.id))];
}

/** No answer, an HTTP error, or an error code at the envelope or the action level. */
export const entryFailed = (e: JournalEntrySummary): boolean =>
  e.httpStatus === null ||
  e.httpStatus >= 400 ||
  (e.topCode !== null && e.topCode !== 200) ||
  (e.topErrorcode !== null && e.topErrorcode !== 0) ||
  (e.errorcode !== null && e.errorcode !== 0);

/** How far a running export is, 0–100; null while its total is not known yet. */
export function exportPercent(p: Pick<EventPayloads['journalExportProgress'], 'written' | 'total' | 'state'>): number | null {
  if (p.state === 'done') return 100;
  if (p.total <= 0) return null;
  return Math.min(100, Math.floor((p.written / p.total) * 100));
}

/** A journal body pretty-printed when it is JSON, as stored otherwise. */
export function prettyBody(body: string | null): string | null {
  if (body === null) return null;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Where JSON is broken (1-based line and column), or null when the parser did not say. */
export type JsonErrorAt = { line: number; column: number } | null;

export type ParsedParameters = { ok: true; value: Record<string, unknown> } | { ok: false; reason: 'invalid'; at: JsonErrorAt } | { ok: false; reason: 'notObject' };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Whether the start of a JSON text is broken in itself, not merely unfinished. */
function brokenPrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (e) {
    const message = messageOf(e);
    const position = /position (\d+)/.exec(message);
    if (position) return Number(position[1]) < prefix.trimEnd().length;
    return !/end of JSON input|Unterminated/i.test(message);
  }
}

/**
 * Where the parser stopped. Its own message is English and worded differently by each engine, so the page words the
 * error in the person's language and takes only the place from the parser: from its message where it gives one,
 * else the shortest start of the text that is already broken (found by halving).
 */
export function jsonErrorAt(text: string, error: unknown): JsonErrorAt {
  const lineColumn = /line (\d+) column (\d+)/.exec(messageOf(error));
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  let low = 1;
  let high = text.length;
  if (!brokenPrefix(text)) return null;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (brokenPrefix(text.slice(0, middle))) high = middle;
    else low = middle + 1;
  }
  const before = text.slice(0, low - 1).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** The console's parameters textarea: empty means `{}`; anything else must be a JSON object. */
export function parseParameters(text: string): ParsedParameters {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'invalid', at: jsonErrorAt(text, e) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'notObject' };
  return { ok: true, value: value as Record<string, unknown> };
}
