/**
 * The journal domain: every signed call recorded (redacted with its profile's keys), retention, the list's pages,
 * one entry's bodies, counts, clearing, and exports streamed to a file (desktop) or a download (browser host).
 */
import path from 'node:path';
import type { JournalEntrySummary, JournalEntryView, ParsedRequestOf, Result } from '../../preload/contract.ts';
import { journalExportRequestSchema } from '../../preload/contract.ts';
import { T } from '../domain/i18n/index.ts';
import { createClient } from '../onoffice/client.ts';
import { checkEndpoint } from '../onoffice/endpoint.ts';
import { categoryOf } from '../onoffice/errors.ts';
import type { Exchange } from '../onoffice/exchange.ts';
import type { Credentials } from '../onoffice/wire.ts';
import type { Journal, JournalEntry, JournalEntryWithBodies, JournalFilter } from '../store/journal.ts';
import type { ProfileStore } from '../store/profiles.ts';
import type { AppServicesOptions, JournalDownload } from './app-types.ts';
import { stamp, type ClientFor, type Emit } from './context.ts';
import { BoundaryFailure, type Handlers } from './dispatch.ts';
import { exportToFile, JournalExports, type ExportSource } from './journal-export.ts';
import type { SettingsStore } from './settings.ts';

/** Retention is applied again after this many recorded exchanges, so it holds during a long session too. */
const PRUNE_EVERY = 200;

/** A list row: what the journal list shows, no bodies. */
export function toJournalSummary(e: JournalEntry): JournalEntrySummary {
  return {
    id: e.id,
    exchangeId: e.groupId,
    at: e.time,
    profileId: e.profileId,
    runId: e.checkRunId,
    kind: e.actionKind ?? '',
    resourcetype: e.resourcetype ?? '',
    resourceid: e.resourceid ?? '',
    durationMs: e.durationMs,
    httpStatus: e.httpStatus,
    topCode: e.topCode,
    topErrorcode: e.topErrorcode,
    topMessage: e.topMessage,
    errorcode: e.actionErrorcode ?? (e.failureCode === null ? null : e.topErrorcode),
    message: e.actionMessage ?? e.failureMessage,
    category: e.category,
  };
}

function toJournalView(e: JournalEntryWithBodies): JournalEntryView {
  return {
    ...toJournalSummary(e),
    host: e.host,
    identifier: e.identifier ?? '',
    attempt: e.attempt,
    requestBody: e.requestBody,
    responseBody: e.responseBody,
  };
}

/** The journal's category of a failed exchange: the error catalogue's for an API error, else 'transport'. */
function exchangeCategory(x: Exchange): string | null {
  if (!x.failure) return null;
  return x.failure.code === 'api' ? categoryOf(x.top?.errorcode ?? 0) : 'transport';
}

export function encodeCursor(c: { time: number; id: number } | null): string | null {
  return c === null ? null : `${c.time}.${c.id}`;
}
export function decodeCursor(s: string | null): { time: number; id: number } | null {
  if (s === null) return null;
  const m = /^(\d+)\.(\d+)$/.exec(s);
  if (!m) throw new BoundaryFailure('invalid-request', T('errors.boundary.journalPosition'));
  return { time: Number(m[1]), id: Number(m[2]) };
}

export function journalFilter(f: ParsedRequestOf<'journalQuery'>['filter']): JournalFilter {
  return {
    ...(f.profileId !== undefined ? { profileId: f.profileId } : {}),
    ...(f.runId !== undefined ? { checkRunId: f.runId } : {}),
    ...(f.ids !== undefined ? { ids: f.ids } : {}),
    ...(f.from !== undefined ? { from: f.from } : {}),
    ...(f.to !== undefined ? { to: f.to } : {}),
    ...(f.kind !== undefined ? { kinds: [f.kind] } : {}),
    ...(f.resourcetype ? { resourcetype: f.resourcetype } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.status !== undefined ? { status: f.status } : {}),
    ...(f.search ? { text: f.search } : {}),
  };
}

export type JournalHandlers = Pick<Handlers, 'journalQuery' | 'journalEntry' | 'journalExport' | 'journalExportCancel' | 'journalCount' | 'journalClear'>;

export interface JournalService {
  /** A client for one profile whose every exchange lands in the journal, redacted with that profile's keys. */
  clientFor: ClientFor;
  /** Applies the retention settings now; answers how many entries went. */
  prune(): number;
  handlers: JournalHandlers;
  /** Parses a `journalExport` request and opens it for a streamed download (browser host). */
  openJournalExport(request: unknown): Result<JournalDownload>;
}

