/**
 * Every recorded call, newest first: filters, a virtualized list of summaries that loads older pages as it is
 * scrolled, the redacted request and response of the chosen entry (fetched when it is opened), and streamed exports
 * with their progress.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BoundaryError, JournalCount, JournalEntrySummary, JournalEntryView } from '../../../preload/contract.ts';
import { ACTION_KINDS } from '../../../main/domain/usecases.ts';
import { formatDateTime, useLanguage, usePlural, useT, type MessageKey } from '../../i18n/index.ts';
import { useJournalStore, type ExportProgress } from '../../stores/journal.ts';
import { formatCount, profileLabels, shouldPrefetch } from '../../stores/journalList.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { entryFailed, exportPercent, isFilterActive, prettyBody, RANGE_PRESETS, type ActionKind, type JournalFilterForm, type RangePreset } from '../../stores/selectors.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Badge, ErrorAlert, Notice } from '../../ui/feedback.tsx';

const CATEGORIES = ['credentials', 'clock', 'rights', 'mail', 'fields', 'structure', 'marketplace', 'server', 'transport', 'api'] as const;
const ROW_HEIGHT = 60;
const DEBOUNCE_MS = 300;

const categoryKey = (c: string): MessageKey | null => ((CATEGORIES as readonly string[]).includes(c) ? (`category.${c}` as MessageKey) : null);

/** Text filters wait until typing pauses, so a query is not sent per keystroke. */
function useDebouncedField(key: 'search' | 'resourcetype') {
  const value = useJournalStore((s) => s.form[key]);
  const setForm = useJournalStore((s) => s.setForm);
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => setForm({ [key]: draft }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, key, setForm]);
  return [draft, setDraft] as const;
}

