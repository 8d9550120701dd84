/**
 * The journal: every HTTP exchange with onOffice, one entry per action, bodies redacted before they touch the
 * disk. Search (FTS5), keyset paging, export (JSON Lines, CSV) and retention.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Exchange } from '../onoffice/exchange.ts';
import type { ActionKind } from '../onoffice/wire.ts';
import { inTransaction } from './database.ts';
import { capText, createRedactor, hmacsIn, type RedactionKeys } from '../onoffice/redact.ts';
import { FTS_JOIN, FTS_KEY_BITS, FTS_KEY_SPAN, JOURNAL_FTS_ROW } from './schema.ts';

export const BODY_CAP_BYTES = 64 * 1024;
export const DEFAULT_RETENTION = { maxAgeDays: 90, maxEntries: 100_000, bodyMaxAgeDays: 30 } as const;
/** Pruning works in transactions of this many exchanges or entries, so the write lock is never held for long. */
const PRUNE_BATCH = 500;
const DAY_MS = 86_400_000;

export interface RecordContext {
  profileId: string | null;
  checkRunId?: string | null;
  /** The caller's classification of a failed exchange (e.g. 'transport'); entries of a good exchange get none. */
  category?: string | null;
  /** Classifies one failed action by its error code (e.g. the error catalogue's category). */
  actionCategory?: (errorcode: number) => string;
  /** The keys of the profile that made the call: only used to redact, never stored. */
  keys: RedactionKeys;
}

export interface JournalEntry {
  id: number;
  groupId: string;
  time: number;
  profileId: string | null;
  checkRunId: string | null;
  host: string;
  actionKind: ActionKind | null;
  resourcetype: string | null;
  resourceid: string | null;
  identifier: string | null;
  durationMs: number;
  attempt: number;
  httpStatus: number | null;
  topCode: number | null;
  topErrorcode: number | null;
  topMessage: string | null;
  actionErrorcode: number | null;
  actionMessage: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  category: string | null;
  ok: boolean;
}

export interface JournalEntryWithBodies extends JournalEntry {
  requestBody: string;
  responseBody: string | null;
}

export interface JournalFilter {
  profileId?: string;
  checkRunId?: string;
  /** Only these entries (the calls a check finding rests on). */
  ids?: readonly number[];
  /** Inclusive, ms since the epoch. */
  from?: number;
  /** Exclusive, ms since the epoch. */
  to?: number;
  kinds?: readonly ActionKind[];
  resourcetype?: string;
  category?: string;
  status?: 'ok' | 'failed';
  /** Words to find in actions, resources, messages and bodies; every word must match (as a prefix). */
  text?: string;
}

export interface Cursor {
  time: number;
  id: number;
}

export interface Page {
  entries: JournalEntry[];
  /** Pass back to get the next (older) page; null on the last page. */
  next: Cursor | null;
}

export interface RetentionPolicy {
  maxAgeDays: number;
  maxEntries: number;
  /**
   * Request and response bodies (they hold CRM data: names, e-mail addresses) of exchanges older than this are
   * emptied and leave the full-text index; the metadata stays for `maxAgeDays`. 0: no body is kept. Unset: bodies
   * live as long as their entries.
   */
  bodyMaxAgeDays?: number;
}

export interface JournalOptions {
  db: DatabaseSync;
  now: () => number;
  newGroupId?: () => string;
  bodyCapBytes?: number;
  /** Days bodies are kept (the body retention setting), read on every write: 0 stores no bodies at all. */
  bodyRetentionDays?: () => number;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint.slice(0, 200);
  }
}

const ENTRY_COLUMNS = `e.id, x.group_id, e.time, e.profile_id, e.check_run_id, x.host, e.action_kind, e.resourcetype,
  e.resourceid, e.identifier, x.duration_ms, x.attempt, x.http_status, x.top_code, x.top_errorcode, x.top_message,
  e.action_errorcode, e.action_message, x.failure_code, x.failure_message, e.category, e.ok`;

type Row = Record<string, SQLInputValue>;

