/** One signed call with a profile's stored credentials: main signs and sends it, records it, and explains errors. */
import { useId, useState, type FormEvent } from 'react';
import { ACTION_KINDS, type BoundaryError, type ConsoleResult, type ProfileView } from '../../../preload/contract.ts';
import { useT, type Translate } from '../../i18n/index.ts';
import { canUseCredentials, parseParameters, type ActionKind } from '../../stores/selectors.ts';
import { getDesk } from '../../desk.ts';
import { ErrorAlert, Explained, Notice } from '../../ui/feedback.tsx';
import { describedBy, Field } from '../../ui/form.tsx';

const RESOURCETYPE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DEFAULT_PARAMETERS = '{\n  "data": ["Id", "objekttitel"],\n  "listlimit": 10\n}';
const MAX_COLUMNS = 8;
const MAX_ROWS = 200;

type Record_ = { id: string; type: string | null; elements: unknown };

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function RecordsTable({ records, t }: { records: Record_[]; t: Translate }) {
  if (records.length === 0) return <p className="muted">{t('console.noRecords')}</p>;
  const columns: string[] = [];
  for (const r of records) {
    if (typeof r.elements !== 'object' || r.elements === null || Array.isArray(r.elements)) continue;
    for (const key of Object.keys(r.elements)) if (!columns.includes(key) && columns.length < MAX_COLUMNS) columns.push(key);
  }
  const shown = records.slice(0, MAX_ROWS);
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('console.recordId')}</th>
            <th scope="col">{t('console.recordType')}</th>
            {columns.length === 0 ? <th scope="col">{t('console.recordElements')}</th> : columns.map((c) => <th key={c} scope="col">{c}</th>)}
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => {
            const elements = (typeof r.elements === 'object' && r.elements !== null ? r.elements : {}) as Record<string, unknown>;
            return (
              <tr key={`${r.id}-${i}`}>
                <td className="mono">{r.id}</td>
                <td>{r.type ?? ''}</td>
                {columns.length === 0 ? <td className="mono">{cell(r.elements)}</td> : columns.map((c) => <td key={c}>{cell(elements[c])}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ConsoleOutcome({ result, t }: { result: ConsoleResult; t: Translate }) {
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
      {result.results.map((r, i) =>
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

  const parsed = parseParameters(parameters);
  const parametersError = parsed.ok ? null : parsed.reason === 'invalid' ? t('console.parameters.invalid', { message: parsed.message }) : t('console.parameters.notObject');
  const typeError = RESOURCETYPE.test(resourcetype) ? null : t('console.resourcetype.invalid');
  const usable = canUseCredentials(profile.credentials.state);
  const id = (name: string) => `${uid}-${name}`;

  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.ok || typeError !== null || !usable) return;
    setBusy(true);
    setError(null);
    const r = await getDesk().consoleCall({
      profileId: profile.id,
      kind,
      resourcetype,
      ...(resourceid.trim() === '' ? {} : { resourceid: resourceid.trim() }),
      parameters: parsed.value,
    });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else {
      setResult(null);
      setError(r.error);
    }
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
    </section>
  );
}
