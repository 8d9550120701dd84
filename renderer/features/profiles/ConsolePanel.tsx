/** One signed call with a profile's stored credentials: main signs and sends it, records it, and explains errors. */
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { BoundaryError, ConsoleResult, ProfileView } from '../../../preload/contract.ts';
import { ACTION_KINDS } from '../../../main/domain/usecases.ts';
import { WRITE_ACTION_KINDS } from '../../../main/domain/vocabulary.ts';
import { useT, type Translate } from '../../i18n/index.ts';
import { canUseCredentials, parseParameters, type ActionKind } from '../../stores/selectors.ts';
import { getDesk } from '../../desk.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert, Explained, Notice } from '../../ui/feedback.tsx';
import { describedBy, Field } from '../../ui/form.tsx';

const RESOURCETYPE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DEFAULT_PARAMETERS = '{\n  "data": ["Id", "objekttitel"],\n  "listlimit": 10\n}';
/** Columns shown before the person asks for all of them (then the table scrolls sideways). */
const MAX_COLUMNS = 8;
const MAX_ROWS = 200;

type Record_ = { id: string; type: string | null; elements: unknown };

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Every field name of the records, in the order they first appear. */
function columnsOf(records: readonly Record_[]): string[] {
  const seen = new Set<string>();
  for (const r of records) {
    if (typeof r.elements !== 'object' || r.elements === null || Array.isArray(r.elements)) continue;
    for (const key of Object.keys(r.elements)) seen.add(key);
  }
  return [...seen];
}

/** The question before a call that changes data: the action, the resource type and the record id, in the person's language. */
function confirmQuestion(t: Translate, kind: WriteKind, resourcetype: string, id: string): string {
  if (kind === 'create') return id === '' ? t('console.confirm.create', { resourcetype }) : t('console.confirm.create.id', { resourcetype, id });
  if (id === '') return t(`console.confirm.${kind}.noId`, { resourcetype });
  return t(`console.confirm.${kind}`, { resourcetype, id });
}

type WriteKind = (typeof WRITE_ACTION_KINDS)[number];
const isWrite = (kind: ActionKind): kind is WriteKind => (WRITE_ACTION_KINDS as readonly string[]).includes(kind);

