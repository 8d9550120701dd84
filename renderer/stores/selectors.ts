/**
 * Pure derivations from store state: what the screens show. Kept apart from the stores so they are tested
 * without React, zustand or a bridge.
 */
import type { z } from 'zod';
import type { ACTION_KINDS, BoundaryError, CredentialsState, EventPayloads, JournalEntrySummary, journalFilterSchema, ProfileView, VaultView } from '../../preload/contract.ts';

export type VaultScreen = 'loading' | 'setup' | 'weak' | 'unlock' | 'open';

/** Which vault screen stands in front of the app, if any. */
export function vaultScreen(vault: VaultView | null): VaultScreen {
  if (vault === null) return 'loading';
  if (vault.weakStorageRefused) return 'weak';
  if (vault.mode === 'passphrase' && !vault.passphraseSet) return 'setup';
  if (vault.locked) return 'unlock';
  return 'open';
}

/** Profiles matching a free-text query (name, customer, address, token hint), sorted by name. */
export function filterProfiles(profiles: readonly ProfileView[], query: string): ProfileView[] {
  const needle = query.trim().toLocaleLowerCase();
  const matches = needle === ''
    ? [...profiles]
    : profiles.filter((p) =>
        [p.label, p.customer, p.endpoint.url, p.credentials.tokenHint ?? ''].some((v) => v.toLocaleLowerCase().includes(needle)),
      );
  return matches.sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || a.createdAt - b.createdAt);
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
}

/** The per-field problems main attached to an error (`details: [{ field, code, message }]`), by field. */
export function fieldProblems(error: BoundaryError | null): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  if (error === null || !Array.isArray(error.details)) return out;
  for (const d of error.details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, path, code, message } = d as Record<string, unknown>;
    const name = typeof field === 'string' ? field : typeof path === 'string' ? path : null;
    if (name === null || typeof message !== 'string' || name in out) continue;
    out[name] = { field: name, code: typeof code === 'string' ? code : '', message };
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

export type ParsedParameters = { ok: true; value: Record<string, unknown> } | { ok: false; reason: 'invalid'; message: string } | { ok: false; reason: 'notObject' };

/** The console's parameters textarea: empty means `{}`; anything else must be a JSON object. */
export function parseParameters(text: string): ParsedParameters {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'invalid', message: e instanceof Error ? e.message : String(e) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'notObject' };
  return { ok: true, value: value as Record<string, unknown> };
}