export interface JournalServiceOptions {
  journal: Journal;
  profiles: ProfileStore;
  settings: SettingsStore;
  now: () => number;
  emit: Emit;
  saveDialog?: AppServicesOptions['saveDialog'];
}

export function createJournalService(options: JournalServiceOptions): JournalService {
  const { journal, profiles, settings, now, emit } = options;

  const prune = (): number => {
    const s = settings.get();
    return journal.prune({
      maxAgeDays: s.journalRetentionDays,
      maxEntries: s.journalMaxRows,
      // Bodies never outlive their entries.
      bodyMaxAgeDays: Math.min(s.journalBodyRetentionDays, s.journalRetentionDays),
    });
  };
  let recordedSincePrune = 0;

  const clientFor: ClientFor = (profile, runId, onRecorded) => {
    const endpoint = checkEndpoint(profile.endpoint.url);
    if (!endpoint.ok) throw new BoundaryFailure('endpoint-invalid', T('errors.endpoint.profileUnusable', { reason: endpoint.reason }));
    let keys: Credentials | null = null;
    return createClient({
      endpoint: endpoint.url,
      now,
      credentials: async () => (keys = await profiles.readCredentials(profile.id)),
      onExchange: (x) => {
        if (keys === null) return;
        const { ids } = journal.record(x, { profileId: profile.id, checkRunId: runId, category: exchangeCategory(x), actionCategory: categoryOf, keys });
        if (++recordedSincePrune >= PRUNE_EVERY) {
          recordedSincePrune = 0;
          prune();
        }
        onRecorded?.(x, ids);
        emit('journalAppended', { count: x.actions.length });
      },
    });
  };

  const exports = new JournalExports((progress) => emit('journalExportProgress', progress));
  const exportFileName = (format: 'jsonl' | 'csv'): string => `api-user-desk-journal-${stamp(now())}.${format}`;
  /** The rows are read page by page as the export is written; the total is counted when it starts. */
  const exportSource = (format: 'jsonl' | 'csv', filter: ParsedRequestOf<'journalExport'>['filter']): ExportSource => {
    const f = journalFilter(filter);
    // Exports name each entry's profile by its label; a deleted profile keeps only its id.
    const labels = new Map(profiles.list().map((p) => [p.id, p.label]));
    const labelled = { profileLabel: (id: string) => labels.get(id) ?? null };
    const rows = format === 'jsonl' ? journal.exportJsonLines(f, labelled) : journal.exportCsv(f, labelled);
    // The CSV generator's first chunk is its header line; rows are counted without it.
    const header = format === 'csv' ? (rows.next().value ?? null) : null;
    return {
      fileName: exportFileName(format),
      mimeType: format === 'jsonl' ? 'application/x-ndjson' : 'text/csv',
      total: journal.countMatching(f),
      header,
      rows: { [Symbol.iterator]: () => rows },
    };
  };

  const handlers: JournalHandlers = {
    journalQuery: async ({ filter, cursor, limit }) => {
      const page = journal.query(journalFilter(filter), { limit, cursor: decodeCursor(cursor) });
      return { entries: page.entries.map(toJournalSummary), nextCursor: encodeCursor(page.next) };
    },
    journalEntry: async ({ id }) => {
      const entry = journal.get(id);
      if (entry === null) throw new BoundaryFailure('not-found', T('errors.boundary.entryGone'));
      return toJournalView(entry);
    },
    journalExport: async ({ format, filter, exportId }) => {
      if (!options.saveDialog) throw new BoundaryFailure('export-unavailable', T('errors.boundary.exportUnavailable'));
      const target = await options.saveDialog.choose(exportFileName(format), format);
      if (target === null) return { state: 'dismissed' as const, fileName: null, rows: 0 };
      const source = exportSource(format, filter);
      const result = await exportToFile(target, (write) => exports.run(exportId, source, write));
      return { state: result.state === 'done' ? ('written' as const) : ('cancelled' as const), fileName: path.basename(target), rows: result.rows };
    },
    journalExportCancel: async ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
    journalCount: async ({ filter }) => ({ ...journal.countUpTo(journalFilter(filter)), newestId: journal.newestId() }),
    journalClear: async ({ throughId }) => ({ deleted: journal.clear(throughId) }),
  };

  return {
    clientFor,
    prune,
    handlers,
    openJournalExport(request) {
      const parsed = journalExportRequestSchema.safeParse(request ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: 'The export request was not understood.' } };
      const { format, filter, exportId } = parsed.data;
      const source = exportSource(format, filter);
      return {
        ok: true,
        value: { fileName: source.fileName, mimeType: source.mimeType, pipe: (write, signal) => exports.run(exportId, source, write, signal) },
      };
    },
  };
}