function RecordsTable({ records, t }: { records: Record_[]; t: Translate }) {
  const [allColumns, setAllColumns] = useState(false);
  const uid = useId();
  const columns = useMemo(() => columnsOf(records), [records]);
  if (records.length === 0) return <p className="muted">{t('console.noRecords')}</p>;
  const shownColumns = allColumns ? columns : columns.slice(0, MAX_COLUMNS);
  const shown = records.slice(0, MAX_ROWS);
  const more = columns.length > MAX_COLUMNS;
  return (
    <div className="stack-tight">
      {(more || records.length > MAX_ROWS) && (
        <p className="muted small console-table-note" id={`${uid}-note`}>
          {more && (allColumns ? t('console.columns.all', { total: columns.length }) : t('console.columns.some', { shown: MAX_COLUMNS, total: columns.length }))}
          {more && ' '}
          {more && (
            <button type="button" className="btn btn-ghost btn-small" aria-expanded={allColumns} onClick={() => setAllColumns((v) => !v)}>
              {allColumns ? t('console.columns.showFewer') : t('console.columns.showAll')}
            </button>
          )}
          {records.length > MAX_ROWS && ` ${t('console.rows.some', { shown: MAX_ROWS, total: records.length })}`}
        </p>
      )}
      {/* Focusable so a keyboard can scroll a wide table sideways. */}
      <div className={allColumns ? 'table-wrap table-scroll' : 'table-wrap'} tabIndex={0} role="region" aria-label={t('console.view.table')} aria-describedby={more ? `${uid}-note` : undefined}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('console.recordId')}</th>
              <th scope="col">{t('console.recordType')}</th>
              {shownColumns.length === 0 ? <th scope="col">{t('console.recordElements')}</th> : shownColumns.map((c) => <th key={c} scope="col">{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => {
              const elements = (typeof r.elements === 'object' && r.elements !== null ? r.elements : {}) as Record<string, unknown>;
              return (
                <tr key={`${r.id}-${i}`}>
                  <td className="mono">{r.id}</td>
                  <td>{r.type ?? ''}</td>
                  {shownColumns.length === 0 ? <td className="mono">{cell(r.elements)}</td> : shownColumns.map((c) => <td key={c}>{cell(elements[c])}</td>)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ConsoleOutcome({ result, t }: { result: ConsoleResult; t: Translate }) {
  const [view, setView] = useState<'table' | 'raw'>('table');
  const uid = useId();
  return (
    <div className="stack console-result" data-testid="console-result">
      <p className={result.ok ? 'notice notice-success' : 'notice notice-warning'} role="status">
        {result.ok ? t('console.ok', { ms: result.durationMs }) : t('console.failed', { ms: result.durationMs })}
        {result.attempts > 1 && ` · ${t('console.attempts', { attempts: result.attempts })}`}
        {result.clockOffsetSeconds !== null && result.clockOffsetSeconds !== 0 && ` · ${t('console.clockOffset', { seconds: result.clockOffsetSeconds })}`}
      </p>
      {result.error && (
        <Explained title={`${result.error.message} (${t('console.errorcode', { code: result.error.code })})`} explanation={result.error.explanation} fix={result.error.fix} t={t} />
      )}
      <div className="segmented console-views" role="group" aria-label={t('console.view')}>
        <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
          {t('console.view.table')}
        </button>
        <button type="button" aria-pressed={view === 'raw'} onClick={() => setView('raw')}>
          {t('console.view.raw')}
        </button>
      </div>
      {view === 'raw' ? (
        result.response === null ? (
          <p className="muted">{t('console.raw.none')}</p>
        ) : (
          <>
            <h4 id={`${uid}-raw`}>{t('console.raw.label')}</h4>
            <pre className="code console-raw" tabIndex={0} aria-labelledby={`${uid}-raw`} data-testid="console-raw">
              {result.response}
            </pre>
          </>
        )
      ) : (
        result.results.map((r, i) =>
          r.ok ? (
            <section key={i} className="stack-tight">
              <h4>
                {r.kind} {r.resourcetype}
                {r.resourceid !== '' && ` ${r.resourceid}`}
                <span className="muted">
                  {' · '}
                  {t('console.records', { count: r.records.length })}
                  {r.cntabsolute !== null && ` · ${t('console.total', { count: r.cntabsolute })}`}
                </span>
              </h4>
              <RecordsTable records={r.records} t={t} />
            </section>
          ) : (
            <Explained key={i} title={`${r.kind} ${r.resourcetype}: ${r.message} (${t('console.errorcode', { code: r.errorcode })})`} explanation={r.explanation} fix={r.fix} t={t} />
          ),
        )
      )}
    </div>
  );
}

export function ConsolePanel({ profile }: { profile: ProfileView }) {
  const t = useT();
  const uid = useId();
  const [kind, setKind] = useState<ActionKind>('read');
  const [resourcetype, setResourcetype] = useState('estate');
  const [resourceid, setResourceid] = useState('');
  const [parameters, setParameters] = useState(DEFAULT_PARAMETERS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);
  const [result, setResult] = useState<ConsoleResult | null>(null);
  /** A call that changes data, waiting for the person's yes. */
  const [pending, setPending] = useState<{ kind: WriteKind; resourcetype: string; resourceid: string; parameters: Record<string, unknown> } | null>(null);

  const parsed = parseParameters(parameters);
  const parametersError = parsed.ok
    ? null
    : parsed.reason === 'notObject'
      ? t('console.parameters.notObject')
      : parsed.at === null
        ? t('console.parameters.invalid')
        : t('console.parameters.invalidAt', parsed.at);
  const typeError = RESOURCETYPE.test(resourcetype) ? null : t('console.resourcetype.invalid');
  const usable = canUseCredentials(profile.credentials.state);
  const id = (name: string) => `${uid}-${name}`;

  const send = async (call: { kind: ActionKind; resourcetype: string; resourceid: string; parameters: Record<string, unknown> }, confirmed: boolean) => {
    setBusy(true);
    setError(null);
    const r = await getDesk().consoleCall({
      profileId: profile.id,
      kind: call.kind,
      resourcetype: call.resourcetype,
      ...(call.resourceid === '' ? {} : { resourceid: call.resourceid }),
      parameters: call.parameters,
      ...(confirmed ? { confirmed: true as const } : {}),
    });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else {
      setResult(null);
      setError(r.error);
    }
  };

  const run = (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.ok || typeError !== null || !usable) return;
    const call = { resourcetype, resourceid: resourceid.trim(), parameters: parsed.value };
    // Reading goes out at once; anything that changes data is asked about first, once per call.
    if (isWrite(kind)) setPending({ kind, ...call });
    else void send({ kind, ...call }, false);
  };

  return (
    <section className="card stack" aria-labelledby={id('title')}>
      <h3 id={id('title')}>{t('console.title')}</h3>
      <p className="muted">{t('console.intro')}</p>
      {!usable && <Notice tone="warning">{t('console.needsCredentials')}</Notice>}
      <form className="stack" onSubmit={run} noValidate>
        <div className="grid-3">
          <Field id={id('kind')} label={t('console.kind')}>
            <select id={id('kind')} value={kind} onChange={(e) => setKind(e.target.value as ActionKind)}>
              {ACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id('type')} label={t('console.resourcetype')} error={typeError}>
            <input
              id={id('type')}
              className="mono"
              value={resourcetype}
              onChange={(e) => setResourcetype(e.target.value)}
              spellCheck={false}
              aria-invalid={typeError !== null}
              aria-describedby={describedBy(id('type'), false, typeError)}
            />
          </Field>
          <Field id={id('rid')} label={t('console.resourceid')}>
            <input id={id('rid')} className="mono" value={resourceid} onChange={(e) => setResourceid(e.target.value)} maxLength={64} spellCheck={false} />
          </Field>
        </div>
        <Field id={id('params')} label={t('console.parameters')} error={parametersError}>
          <textarea
            id={id('params')}
            className="mono"
            rows={6}
            value={parameters}
            onChange={(e) => setParameters(e.target.value)}
            spellCheck={false}
            aria-invalid={parametersError !== null}
            aria-describedby={describedBy(id('params'), false, parametersError)}
          />
        </Field>
        <div className="actions actions-start">
          <button type="submit" className="btn btn-primary" disabled={busy || !usable || !parsed.ok || typeError !== null}>
            {busy ? t('console.running') : t('console.run')}
          </button>
        </div>
      </form>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {result && <ConsoleOutcome result={result} t={t} />}
      <ConfirmDialog
        open={pending !== null}
        title={t('console.confirm.title')}
        confirmLabel={t('console.confirm.send', { kind: pending?.kind ?? '' })}
        danger={pending?.kind === 'delete'}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const call = pending;
          setPending(null);
          if (call !== null) void send(call, true);
        }}
      >
        {pending !== null && (
          <>
            <p data-testid="console-confirm-question">
              <strong>{confirmQuestion(t, pending.kind, pending.resourcetype, pending.resourceid)}</strong>
            </p>
            <p>{t('console.confirm.body', { profile: profile.label })}</p>
          </>
        )}
      </ConfirmDialog>
    </section>
  );
}
