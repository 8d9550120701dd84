/**
 * The journal as shown: one filtered, newest-first list paged backwards with main's keyset cursor, topped up when
 * main reports new entries. Responses to superseded queries are dropped.
 */
import { create } from 'zustand';
import type { BoundaryError, FileContent, JournalEntryView, Result } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';
import { appendOlder, EMPTY_JOURNAL_FORM, mergeNewest, toJournalFilter, type JournalFilterForm } from './selectors.ts';

export const JOURNAL_PAGE_SIZE = 100;

interface JournalState {
  form: JournalFilterForm;
  entries: JournalEntryView[];
  nextCursor: string | null;
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: BoundaryError | null;
  selectedId: number | null;
  setForm(patch: Partial<JournalFilterForm>): void;
  resetForm(): void;
  /** Only the calls of one check run, optionally with one of them chosen. */
  showRun(runId: string, entryId?: number): void;
  loadFirst(): Promise<void>;
  loadMore(): Promise<void>;
  refreshNewest(): Promise<void>;
  select(id: number | null): void;
  dismissError(): void;
  exportAs(format: 'jsonl' | 'csv'): Promise<Result<FileContent>>;
  clear(): Promise<Result<{ deleted: number }>>;
}

export const useJournalStore = create<JournalState>()((set, get) => {
  /** Bumped by every first-page query; answers carrying an older number belong to a superseded filter. */
  let generation = 0;
  const query = (cursor: string | null) =>
    getDesk().journalQuery({ filter: toJournalFilter(get().form, Date.now()), cursor, limit: JOURNAL_PAGE_SIZE });

  return {
    form: { ...EMPTY_JOURNAL_FORM },
    entries: [],
    nextCursor: null,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: null,
    selectedId: null,
    setForm(patch) {
      set((s) => ({ form: { ...s.form, ...patch } }));
      void get().loadFirst();
    },
    resetForm() {
      set({ form: { ...EMPTY_JOURNAL_FORM } });
      void get().loadFirst();
    },
    showRun(runId, entryId) {
      set({ form: { ...EMPTY_JOURNAL_FORM, runId }, selectedId: entryId ?? null });
      void get().loadFirst();
    },
    async loadFirst() {
      const mine = ++generation;
      set({ loading: true });
      const r = await query(null);
      if (mine !== generation) return;
      if (!r.ok) {
        set({ loading: false, error: r.error });
        return;
      }
      const selected = get().selectedId;
      set({
        entries: r.value.entries,
        nextCursor: r.value.nextCursor,
        loaded: true,
        loading: false,
        loadingMore: false,
        error: null,
        selectedId: r.value.entries.some((e) => e.id === selected) ? selected : null,
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
      set((s) => ({ entries: appendOlder(s.entries, r.value.entries), nextCursor: r.value.nextCursor, loadingMore: false }));
    },
    async refreshNewest() {
      if (get().loading) return;
      const mine = generation;
      const r = await query(null);
      if (mine !== generation || !r.ok) return;
      const merged = mergeNewest(get().entries, r.value.entries, JOURNAL_PAGE_SIZE);
      set(merged.restarted ? { entries: merged.entries, nextCursor: r.value.nextCursor, loaded: true } : { entries: merged.entries });
    },
    select: (id) => set({ selectedId: id }),
    dismissError: () => set({ error: null }),
    exportAs: (format) => getDesk().journalExport({ format, filter: toJournalFilter(get().form, Date.now()) }),
    async clear() {
      const r = await getDesk().journalClear({});
      if (r.ok) {
        generation += 1;
        set({ entries: [], nextCursor: null, selectedId: null });
      }
      return r;
    },
  };
});
