/**
 * A check's outcome as a checklist by step: each finding with its status as icon and word, what it means, the fix
 * in enterprise, whether it is only inferred, and the calls it rests on (opened in the journal, filtered to the run).
 */
import { USE_CASES, USE_CASE_TEXT, type CheckRun, type EstateReason, type Finding, type UseCase } from '../../../preload/contract.ts';
import { formatDateTime, useLanguage, useRender, useT, type Translate } from '../../i18n/index.ts';
import { useAppStore } from '../../stores/app.ts';
import { STATUS_ICON, estateReasons, groupByStep, stepState, summaryCounts, type CheckStep, type FindingStatus, type StepState } from '../../stores/checkSelectors.ts';
import { useJournalStore } from '../../stores/journal.ts';

/** The use case's name in the person's language; a name this version does not know is shown as it is. */
export const useCaseLabel = (name: string, t: Translate): string =>
  (USE_CASES as readonly string[]).includes(name) ? t(USE_CASE_TEXT[name as UseCase].title) : name;

const STATE_ICON: Readonly<Record<StepState, string>> = { ...STATUS_ICON, pending: '…', notPlanned: '–' };

export function StatusMark({ status, t }: { status: StepState; t: Translate }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span className="status-icon" aria-hidden="true">
        {STATE_ICON[status]}
      </span>
      <span className="status-text">{t(`check.status.${status}`)}</span>
    </span>
  );
}

function openJournal(runId: string, entryId?: number): void {
  useJournalStore.getState().showRun(runId, entryId);
  useAppStore.getState().go('journal');
}