function Filters() {
  const t = useT();
  const p = usePlural();
  const form = useJournalStore((s) => s.form);
  const onlyIds = useJournalStore((s) => s.onlyIds);
  const setForm = useJournalStore((s) => s.setForm);
  const resetForm = useJournalStore((s) => s.resetForm);
  const profiles = useProfilesStore((s) => s.profiles);
  const [search, setSearch] = useDebouncedField('search');
  const [resourcetype, setResourcetype] = useDebouncedField('resourcetype');
  const uid = useId();
  const pick = <K extends keyof JournalFilterForm>(key: K) => (e: { target: { value: string } }) => setForm({ [key]: e.target.value } as Partial<JournalFilterForm>);

  return (
    <form className="filters" role="search" aria-label={t('journal.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="filter filter-wide">
        <label htmlFor={`${uid}-search`}>{t('journal.filter.search')}</label>
        <input id={`${uid}-search`} type="search" value={search} placeholder={t('journal.filter.search.placeholder')} onChange={(e) => setSearch(e.target.value)} maxLength={200} />
      </div>
      <div className="filter">
        <label htmlFor={`${uid}-profile`}>{t('journal.filter.profile')}</label>
        <select id={`${uid}-profile`} value={form.profileId} onChange={pick('profileId')}>
          <option value="">{t('journal.filter.allProfiles')}</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${uid}-kind`}>{t('journal.filter.kind')}</label>
        <select id={`${uid}-kind`} value={form.kind} onChange={(e) => setForm({ kind: e.target.value as '' | ActionKind })}>
          <option value="">{t('common.all')}</option>
          {ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${uid}-resourcetype`}>{t('journal.filter.resourcetype')}</label>
        <input id={`${uid}-resourcetype`} value={resourcetype} onChange={(e) => setResourcetype(e.target.value)} maxLength={100} spellCheck={false} />
      </div>
      <div className="filter">
        <label htmlFor={`${uid}-category`}>{t('journal.filter.category')}</label>
        <select id={`${uid}-category`} value={form.category} onChange={pick('category')}>
          <option value="">{t('common.all')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${uid}-status`}>{t('journal.filter.status')}</label>
        <select id={`${uid}-status`} value={form.status} onChange={(e) => setForm({ status: e.target.value as '' | 'ok' | 'failed' })}>
          <option value="">{t('common.all')}</option>
          <option value="ok">{t('journal.status.ok')}</option>
          <option value="failed">{t('journal.status.failed')}</option>
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${uid}-range`}>{t('journal.filter.range')}</label>
        <select id={`${uid}-range`} value={form.range} onChange={(e) => setForm({ range: e.target.value as RangePreset })}>
          {RANGE_PRESETS.map((r) => (
            <option key={r} value={r}>
              {t(`journal.range.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {form.runId !== '' && (
        <div className="filter filter-run" role="group" aria-labelledby={`${uid}-run`}>
          <span id={`${uid}-run`}>{t('journal.filter.run')}</span>
          <span className="run-chip">
            <span className="mono" title={form.runId}>
              {form.runId.slice(0, 8)}
            </span>
            {onlyIds !== null && <span data-testid="journal-only-calls">{p('journal.filter.calls', onlyIds.length)}</span>}
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setForm({ runId: '' })}>
              {t('journal.filter.run.remove')}
            </button>
          </span>
        </div>
      )}
      {isFilterActive(form) && (
        <button type="button" className="btn btn-ghost btn-small filter-reset" onClick={resetForm}>
          {t('journal.filter.reset')}
        </button>
      )}
    </form>
  );
}

interface EntryRowProps {
  entry: JournalEntrySummary;
  profileLabel: string;
  selected: boolean;
  start: number;
  size: number;
  index: number;
  setSize: number;
  select(id: number): void;
}

/** One row; memoized, so scrolling renders only the rows that come into view. */
const EntryRow = memo(function EntryRow({ entry, profileLabel, selected, start, size, index, setSize, select }: EntryRowProps) {
  const t = useT();
  const language = useLanguage();
  const failed = entryFailed(entry);
  const message = entry.message ?? entry.topMessage ?? '';
  return (
    <div
      id={`entry-${entry.id}`}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      className={selected ? 'entry selected' : 'entry'}
      style={{ transform: `translateY(${start}px)`, height: size }}
      onClick={() => select(entry.id)}
    >
      <span className="entry-line">
        <Badge tone={failed ? 'bad' : 'ok'}>{failed ? t('journal.status.failed') : t('journal.status.ok')}</Badge>
        <span className="mono entry-action">
          {entry.kind} {entry.resourcetype}
          {entry.resourceid !== '' && ` ${entry.resourceid}`}
        </span>
        <span className="muted small entry-time">{formatDateTime(language, entry.at)}</span>
      </span>
      <span className="entry-line muted small">
        <span className="entry-profile">{profileLabel}</span>
        {failed && entry.errorcode !== null && <span className="mono">#{entry.errorcode}</span>}
        {failed && message !== '' && <span className="entry-message">{message}</span>}
        <span className="entry-duration">{t('journal.ms', { ms: entry.durationMs })}</span>
      </span>
    </div>
  );
});

/**
 * The list: a listbox of options only (the status line sits outside it), focusable as one control; the arrow keys,
 * Home and End move the chosen entry, which is marked while the list has the focus.
 */
function EntryList({ labelOf }: { labelOf(id: string | null): string }) {
  const t = useT();
  const entries = useJournalStore((s) => s.entries);
  const nextCursor = useJournalStore((s) => s.nextCursor);
  const loading = useJournalStore((s) => s.loading);
  const loadingMore = useJournalStore((s) => s.loadingMore);
  const loadMore = useJournalStore((s) => s.loadMore);
  const selectedId = useJournalStore((s) => s.selectedId);
  const select = useJournalStore((s) => s.select);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;
  const rowsPerScreen = Math.ceil((virtualizer.scrollRect?.height ?? 0) / ROW_HEIGHT);
  // The active option must be in the document; a chosen entry scrolled far away is not rendered.
  const activeShown = selectedId !== null && items.some((item) => entries[item.index]?.id === selectedId);
  // Unknown (-1) while older pages remain: the rows need not re-render whenever a page arrives.
  const setSize = nextCursor === null ? entries.length : -1;

  useEffect(() => {
    if (shouldPrefetch({ lastVisible: last, loaded: entries.length, rowsPerScreen, hasMore: nextCursor !== null, busy: loading || loadingMore })) void loadMore();
  }, [last, entries.length, rowsPerScreen, nextCursor, loading, loadingMore, loadMore]);

  const onKey = (e: KeyboardEvent) => {
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'Home' ? -Infinity : e.key === 'End' ? Infinity : 0;
    if (move === 0 || entries.length === 0) return;
    e.preventDefault();
    // Looked up on a key press only, not on every rendered frame.
    const selectedIndex = selectedId === null ? -1 : entries.findIndex((x) => x.id === selectedId);
    const index = Math.min(entries.length - 1, Math.max(0, selectedIndex === -1 ? 0 : selectedIndex + move));
    const entry = entries[index];
    if (entry === undefined) return;
    select(entry.id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  return (
    <>
      <div
        ref={scroller}
        className="entry-scroller"
        role="listbox"
        tabIndex={0}
        aria-label={t('journal.listLabel')}
        aria-busy={loading}
        aria-activedescendant={activeShown ? `entry-${selectedId}` : undefined}
        onKeyDown={onKey}
      >
        <div className="entry-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = entries[item.index];
            if (entry === undefined) return null;
            return (
              <EntryRow
                key={entry.id}
                entry={entry}
                profileLabel={labelOf(entry.profileId)}
                selected={entry.id === selectedId}
                start={item.start}
                size={item.size}
                index={item.index}
                setSize={setSize}
                select={select}
              />
            );
          })}
        </div>
      </div>
      <p className="muted small list-foot" aria-live="polite">
        {loadingMore ? t('journal.loadingMore') : nextCursor === null && entries.length > 0 ? t('journal.end') : ''}
      </p>
    </>
  );
}

function EntryDetail({ entry, profileLabel }: { entry: JournalEntryView; profileLabel: string }) {
  const t = useT();
  const language = useLanguage();
  const response = prettyBody(entry.responseBody);
  const category = entry.category === null ? null : categoryKey(entry.category);
  const rows: Array<[string, string | null]> = [
    [t('journal.detail.at'), formatDateTime(language, entry.at)],
    [t('journal.detail.profile'), profileLabel],
    [t('journal.detail.host'), entry.host],
    [t('journal.detail.duration'), t('journal.ms', { ms: entry.durationMs })],
    [t('journal.detail.attempt'), String(entry.attempt)],
    [t('journal.detail.http'), entry.httpStatus === null ? '—' : String(entry.httpStatus)],
    [t('journal.detail.errorcode'), entry.errorcode === null || entry.errorcode === 0 ? null : String(entry.errorcode)],
    [t('journal.detail.message'), entry.message ?? entry.topMessage],
    [t('journal.filter.category'), category === null ? entry.category : t(category)],
    [t('journal.detail.exchange'), entry.exchangeId],
  ];
  return (
    <section className="card stack" aria-labelledby="entry-title" data-testid="journal-detail">
      <h2 id="entry-title" className="mono">
        {entry.kind} {entry.resourcetype} {entry.resourceid}
      </h2>
      <dl className="facts">
        {rows
          .filter((r): r is [string, string] => r[1] !== null && r[1] !== '')
          .map(([k, v]) => (
            <div key={k} className="fact">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <h3>{t('journal.detail.request')}</h3>
      <pre className="code" tabIndex={0}>
        {prettyBody(entry.requestBody)}
      </pre>
      <h3>{t('journal.detail.response')}</h3>
      {response === null ? <p className="muted">{t('journal.detail.noResponse')}</p> : <pre className="code" tabIndex={0}>{response}</pre>}
    </section>
  );
}

/** The chosen entry: its summary at once, its particulars and bodies once main has sent them. */
function SelectedEntry({ summary, profileLabel }: { summary: JournalEntrySummary; profileLabel: string }) {
  const t = useT();
  const detail = useJournalStore((s) => s.detail);
  const select = useJournalStore((s) => s.select);
  if (detail?.entry && detail.id === summary.id) return <EntryDetail entry={detail.entry} profileLabel={profileLabel} />;
  return (
    <section className="card stack" aria-labelledby="entry-title" aria-busy={detail?.loading ?? false} data-testid="journal-detail">
      <h2 id="entry-title" className="mono">
        {summary.kind} {summary.resourcetype} {summary.resourceid}
      </h2>
      {detail?.error ? (
        <ErrorAlert error={detail.error} onDismiss={() => select(summary.id)} />
      ) : (
        <p className="muted" role="status">
          {t('journal.detail.loading')}
        </p>
      )}
    </section>
  );
}

/** A running export's progress bar with its cancel button; afterwards what became of it. */
function ExportStatus({ progress }: { progress: ExportProgress }) {
  const t = useT();
  const cancelExport = useJournalStore((s) => s.cancelExport);
  const dismissExport = useJournalStore((s) => s.dismissExport);
  if (progress.state === 'running') {
    const percent = exportPercent(progress);
    return (
      <div className="export-progress" role="group" aria-label={t('journal.export.progress.label')} data-testid="journal-export-progress">
        <progress max={100} value={percent ?? undefined} aria-label={t('journal.export.progress.label')} />
        <span className="muted small" aria-live="polite">
          {t('journal.export.progress', { written: progress.written, total: progress.total })}
        </span>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void cancelExport()}>
          {t('journal.export.cancel')}
        </button>
      </div>
    );
  }
  const text =
    progress.state === 'done'
      ? t('journal.export.done', { file: progress.fileName })
      : progress.state === 'cancelled'
        ? t('journal.export.cancelled')
        : t('journal.export.failed');
  return (
    <Notice>
      {text}{' '}
      <button type="button" className="btn btn-ghost btn-small" onClick={dismissExport}>
        {t('common.dismiss')}
      </button>
    </Notice>
  );
}

/** How many entries match the filter, as main counted them: "2,431 entries match" / "More than 10,000 entries match". */
function MatchCount() {
  const t = useT();
  const p = usePlural();
  const language = useLanguage();
  const count = useJournalStore((s) => s.count);
  const text =
    count?.count === 0
      ? t('journal.empty')
      : count === null
        ? t('common.loading')
        : count.exact
          ? p('journal.matching', count.count, { number: formatCount(language, count.count) })
          : t('journal.matching.more', { number: formatCount(language, count.count) });
  return (
    <p className="muted small" aria-live="polite" data-testid="journal-count">
      {text}
    </p>
  );
}

export function JournalPage() {
  const t = useT();
  const p = usePlural();
  const language = useLanguage();
  const entries = useJournalStore((s) => s.entries);
  const error = useJournalStore((s) => s.error);
  const dismissError = useJournalStore((s) => s.dismissError);
  const selectedId = useJournalStore((s) => s.selectedId);
  const profiles = useProfilesStore((s) => s.profiles);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<BoundaryError | null>(null);
  /** The count a clear was confirmed against; the dialog is open while it is set. */
  const [confirmClear, setConfirmClear] = useState<JournalCount | null>(null);

  useEffect(() => {
    void useJournalStore.getState().loadFirst();
  }, []);

  const labels = useMemo(() => profileLabels(profiles), [profiles]);
  const unknownProfile = t('journal.unknownProfile');
  const labelOf = (id: string | null) => (id === null ? '—' : (labels.get(id) ?? unknownProfile));
  const selected = useMemo(() => (selectedId === null ? null : (entries.find((e) => e.id === selectedId) ?? null)), [entries, selectedId]);
  const exporting = useJournalStore((s) => s.exporting);
  const exportRunning = exporting?.state === 'running';

  /** Counts what a clear deletes (the whole journal) before asking, so the question names the exact number. */
  const askClear = async () => {
    setActionError(null);
    setNotice('');
    const r = await useJournalStore.getState().countAll();
    if (!r.ok) setActionError(r.error);
    else if (r.value.count === 0) setNotice(t('journal.clear.nothing'));
    else setConfirmClear(r.value);
  };

  const exportAs = async (format: 'jsonl' | 'csv') => {
    setNotice('');
    setActionError(null);
    const r = await useJournalStore.getState().exportAs(format);
    if (!r.ok) setActionError(r.error);
  };

  return (
    <div className="journal">
      <div className="pane-head">
        <h1>{t('journal.title')}</h1>
        <div className="actions">
          <button type="button" className="btn" onClick={() => exportAs('jsonl')} disabled={exportRunning}>
            {t('journal.export.jsonl')}
          </button>
          <button type="button" className="btn" onClick={() => exportAs('csv')} disabled={exportRunning}>
            {t('journal.export.csv')}
          </button>
          {/* Not tied to what the filter shows: the clear applies to the whole journal. */}
          <button type="button" className="btn btn-danger-ghost" onClick={() => void askClear()}>
            {t('journal.clear')}
          </button>
        </div>
      </div>
      <Filters />
      <ErrorAlert error={error} onDismiss={dismissError} />
      <ErrorAlert error={actionError} onDismiss={() => setActionError(null)} />
      <Notice>{notice}</Notice>
      {exporting !== null && <ExportStatus progress={exporting} />}
      <div className="split split-journal">
        <div className="list-pane">
          <MatchCount />
          <EntryList labelOf={labelOf} />
        </div>
        <div className="detail-pane">
          {selected ? <SelectedEntry summary={selected} profileLabel={labelOf(selected.profileId)} /> : <p className="empty card">{t('journal.detail.select')}</p>}
        </div>
      </div>
      <ConfirmDialog
        open={confirmClear !== null}
        title={t('journal.clear')}
        confirmLabel={t('journal.clear')}
        danger
        onCancel={() => setConfirmClear(null)}
        onConfirm={async () => {
          const counted = confirmClear;
          setConfirmClear(null);
          setNotice('');
          if (counted === null) return;
          const r = await useJournalStore.getState().clear(counted.newestId);
          if (r.ok) setNotice(p('journal.clear.done', r.value.deleted, { number: formatCount(language, r.value.deleted) }));
          else setActionError(r.error);
        }}
      >
        <p data-testid="journal-clear-count">
          {confirmClear !== null && p('journal.clear.confirm', confirmClear.count, { number: formatCount(language, confirmClear.count) })}
        </p>
      </ConfirmDialog>
    </div>
  );
}