function toEntry(r: Row): JournalEntry {
  return {
    id: r.id as number,
    groupId: r.group_id as string,
    time: r.time as number,
    profileId: r.profile_id as string | null,
    checkRunId: r.check_run_id as string | null,
    host: r.host as string,
    actionKind: r.action_kind as ActionKind | null,
    resourcetype: r.resourcetype as string | null,
    resourceid: r.resourceid as string | null,
    identifier: r.identifier as string | null,
    durationMs: r.duration_ms as number,
    attempt: r.attempt as number,
    httpStatus: r.http_status as number | null,
    topCode: r.top_code as number | null,
    topErrorcode: r.top_errorcode as number | null,
    topMessage: r.top_message as string | null,
    actionErrorcode: r.action_errorcode as number | null,
    actionMessage: r.action_message as string | null,
    failureCode: r.failure_code as string | null,
    failureMessage: r.failure_message as string | null,
    category: r.category as string | null,
    ok: r.ok === 1,
  };
}

function withBodies(r: Row): JournalEntryWithBodies {
  return { ...toEntry(r), requestBody: r.request_body as string, responseBody: r.response_body as string | null };
}

/** Turns what a person types into an FTS5 query that cannot be a syntax error: quoted prefix terms, all required. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  return words === null ? null : words.map((w) => `"${w}"*`).join(' ');
}

/**
 * The WHERE clause for the filter on `e` (entries). The text match is a subquery here (fine for counting); paging
 * with text does not use it and walks the full-text index itself (`textInline = false`).
 */