/** Moves to the finding that names the common cause. */
function showCause(id: string): void {
  const el = document.querySelector<HTMLElement>(`[data-finding-id="${CSS.escape(id)}"]`);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

const REASON_TONE = (reason: EstateReason): string => (reason === 'visible' ? 'chip-ok' : reason === 'undetermined' ? 'chip-neutral' : 'chip-warn');

/** Why an expected estate is or is not on the website, as small chips; an undetermined one with what stays open. */
function EstateReasons({ finding, t }: { finding: Finding; t: Translate }) {
  const { reasons, possible } = estateReasons(finding);
  if (reasons.length === 0) return null;
  const chips = (list: readonly EstateReason[], labelId: string, possibleOnes: boolean) => (
    <ul className="chips" aria-labelledby={labelId}>
      {list.map((r) => (
        <li key={r} className={possibleOnes ? 'chip chip-possible' : `chip ${REASON_TONE(r)}`} data-reason={r}>
          {t(`check.reason.${r}`)}
        </li>
      ))}
    </ul>
  );
  const base = `reasons-${finding.id}`;
  return (
    <div className="reasons" data-testid="estate-reasons">
      <div className="reasons-row">
        <span id={`${base}-label`} className="muted small">
          {t('check.reasons')}
        </span>
        {chips(reasons, `${base}-label`, false)}
      </div>
      {possible.length > 0 && (
        <div className="reasons-row" data-testid="possible-reasons">
          <span id={`${base}-possible`} className="muted small">
            {t('check.reasons.possible')}
          </span>
          {chips(possible, `${base}-possible`, true)}
        </div>
      )}
    </div>
  );
}

function FindingItem({ finding, cause, runId, t }: { finding: Finding; cause: Finding | undefined; runId: string | null; t: Translate }) {
  const r = useRender();
  const e = finding.evidence;
  const code = e.code === undefined ? null : String(e.code);
  const hasEvidence = e.request !== undefined || code !== null || e.message !== undefined;
  return (
    <li className={`finding finding-${finding.status}`} data-finding-id={finding.id} data-status={finding.status} tabIndex={-1}>
      <div className="finding-head">
        <StatusMark status={finding.status} t={t} />
        <strong className="finding-title">{r(finding.title)}</strong>
        {finding.heuristic && (
          <span className="badge badge-neutral heuristic" title={t('check.heuristic.hint')} data-heuristic="true">
            {t('check.heuristic')}
          </span>
        )}
      </div>
      <p className="finding-explanation">{r(finding.explanation)}</p>
      <EstateReasons finding={finding} t={t} />
      {cause !== undefined && (
        <p className="finding-cause">
          <button type="button" className="btn btn-ghost btn-small" data-caused-by={cause.id} onClick={() => showCause(cause.id)}>
            {t('check.causedBy', { title: r(cause.title) })}
          </button>
        </p>
      )}
      {finding.fix !== null && (
        <div className="fix-box">
          <strong className="fix-title" data-fix-where={finding.fixWhere ?? 'enterprise'}>
            {t(`fix.where.${finding.fixWhere ?? 'enterprise'}`)}
          </strong>
          <p>{r(finding.fix)}</p>
        </div>
      )}
      {(hasEvidence || runId !== null) && (
        <div className="evidence">
          {hasEvidence && (
            <dl className="evidence-facts">
              {e.request !== undefined && (
                <div className="fact">
                  <dt>{t('check.evidence.request')}</dt>
                  <dd className={e.requestText ? undefined : 'mono'}>{e.requestText ? r(e.requestText) : e.request}</dd>
                </div>
              )}
              {code !== null && (
                <div className="fact">
                  <dt>{t('check.evidence.code')}</dt>
                  <dd className="mono">{code}</dd>
                </div>
              )}
              {e.message !== undefined && (
                <div className="fact">
                  <dt>{t('check.evidence.message')}</dt>
                  <dd>{e.message}</dd>
                </div>
              )}
            </dl>
          )}
          {runId !== null && (e.journalIds?.length ?? 0) > 0 && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => openJournal(runId, e.journalIds?.[0])}>
              {t('check.evidence.journal')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * The guided flow with each step's state, so the person sees where the setup stops. Before the first run it only
 * shows the way.
 */
export function StepOverview({ findings, phase, t }: { findings: readonly Finding[]; phase: 'idle' | 'running' | 'done'; t: Translate }) {
  return (
    <ol className="check-steps" aria-label={t('check.steps')}>
      {groupByStep(findings).map(({ step, findings: list }, i) => {
        const state = phase === 'idle' ? null : stepState(list, phase === 'running');
        return (
          <li key={step} className={`check-step check-step-${state ?? 'idle'}`} data-step={step}>
            <span className="check-step-number" aria-hidden="true">
              {i + 1}
            </span>
            <span className="check-step-body">
              <span className="check-step-name">{t(`check.step.${step}`)}</span>
              {state !== null && <StatusMark status={state} t={t} />}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function SummaryCounts({ summary, t }: { summary: Partial<Record<FindingStatus, number>>; t: Translate }) {
  return (
    <span className="summary-counts">
      {summaryCounts(summary).map(({ status, count }) => (
        <span key={status} className={`status status-${status}`}>
          <span className="status-icon" aria-hidden="true">
            {STATUS_ICON[status]}
          </span>
          <span className="status-text">{t('check.count', { count, status: t(`check.status.${status}`) })}</span>
        </span>
      ))}
    </span>
  );
}

/** The checklist, grouped by step; steps without findings say why. */
export function Checklist({ findings, running, runId }: { findings: readonly Finding[]; running: boolean; runId: string | null }) {
  const t = useT();
  return (
    <div className="checklist">
      {groupByStep(findings).map(({ step, findings: list }) => (
        <section key={step} className="check-group" aria-labelledby={`check-group-${step}`} data-step={step}>
          <h3 id={`check-group-${step}`}>{t(`check.step.${step}`)}</h3>
          {list.length === 0 ? (
            <p className="muted small">{running ? t('check.step.pending') : t(stepEmpty(step))}</p>
          ) : (
            <ul className="finding-list">
              {list.map((f) => (
                <FindingItem key={f.id} finding={f} cause={f.causedBy ? findings.find((c) => c.id === f.causedBy) : undefined} runId={runId} t={t} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

const stepEmpty = (step: CheckStep) => (step === 'mailbox' ? 'check.step.mailbox.none' : step === 'fields' ? 'check.step.fields.none' : 'check.step.none');

/** Verdict and facts of a finished run. */
export function RunSummary({ run }: { run: CheckRun }) {
  const t = useT();
  const language = useLanguage();
  const started = Date.parse(run.startedAt);
  const seconds = (Date.parse(run.finishedAt) - started) / 1000;
  // Failures outrank an open result: a run with both says what failed.
  const verdict: 'pass' | 'fail' | 'unknown' = run.ok ? 'pass' : run.summary.fail > 0 || !run.inconclusive ? 'fail' : 'unknown';
  const text =
    verdict === 'pass' ? t('check.verdict.ok') : verdict === 'fail' ? t('check.verdict.failed', { count: run.summary.fail }) : t('check.verdict.inconclusive', { count: run.inconclusive ?? 0 });
  return (
    <div className={`run-summary run-${verdict === 'pass' ? 'ok' : verdict === 'fail' ? 'failed' : 'inconclusive'}`} data-testid="check-summary" data-verdict={verdict}>
      <p className={`run-verdict status-${verdict}`} role="status">
        <span className="status-icon" aria-hidden="true">
          {STATUS_ICON[verdict]}
        </span>
        <strong>{text}</strong>
      </p>
      <SummaryCounts summary={run.summary} t={t} />
      <p className="muted small">
        {t('check.facts', {
          useCase: useCaseLabel(run.useCase, t),
          requests: run.requests,
          host: run.endpointHost,
          at: formatDateTime(language, started),
          seconds: seconds.toLocaleString(language, { maximumFractionDigits: 1 }),
        })}
      </p>
      {run.findings.some((f) => f.heuristic) && <p className="small">{t('check.heuristic.legend')}</p>}
      <div className="actions actions-start">
        <button type="button" className="btn btn-small" onClick={() => openJournal(run.id)}>
          {t('check.journal')}
        </button>
      </div>
    </div>
  );
}
