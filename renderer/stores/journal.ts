/**
 * The journal as shown: one filtered, newest-first list of summaries paged backwards with main's keyset cursor,
 * topped up when main reports new entries; the chosen entry's bodies fetched when it is opened; a running export's
 * progress. Responses to superseded queries are dropped.
 */
import { create } from 'zustand';
import type { BoundaryError, EventPayloads, JournalCount, JournalEntrySummary, JournalEntryView, JournalExportOutcome, Result } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';
import { appendPage, countAfterNewest } from './journalList.ts';
import { EMPTY_JOURNAL_FORM, mergeNewest, toJournalFilter, type JournalFilter, type JournalFilterForm } from './selectors.ts';

export const JOURNAL_PAGE_SIZE = 100;

export type ExportProgress = EventPayloads['journalExportProgress'];

/** The opened entry: loading until main answers with its bodies. */
export interface EntryDetail {
  id: number;
  entry: JournalEntryView | null;
  loading: boolean;
  error: BoundaryError | null;
}

const newExportId = (): string => crypto.randomUUID();

/** The most ids one filter carries (the contract's limit); a finding cites a handful. */
const MAX_FILTER_IDS = 200;

/** A finding's journal ids as a filter: positive whole numbers, each once, in order; null when none is left. */
export function callsFilter(ids: readonly number[]): number[] | null {
  const only = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_FILTER_IDS);
  return only.length === 0 ? null : only;
}

/** The form's filter, narrowed to exactly the given calls when there are any. */
export const journalFilterWithIds = (filter: JournalFilter, ids: readonly number[] | null): JournalFilter => (ids === null ? filter : { ...filter, ids: [...ids] });

interface JournalState {
  form: JournalFilterForm;
  entries: JournalEntrySummary[];
  nextCursor: string | null;
  /** How many entries match the filter (main counts them); null until it answered. */
  count: JournalCount | null;
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: BoundaryError | null;
  selectedId: number | null;
  detail: EntryDetail | null;
  /** The running (or last) export, as its progress events tell it; null when none was started. */
  exporting: ExportProgress | null;
  setForm(patch: Partial<JournalFilterForm>): void;
  resetForm(): void;
  /** Only the calls of one check run, optionally with one of them chosen. */
  showRun(runId: string, entryId?: number): void;
  /** Exactly these calls (a check finding's evidence) of one run; any change of the filter lets them go. */
  onlyIds: number[] | null;
  showCalls(runId: string, ids: readonly number[]): void;
  loadFirst(): Promise<void>;
  loadMore(): Promise<void>;
  refreshNewest(): Promise<void>;
  select(id: number | null): void;
  dismissError(): void;
  /** Starts an export (desktop: after the save dialog); progress comes through `exportProgress`. */
  exportAs(format: 'jsonl' | 'csv'): Promise<Result<JournalExportOutcome>>;
  exportProgress(progress: ExportProgress): void;
  cancelExport(): Promise<void>;
  dismissExport(): void;
  /** What a clear would delete now: every entry of the journal, whatever the filter. */
  countAll(): Promise<Result<JournalCount>>;
  /** Deletes the entries up to `throughId` (from `countAll`), so exactly the confirmed number goes. */
  clear(throughId: number | null): Promise<Result<{ deleted: number }>>;
}