function where(filter: JournalFilter, cursor: Cursor | null, textInline = true): { sql: string; params: SQLInputValue[] } {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  const add = (sql: string, ...values: SQLInputValue[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (filter.profileId !== undefined) add('e.profile_id = ?', filter.profileId);
  if (filter.checkRunId !== undefined) add('e.check_run_id = ?', filter.checkRunId);
  if (filter.ids !== undefined) add(`e.id IN (${filter.ids.map(() => '?').join(', ')})`, ...filter.ids);
  if (filter.from !== undefined) add('e.time >= ?', filter.from);
  if (filter.to !== undefined) add('e.time < ?', filter.to);
  if (filter.kinds !== undefined && filter.kinds.length > 0) {
    add(`e.action_kind IN (${filter.kinds.map(() => '?').join(', ')})`, ...filter.kinds);
  }
  if (filter.resourcetype !== undefined) add('e.resourcetype = ?', filter.resourcetype);
  if (filter.category !== undefined) add('e.category = ?', filter.category);
  if (filter.status !== undefined) add('e.ok = ?', filter.status === 'ok' ? 1 : 0);
  const match = textInline && filter.text !== undefined ? ftsQuery(filter.text) : null;
  if (match !== null) {
    add(`e.exchange_id IN (SELECT x.id FROM journal_fts f CROSS JOIN journal_exchanges x ON ${FTS_JOIN}
           WHERE journal_fts MATCH ?)`, match);
  }
  // A row-value comparison: an index search to the cursor, not a walk from the newest entry.
  if (cursor !== null) add('(e.time, e.id) < (?, ?)', cursor.time, cursor.id);
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

export class Journal {
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #newGroupId: () => string;
  readonly #cap: number;
  readonly #bodyDays: () => number;

  constructor(options: JournalOptions) {
    this.#bodyDays = options.bodyRetentionDays ?? (() => DEFAULT_RETENTION.bodyMaxAgeDays);
    this.#db = options.db;
    this.#now = options.now;
    this.#newGroupId = options.newGroupId ?? randomUUID;
    this.#cap = options.bodyCapBytes ?? BODY_CAP_BYTES;
  }

  /** Stores one exchange (redacted) in one transaction; returns its group id and the entry ids. */
  record(exchange: Exchange, context: RecordContext): { groupId: string; ids: number[] } {
    const redact = createRedactor(context.keys, [
      ...hmacsIn(exchange.requestBody),
      ...(exchange.responseBody === null ? [] : hmacsIn(exchange.responseBody)),
    ]);
    const clean = (s: string | null) => (s === null ? null : capText(redact(s), this.#cap));
    const groupId = this.#newGroupId();
    // With the body retention at 0 no body reaches the disk at all; the metadata is still recorded.
    const keepBodies = this.#bodyDays() > 0;
    // Redaction happens before the transaction, so the write lock is held only for the inserts.
    const exchangeRow: SQLInputValue[] = [
      groupId, exchange.startedAt, hostOf(exchange.endpoint), Math.round(exchange.durationMs), exchange.attempt,
      exchange.httpStatus, exchange.top?.code ?? null, exchange.top?.errorcode ?? null, clean(exchange.top?.message ?? null),
      exchange.failure?.code ?? null, clean(exchange.failure?.message ?? null),
      keepBodies ? (clean(exchange.requestBody) ?? '') : '', keepBodies ? clean(exchange.responseBody) : null,
      keepBodies ? 1 : 0,
    ];
    const exchangeOk = exchange.failure === null && exchange.httpStatus === 200 && (exchange.top?.errorcode ?? 0) === 0;
    // An exchange that failed before any action was answered still gets one entry, so the failure is on record.
    // Each entry carries its own category: in a batch, one failed action must not mark its neighbours.
    const exchangeCategory = exchangeOk ? null : (context.category ?? null);
    const actionRows: SQLInputValue[][] = (exchange.actions.length > 0 ? exchange.actions : [null]).map((a) => {
      const failedCode = a?.status && a.status.errorcode !== 0 ? a.status.errorcode : null;
      const ok = exchangeOk && failedCode === null;
      const category = failedCode !== null && context.actionCategory ? context.actionCategory(failedCode) : exchangeCategory;
      if (a === null) return [category, ok ? 1 : 0, null, null, null, null, null, null];
      return [category, ok ? 1 : 0, a.kind, redact(a.resourcetype), redact(a.resourceid), redact(a.identifier),
        a.status?.errorcode ?? null, clean(a.status?.message ?? null)];
    });
    const shared: SQLInputValue[] = [exchange.startedAt, context.profileId, context.checkRunId ?? null];
    return inTransaction(this.#db, () => {
      // seq: the next in this millisecond, so later exchanges of one ms sort after earlier ones, as their ids do.
      const { lastInsertRowid } = this.#db
        .prepare(
          `INSERT INTO journal_exchanges (group_id, time, host, duration_ms, attempt, http_status, top_code, top_errorcode,
             top_message, failure_code, failure_message, request_body, response_body, bodies, seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
             (SELECT coalesce(max(seq), 0) + 1 FROM journal_exchanges WHERE time = ?2))`,
        )
        .run(...exchangeRow);
      const insert = this.#db.prepare(
        `INSERT INTO journal_entries (exchange_id, time, profile_id, check_run_id, category, ok, action_kind, resourcetype,
           resourceid, identifier, action_errorcode, action_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const ids = actionRows.map((row) => Number(insert.run(lastInsertRowid, ...shared, ...row).lastInsertRowid));
      // One full-text row per exchange: its bodies are indexed once, however many actions it had.
      this.#db.prepare(`${JOURNAL_FTS_ROW} WHERE x.id = ?`).run(lastInsertRowid);
      return { groupId, ids };
    });
  }

  #page(filter: JournalFilter, limit: number, cursor: Cursor | null, bodies: boolean): { rows: Row[]; next: Cursor | null } {
    const match = filter.text === undefined ? null : ftsQuery(filter.text);
    const { sql, params } = where(filter, cursor, false);
    const columns = `${ENTRY_COLUMNS}${bodies ? ', x.request_body, x.response_body' : ''}`;
    let rows: Row[];
    if (match === null) {
      rows = this.#db
        .prepare(`SELECT ${columns} FROM journal_entries e JOIN journal_exchanges x ON x.id = e.exchange_id
                  ${sql} ORDER BY e.time DESC, e.id DESC LIMIT ?`)
        .all(...params, limit + 1) as Row[];
    } else {
      rows = this.#search(columns, match, sql, params, cursor === null ? filter.to : Math.min(cursor.time + 1, filter.to ?? Infinity), filter.from, limit + 1);
    }
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last !== undefined ? { time: last.time as number, id: last.id as number } : null;
    return { rows: page, next };
  }

  /**
   * The first `wanted` entries (newest first) that match the full-text query and the filter `sql`. The index's rowid
   * is the exchange's time-ordered key, so walking it backwards in growing chunks walks the journal newest first and
   * stops once the page is full, instead of collecting and sorting every match. `before` (exclusive) and `from`
   * (inclusive) are times that narrow the walk; the exact filters, the cursor included, apply to each entry.
   */
  #search(columns: string, match: string, sql: string, params: SQLInputValue[], before: number | undefined, from: number | undefined, wanted: number): Row[] {
    const rows: Row[] = [];
    // The keys exceed 2^53: they are passed and read as (time, seq), and SQLite puts them together.
    let bound: [number, number] | null = before === undefined || !Number.isFinite(before) ? null : [before, 0];
    const keysSql = (bounded: boolean) => `SELECT rowid >> ${FTS_KEY_BITS} AS t, rowid & ${FTS_KEY_SPAN - 1} AS s FROM journal_fts
      WHERE journal_fts MATCH ? ${bounded ? `AND rowid < CAST(? AS INTEGER) * ${FTS_KEY_SPAN} + CAST(? AS INTEGER)` : ''}
      ${from === undefined ? '' : `AND rowid > CAST(? AS INTEGER) * ${FTS_KEY_SPAN}`} ORDER BY rowid DESC LIMIT ?`;
    const rest = sql === '' ? '' : `AND ${sql.slice('WHERE '.length)}`;
    const entries = this.#db.prepare(`SELECT ${columns} FROM json_each(?) j
      CROSS JOIN journal_exchanges x ON x.time = j.value ->> 0 AND x.seq = j.value ->> 1
      CROSS JOIN journal_entries e INDEXED BY journal_entries_exchange ON e.exchange_id = x.id
      WHERE 1 ${rest} ORDER BY e.time DESC, e.id DESC`);
    for (let chunk = wanted; rows.length < wanted; chunk = Math.min(chunk * 4, 4096)) {
      const keys = this.#db
        .prepare(keysSql(bound !== null))
        .all(match, ...(bound ?? []), ...(from === undefined ? [] : [from]), chunk) as { t: number; s: number }[];
      const last = keys.at(-1);
      if (last === undefined) break;
      rows.push(...(entries.all(JSON.stringify(keys.map((k) => [k.t, k.s])), ...params) as Row[]));
      if (keys.length < chunk) break;
      bound = [last.t, last.s];
    }
    return rows.slice(0, wanted);
  }

  /** Newest first. Keyset paging: pass `page.next` back as `cursor` until it is null. */
  query(filter: JournalFilter = {}, options: { limit?: number; cursor?: Cursor | null } = {}): Page {
    const limit = Math.max(1, Math.min(options.limit ?? 100, 1000));
    const { rows, next } = this.#page(filter, limit, options.cursor ?? null, false);
    return { entries: rows.map(toEntry), next };
  }

  get(id: number): JournalEntryWithBodies | null {
    const row = this.#db
      .prepare(`SELECT ${ENTRY_COLUMNS}, x.request_body, x.response_body
                FROM journal_entries e JOIN journal_exchanges x ON x.id = e.exchange_id WHERE e.id = ?`)
      .get(id) as Row | undefined;
    return row === undefined ? null : withBodies(row);
  }

  /** Every matching entry with its (redacted) bodies, newest first, fetched page by page. */
  *#all(filter: JournalFilter): Generator<JournalEntryWithBodies> {
    let cursor: Cursor | null = null;
    do {
      const page = this.#page(filter, 500, cursor, true);
      yield* page.rows.map(withBodies);
      cursor = page.next;
    } while (cursor !== null);
  }

  /**
   * JSON Lines, one entry per line; write the chunks to a file as they come. Same fields and time format as the
   * CSV export (see `exportRow`).
   */
  *exportJsonLines(filter: JournalFilter = {}, options: ExportOptions = {}): Generator<string> {
    for (const e of this.#all(filter)) yield `${JSON.stringify(exportRow(e, options))}\n`;
  }

  /** CSV for spreadsheets: UTF-8 with BOM, CRLF, RFC 4180 quoting, cells that could start a formula defused. */
  *exportCsv(filter: JournalFilter = {}, options: ExportOptions = {}): Generator<string> {
    yield `\uFEFF${EXPORT_COLUMNS.join(',')}\r\n`;
    for (const e of this.#all(filter)) {
      const row = exportRow(e, options);
      yield `${EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`;
    }
  }

  /**
   * Deletes entries older than `maxAgeDays` and the oldest beyond `maxEntries`, and empties bodies older than
   * `bodyMaxAgeDays`; returns how many entries went. Works in small transactions along the time indexes, so it
   * costs what there is to remove, never a walk of the whole journal, and other writers get the lock in between.
   */
  prune(policy: RetentionPolicy = DEFAULT_RETENTION): number {
    const now = this.#now();
    if (policy.bodyMaxAgeDays !== undefined) {
      // 0: every body goes, including this millisecond's.
      const bodyCutoff = policy.bodyMaxAgeDays <= 0 ? Number.MAX_SAFE_INTEGER : now - policy.bodyMaxAgeDays * DAY_MS;
      while (this.#dropBodies(bodyCutoff) === PRUNE_BATCH);
    }
    let removed = 0;
    const cutoff = now - policy.maxAgeDays * DAY_MS;
    for (let batch = PRUNE_BATCH; batch === PRUNE_BATCH; ) {
      const ids = this.#db
        .prepare('SELECT id FROM journal_exchanges WHERE time < ? ORDER BY time LIMIT ?')
        .all(cutoff, PRUNE_BATCH)
        .map((r) => r.id as number);
      batch = ids.length;
      if (batch === 0) break;
      removed += inTransaction(this.#db, () => {
        const list = JSON.stringify(ids);
        const entries = this.#db.prepare('DELETE FROM journal_entries WHERE exchange_id IN (SELECT value FROM json_each(?))').run(list).changes;
        this.#db.prepare('DELETE FROM journal_exchanges WHERE id IN (SELECT value FROM json_each(?))').run(list);
        return Number(entries);
      });
    }
    const maxEntries = Math.max(0, Math.floor(policy.maxEntries));
    // Ids are unique integers: a journal whose id span fits the limit cannot exceed it (two index look-ups).
    const span = this.#db.prepare('SELECT (SELECT max(id) FROM journal_entries) - (SELECT min(id) FROM journal_entries) + 1 AS n').get() as { n: number | null };
    if ((span.n ?? 0) <= maxEntries) return removed;
    // The newest entry beyond the limit: found by walking `maxEntries` steps of the time index, not the table.
    const edge = this.#db
      .prepare('SELECT time, id FROM journal_entries ORDER BY time DESC, id DESC LIMIT 1 OFFSET ?')
      .get(maxEntries) as { time: number; id: number } | undefined;
    if (edge === undefined) return removed;
    for (let n = PRUNE_BATCH; n === PRUNE_BATCH; ) {
      removed += n = inTransaction(this.#db, () => {
        const rows = this.#db
          .prepare('SELECT id, exchange_id FROM journal_entries WHERE (time, id) <= (?, ?) ORDER BY time, id LIMIT ?')
          .all(edge.time, edge.id, PRUNE_BATCH) as { id: number; exchange_id: number }[];
        this.#db.prepare('DELETE FROM journal_entries WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(rows.map((r) => r.id)));
        this.#db
          .prepare(`DELETE FROM journal_exchanges WHERE id IN (SELECT value FROM json_each(?))
                      AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.exchange_id = journal_exchanges.id)`)
          .run(JSON.stringify([...new Set(rows.map((r) => r.exchange_id))]));
        return rows.length;
      });
    }
    return removed;
  }

  /** Empties the bodies of up to one batch of exchanges older than `cutoff` and re-indexes them without; returns how many. */
  #dropBodies(cutoff: number): number {
    return inTransaction(this.#db, () => {
      const rows = this.#db
        .prepare('SELECT id FROM journal_exchanges WHERE bodies = 1 AND time < ? ORDER BY time LIMIT ?')
        .all(cutoff, PRUNE_BATCH) as { id: number }[];
      if (rows.length === 0) return 0;
      const unindex = this.#db.prepare(`DELETE FROM journal_fts WHERE rowid = (SELECT time * ${FTS_KEY_SPAN} + seq FROM journal_exchanges WHERE id = ?)`);
      for (const r of rows) unindex.run(r.id);
      const ids = JSON.stringify(rows.map((r) => r.id));
      this.#db
        .prepare(`UPDATE journal_exchanges SET bodies = 0, request_body = '', response_body = NULL
                  WHERE id IN (SELECT value FROM json_each(?))`)
        .run(ids);
      this.#db.prepare(`${JOURNAL_FTS_ROW} WHERE x.id IN (SELECT value FROM json_each(?))`).run(ids);
      return rows.length;
    });
  }

  /**
   * Deletes every entry, or with `throughId` every entry up to that id (the newest when a confirmation counted
   * them), so entries recorded since are kept and the count the person confirmed is what goes. Returns how many
   * went. An exchange's entries are written in one transaction, so entry and exchange ids rise together.
   */
  clear(throughId?: number): number {
    return inTransaction(this.#db, () => {
      if (throughId === undefined) {
        const n = this.count();
        this.#db.exec('DELETE FROM journal_entries');
        this.#db.exec('DELETE FROM journal_exchanges');
        return n;
      }
      const last = (this.#db.prepare('SELECT max(exchange_id) AS x FROM journal_entries WHERE id <= ?').get(throughId) as { x: number | null }).x;
      if (last === null) return 0;
      const n = Number(this.#db.prepare('DELETE FROM journal_entries WHERE exchange_id <= ?').run(last).changes);
      this.#db.prepare('DELETE FROM journal_exchanges WHERE id <= ?').run(last);
      return n;
    });
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM journal_entries').get() as { n: number }).n;
  }

  /** The highest entry id (null when empty): what a clear confirmed now would delete up to. */
  newestId(): number | null {
    return (this.#db.prepare('SELECT max(id) AS id FROM journal_entries').get() as { id: number | null }).id;
  }

  /** How many entries match a filter (an export's total, for its progress). */
  countMatching(filter: JournalFilter = {}): number {
    const { sql, params } = where(filter, null);
    return (this.#db.prepare(`SELECT COUNT(*) AS n FROM journal_entries e ${sql}`).get(...params) as { n: number }).n;
  }

  /**
   * How many entries match a filter, for the list's headline, at a bounded cost. A filter by profile and time only
   * is counted along an index (milliseconds at 1,000,000 entries), so it is always exact. Any other filter is
   * counted up to `cap` matches and then stops (`exact: false`, the count is `cap`): an exact count of a search for
   * a common word walks every match (about half a second at 1,000,000 entries), and the list needs no more than
   * "more than 10,000". A search is counted along the full-text index newest first, as a page is read.
   */
  countUpTo(filter: JournalFilter = {}, cap = COUNT_CAP): { count: number; exact: boolean } {
    const indexed = Object.entries(filter).every(([k, v]) => v === undefined || k === 'profileId' || k === 'from' || k === 'to');
    if (indexed) return { count: this.countMatching(filter), exact: true };
    const match = filter.text === undefined ? null : ftsQuery(filter.text);
    const { sql, params } = where(filter, null, false);
    const rows =
      match === null
        ? `SELECT 1 FROM journal_entries e ${sql} LIMIT ?`
        : `SELECT 1 FROM journal_fts f CROSS JOIN journal_exchanges x ON ${FTS_JOIN}
             CROSS JOIN journal_entries e INDEXED BY journal_entries_exchange ON e.exchange_id = x.id
           WHERE journal_fts MATCH ? ${sql === '' ? '' : `AND ${sql.slice('WHERE '.length)}`} LIMIT ?`;
    const n = (this.#db.prepare(`SELECT COUNT(*) AS n FROM (${rows})`).get(...(match === null ? [] : [match]), ...params, cap + 1) as { n: number }).n;
    return n > cap ? { count: cap, exact: false } : { count: n, exact: true };
  }
}

/** Beyond this many matches a filtered count stops (`Journal.countUpTo`). */
export const COUNT_CAP = 10_000;

export interface ExportOptions {
  /** The label of a profile id (null: the profile is gone); exports show it next to the id. */
  profileLabel?: (profileId: string) => string | null;
}

/**
 * The export's fields, in the CSV's column order. Both formats write the same row: `time` as ISO 8601 in UTC with
 * milliseconds (`2026-12-02T14:30:00.000Z`), `profile` as the profile's label (empty when the profile was
 * deleted) next to `profileId`.
 */
const EXPORT_COLUMNS = [
  'id', 'groupId', 'time', 'profile', 'profileId', 'checkRunId', 'host', 'actionKind', 'resourcetype', 'resourceid', 'identifier',
  'durationMs', 'attempt', 'httpStatus', 'topCode', 'topErrorcode', 'topMessage', 'actionErrorcode', 'actionMessage',
  'failureCode', 'failureMessage', 'category', 'ok', 'requestBody', 'responseBody',
] as const;

type ExportRow = Omit<JournalEntryWithBodies, 'time'> & { time: string; profile: string | null };

/** One exported entry; both formats write this. */
export function exportRow(e: JournalEntryWithBodies, options: ExportOptions = {}): Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null> {
  const profile = e.profileId === null ? null : (options.profileLabel?.(e.profileId) ?? null);
  const row: ExportRow = { ...e, time: new Date(e.time).toISOString(), profile };
  return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, row[c]])) as Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;
}

/**
 * A spreadsheet would run a cell starting with = + - @ (or tab / CR) as a formula: such text gets a leading '.
 * Numbers are written as they are; they cannot carry a formula.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}
