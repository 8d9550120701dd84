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

export const BODY_CAP_BYTES = 64 * 1024;
export const DEFAULT_RETENTION = { maxAgeDays: 90, maxEntries: 100_000 } as const;

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
}

export interface JournalOptions {
  db: DatabaseSync;
  now: () => number;
  newGroupId?: () => string;
  bodyCapBytes?: number;
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

function where(filter: JournalFilter, cursor: Cursor | null): { sql: string; params: SQLInputValue[] } {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  const add = (sql: string, ...values: SQLInputValue[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (filter.profileId !== undefined) add('e.profile_id = ?', filter.profileId);
  if (filter.checkRunId !== undefined) add('e.check_run_id = ?', filter.checkRunId);
  if (filter.from !== undefined) add('e.time >= ?', filter.from);
  if (filter.to !== undefined) add('e.time < ?', filter.to);
  if (filter.kinds !== undefined && filter.kinds.length > 0) {
    add(`e.action_kind IN (${filter.kinds.map(() => '?').join(', ')})`, ...filter.kinds);
  }
  if (filter.resourcetype !== undefined) add('e.resourcetype = ?', filter.resourcetype);
  if (filter.category !== undefined) add('e.category = ?', filter.category);
  if (filter.status !== undefined) add('e.ok = ?', filter.status === 'ok' ? 1 : 0);
  const match = filter.text === undefined ? null : ftsQuery(filter.text);
  if (match !== null) add('e.id IN (SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?)', match);
  if (cursor !== null) add('(e.time < ? OR (e.time = ? AND e.id < ?))', cursor.time, cursor.time, cursor.id);
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

export class Journal {
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #newGroupId: () => string;
  readonly #cap: number;

  constructor(options: JournalOptions) {
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
    // Redaction happens before the transaction, so the write lock is held only for the inserts.
    const exchangeRow: SQLInputValue[] = [
      groupId, exchange.startedAt, hostOf(exchange.endpoint), Math.round(exchange.durationMs), exchange.attempt,
      exchange.httpStatus, exchange.top?.code ?? null, exchange.top?.errorcode ?? null, clean(exchange.top?.message ?? null),
      exchange.failure?.code ?? null, clean(exchange.failure?.message ?? null), clean(exchange.requestBody) ?? '',
      clean(exchange.responseBody),
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
      const { lastInsertRowid } = this.#db
        .prepare(
          `INSERT INTO journal_exchanges (group_id, time, host, duration_ms, attempt, http_status, top_code, top_errorcode,
             top_message, failure_code, failure_message, request_body, response_body)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...exchangeRow);
      const insert = this.#db.prepare(
        `INSERT INTO journal_entries (exchange_id, time, profile_id, check_run_id, category, ok, action_kind, resourcetype,
           resourceid, identifier, action_errorcode, action_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const ids = actionRows.map((row) => Number(insert.run(lastInsertRowid, ...shared, ...row).lastInsertRowid));
      return { groupId, ids };
    });
  }

  #page(filter: JournalFilter, limit: number, cursor: Cursor | null, bodies: boolean): { rows: Row[]; next: Cursor | null } {
    const { sql, params } = where(filter, cursor);
    const rows = this.#db
      .prepare(`SELECT ${ENTRY_COLUMNS}${bodies ? ', x.request_body, x.response_body' : ''}
                FROM journal_entries e JOIN journal_exchanges x ON x.id = e.exchange_id
                ${sql} ORDER BY e.time DESC, e.id DESC LIMIT ?`)
      .all(...params, limit + 1) as Row[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last !== undefined ? { time: last.time as number, id: last.id as number } : null;
    return { rows: page, next };
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

  /** JSON Lines, one entry per line; write the chunks to a file as they come. */
  *exportJsonLines(filter: JournalFilter = {}): Generator<string> {
    for (const e of this.#all(filter)) yield `${JSON.stringify(e)}\n`;
  }

  /** CSV for spreadsheets: UTF-8 with BOM, CRLF, RFC 4180 quoting, cells that could start a formula defused. */
  *exportCsv(filter: JournalFilter = {}): Generator<string> {
    yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
    for (const e of this.#all(filter)) {
      const cells = CSV_COLUMNS.map((c) => (c === 'time' ? new Date(e.time).toISOString() : e[c]));
      yield `${cells.map(csvCell).join(',')}\r\n`;
    }
  }

  /** Deletes entries older than `maxAgeDays` and the oldest beyond `maxEntries`; returns how many went. */
  prune(policy: RetentionPolicy = DEFAULT_RETENTION): number {
    const cutoff = this.#now() - policy.maxAgeDays * 86_400_000;
    return inTransaction(this.#db, () => {
      const byAge = this.#db.prepare('DELETE FROM journal_entries WHERE time < ?').run(cutoff).changes;
      const byCount = this.#db
        .prepare(`DELETE FROM journal_entries WHERE id IN
                    (SELECT id FROM journal_entries ORDER BY time DESC, id DESC LIMIT -1 OFFSET ?)`)
        .run(Math.max(0, Math.floor(policy.maxEntries))).changes;
      this.#db.exec('DELETE FROM journal_exchanges WHERE NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.exchange_id = journal_exchanges.id)');
      return Number(byAge) + Number(byCount);
    });
  }

  clear(): void {
    inTransaction(this.#db, () => {
      this.#db.exec('DELETE FROM journal_entries');
      this.#db.exec('DELETE FROM journal_exchanges');
    });
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM journal_entries').get() as { n: number }).n;
  }
}

const CSV_COLUMNS = [
  'id', 'groupId', 'time', 'profileId', 'checkRunId', 'host', 'actionKind', 'resourcetype', 'resourceid', 'identifier',
  'durationMs', 'attempt', 'httpStatus', 'topCode', 'topErrorcode', 'topMessage', 'actionErrorcode', 'actionMessage',
  'failureCode', 'failureMessage', 'category', 'ok', 'requestBody', 'responseBody',
] as const satisfies readonly (keyof JournalEntryWithBodies)[];

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