export const useJournalStore = create<JournalState>()((set, get) => {
  /** Bumped by every first-page query; answers carrying an older number belong to a superseded filter. */
  let generation = 0;
  const filter = () => journalFilterWithIds(toJournalFilter(get().form, Date.now()), get().onlyIds);
  const query = (cursor: string | null) => getDesk().journalQuery({ filter: filter(), cursor, limit: JOURNAL_PAGE_SIZE });
  /** Counts the matches of the current filter beside the first page; an answer for a superseded filter is dropped. */
  const recount = (mine: number) => {
    void getDesk()
      .journalCount({ filter: filter() })
      .then((r) => {
        if (mine === generation && r.ok) set({ count: r.value });
      });
  };

  return {
    form: { ...EMPTY_JOURNAL_FORM },
    entries: [],
    nextCursor: null,
    count: null,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: null,
    selectedId: null,
    detail: null,
    exporting: null,
    onlyIds: null,
    setForm(patch) {
      set((s) => ({ form: { ...s.form, ...patch }, onlyIds: null }));
      void get().loadFirst();
    },
    resetForm() {
      set({ form: { ...EMPTY_JOURNAL_FORM }, onlyIds: null });
      void get().loadFirst();
    },
    showRun(runId, entryId) {
      set({ form: { ...EMPTY_JOURNAL_FORM, runId }, onlyIds: null });
      get().select(entryId ?? null);
      void get().loadFirst();
    },
    showCalls(runId, ids) {
      const only = callsFilter(ids);
      set({ form: { ...EMPTY_JOURNAL_FORM, runId }, onlyIds: only });
      // One call: it is opened at once.
      get().select(only?.length === 1 ? (only[0] as number) : null);
      void get().loadFirst();
    },
    async loadFirst() {
      const mine = ++generation;
      set({ loading: true, count: null });
      recount(mine);
      const r = await query(null);
      if (mine !== generation) return;
      if (!r.ok) {
        set({ loading: false, error: r.error });
        return;
      }
      const selected = get().selectedId;
      const keep = r.value.entries.some((e) => e.id === selected);
      set({
        entries: r.value.entries,
        nextCursor: r.value.nextCursor,
        loaded: true,
        loading: false,
        loadingMore: false,
        error: null,
        selectedId: keep ? selected : null,
        ...(keep ? {} : { detail: null }),
      });
    },
    async loadMore() {
      const { nextCursor, loadingMore, loading } = get();
      if (nextCursor === null || loadingMore || loading) return;
      const mine = generation;
      set({ loadingMore: true });
      const r = await query(nextCursor);
      if (mine !== generation) return;
      if (!r.ok) {
        set({ loadingMore: false, error: r.error });
        return;
      }
      set((s) => ({ entries: appendPage(s.entries, r.value.entries), nextCursor: r.value.nextCursor, loadingMore: false }));
    },
    async refreshNewest() {
      if (get().loading) return;
      const mine = generation;
      const r = await query(null);
      if (mine !== generation || !r.ok) return;
      const shown = get().entries;
      const merged = mergeNewest(shown, r.value.entries, JOURNAL_PAGE_SIZE);
      const count = countAfterNewest(get().count, merged.entries.length - shown.length, merged.restarted);
      set(merged.restarted ? { entries: merged.entries, nextCursor: r.value.nextCursor, loaded: true, count } : { entries: merged.entries, count });
      if (count === null) recount(mine);
    },
    select(id) {
      const shown = get().detail;
      // Choosing the open entry again fetches nothing, unless its fetch failed.
      if (id !== null && id === get().selectedId && shown?.id === id && shown.error === null) return;
      set({ selectedId: id, detail: id === null ? null : { id, entry: null, loading: true, error: null } });
      if (id === null) return;
      void getDesk()
        .journalEntry({ id })
        .then((r) => {
          // Only the answer for the entry still chosen is shown.
          if (get().selectedId !== id) return;
          set({ detail: r.ok ? { id, entry: r.value, loading: false, error: null } : { id, entry: null, loading: false, error: r.error } });
        });
    },
    dismissError: () => set({ error: null }),
    async exportAs(format) {
      const running = get().exporting;
      if (running !== null && running.state === 'running') {
        return { ok: false, error: { code: 'export-running', message: 'An export is still running.' } };
      }
      const exportId = newExportId();
      set({ exporting: { exportId, fileName: '', written: 0, total: 0, state: 'running' } });
      const r = await getDesk().journalExport({ format, filter: filter(), exportId });
      if (get().exporting?.exportId !== exportId) return r;
      if (!r.ok || r.value.state === 'dismissed') set({ exporting: null });
      else if (r.value.state !== 'started') {
        const state = r.value.state === 'written' ? 'done' : 'cancelled';
        set((s) => ({ exporting: { ...(s.exporting as ExportProgress), fileName: r.value.fileName ?? s.exporting?.fileName ?? '', written: r.value.rows, state } }));
      }
      return r;
    },
    exportProgress(progress) {
      const current = get().exporting;
      // Events of another export (another window's) and late ones after the end are not this page's.
      if (current === null || current.exportId !== progress.exportId || (current.state !== 'running' && progress.state === 'running')) return;
      // The desktop's answer names the file the person chose; the event names the suggested one.
      set({ exporting: current.state === 'running' ? progress : { ...progress, fileName: current.fileName } });
    },
    async cancelExport() {
      const current = get().exporting;
      if (current === null || current.state !== 'running') return;
      await getDesk().journalExportCancel({ exportId: current.exportId });
    },
    dismissExport: () => set({ exporting: null }),
    countAll: () => getDesk().journalCount({ filter: {} }),
    async clear(throughId) {
      const r = await getDesk().journalClear(throughId === null ? {} : { throughId });
      if (r.ok) {
        set({ entries: [], nextCursor: null, selectedId: null, detail: null });
        // Entries recorded after the count stay; the list shows what is left.
        void get().loadFirst();
      }
      return r;
    },
  };
});
