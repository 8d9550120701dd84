/**
 * A check's outcome: the verdict first, then what needs looking at (failures, open answers, warnings) with the fix
 * and the actions that lead to it, notes after them, and the passes folded into one line. Each finding says whether
 * it is only inferred and which calls it rests on (opened in the journal, filtered to exactly those).
 */
import { useId, useState } from 'react';
// Named like a hook in main, but a plain function: imported under a name that says so.
import type { CheckRun, EstateReason, Finding, StepName } from '../../../preload/contract.ts';
import { useCaseTitle as titleOfUseCase } from '../../../main/domain/usecases.ts';
import { formatDateTime, useLanguage, usePlural, useRender, useT, type Translate } from '../../i18n/index.ts';
import { useAppStore } from '../../stores/app.ts';
import {
  STATUS_ICON,
  arrangeFindings,
  engineStepOf,
  estateReasons,
  groupByStep,
  groupEstates,
  needsNewCredentials,
  partialSteps,
  problemsOnlyByDefault,
  stepOf,
  stepState,
  summaryCounts,
  verdictOf,
  type FindingStatus,
  type StepState,
} from '../../stores/checkSelectors.ts';
import { useJournalStore } from '../../stores/journal.ts';
import { useProfilesStore } from '../../stores/profiles.ts';

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

/** The name of a step as the engine runs it (a re-check names these). */
export const engineStepName = (step: StepName, t: Translate): string =>
  t(step === 'estates' ? 'check.step.estates' : step === 'log' ? 'check.step.log' : `check.step.${step}`);

/** "Re-check: Rights" for a run that covered only some steps; null for a full run. */
export function partialLabel(run: { steps?: readonly StepName[] }, t: Translate): string | null {
  const steps = partialSteps(run);
  return steps.length === 0 ? null : t('check.partial', { steps: steps.map((s) => engineStepName(s, t)).join(', ') });
}

/**
 * A finding's fix, titled by where it is made ("Fix in enterprise", "Fix on this computer", …). Runs stored before
 * findings named the place were all about enterprise. Shared with the setup guide's finding view.
 */
export function FixBox({ finding }: { finding: Pick<Finding, 'fix' | 'fixWhere'> }) {
  const t = useT();
  const render = useRender();
  if (finding.fix === null) return null;
  const where = finding.fixWhere ?? 'enterprise';
  return (
    <div className="fix-box">
      <strong className="fix-title" data-fix-where={where}>
        {t(`fix.where.${where}`)}
      </strong>
      <p>{render(finding.fix)}</p>
    </div>
  );
}

/** "Inferred": a disclosure that says what it means, reachable by keyboard (not a hover-only title). */
export function HeuristicNote({ id }: { id: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const noteId = `heuristic-${id}`;
  return (
    <>
      <button
        type="button"
        className="badge badge-neutral heuristic"
        aria-expanded={open}
        aria-controls={noteId}
        data-heuristic="true"
        onClick={() => setOpen((o) => !o)}
      >
        {t('check.heuristic')}
        <span className="heuristic-mark" aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <p id={noteId} className="heuristic-note small" hidden={!open}>
        {t('check.heuristic.hint')}
      </p>
    </>
  );
}

/** Opens the journal at exactly these calls of the run (all of the run's calls without ids). */
function openJournal(runId: string, ids?: readonly number[]): void {
  const journal = useJournalStore.getState();
  if (ids !== undefined && ids.length > 0) journal.showCalls(runId, ids);
  else journal.showRun(runId);
  useAppStore.getState().go('journal');
}

/** The profiles page with this profile's credential replacement open. */
function replaceCredentials(profileId: string): void {
  useProfilesStore.getState().requestRotation(profileId);
  useAppStore.getState().go('profiles');
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

/** What a finding can lead to: new credentials, a re-check of its step, its calls in the journal. */
export interface FindingActions {
  runId: string | null;
  /** The profile the run checked; null: no credential replacement offered. */
  profileId: string | null;
  /** Absent while a check runs (or for a run that cannot be re-checked). */
  onRecheck?: (step: StepName) => void;
}

/**
 * What a finding rests on: the request (in words where the run has them, technically otherwise), the code and the
 * server's own message. Shared by the results and the setup guide.
 */
export function EvidenceFacts({ evidence: e, className = 'evidence-facts' }: { evidence: Finding['evidence']; className?: string }) {
  const t = useT();
  const r = useRender();
  const code = e.code === undefined ? null : String(e.code);
  if (e.request === undefined && code === null && e.message === undefined) return null;
  return (
    <dl className={className}>
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
  );
}

function FindingItem({ finding, cause, actions, t }: { finding: Finding; cause: Finding | undefined; actions: FindingActions; t: Translate }) {
  const r = useRender();
  const e = finding.evidence;
  const code = e.code === undefined ? null : String(e.code);
  const hasEvidence = e.request !== undefined || code !== null || e.message !== undefined;
  const calls = e.journalIds ?? [];
  const { runId, profileId, onRecheck } = actions;
  const problem = finding.status !== 'pass' && finding.status !== 'info';
  const offerCredentials = profileId !== null && finding.status !== 'pass' && needsNewCredentials(finding);
  const offerRecheck = onRecheck !== undefined && problem;
  const offerJournal = runId !== null && calls.length > 0;
  return (
    <li className={`finding finding-${finding.status}`} data-finding-id={finding.id} data-status={finding.status} tabIndex={-1}>
      <div className="finding-head">
        <StatusMark status={finding.status} t={t} />
        <strong className="finding-title">{r(finding.title)}</strong>
        <span className="finding-step muted small">{t(`check.step.${stepOf(finding.id)}`)}</span>
        {finding.heuristic && <HeuristicNote id={finding.id} />}
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
      <FixBox finding={finding} />
      {hasEvidence && (
        <div className="evidence">
          <EvidenceFacts evidence={e} />
        </div>
      )}
      {(offerCredentials || offerRecheck || offerJournal) && (
        <div className="finding-actions" role="group" aria-label={r(finding.title)}>
          {offerCredentials && (
            <button type="button" className="btn btn-primary btn-small" onClick={() => replaceCredentials(profileId)}>
              {t('check.do.replaceCredentials')}
            </button>
          )}
          {offerRecheck && (
            <button type="button" className="btn btn-small" data-recheck={engineStepOf(finding.id)} onClick={() => onRecheck(engineStepOf(finding.id))}>
              {t('check.do.recheck')}
            </button>
          )}
          {offerJournal && (
            <button type="button" className="btn btn-ghost btn-small" data-calls={calls.length} onClick={() => openJournal(runId, calls)}>
              {t('check.do.journal')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Findings as rows; the expected estates together under their module. */
function FindingRows({ findings, all, actions, t }: { findings: readonly Finding[]; all: readonly Finding[]; actions: FindingActions; t: Translate }) {
  const plural = usePlural();
  const item = (f: Finding) => <FindingItem key={f.id} finding={f} cause={f.causedBy ? all.find((c) => c.id === f.causedBy) : undefined} actions={actions} t={t} />;
  return (
    <ul className="finding-list">
      {groupEstates(findings).map((row) =>
        row.kind === 'finding' ? (
          item(row.finding)
        ) : (
          <li key={`estates-${row.findings[0]?.id ?? ''}`} className="finding-group" data-testid="estate-group">
            <h4 className="finding-group-title">
              {t('check.module.estate')} <span className="muted small">· {plural('check.estatesGroup', row.findings.length)}</span>
            </h4>
            <ul className="finding-list">{row.findings.map(item)}</ul>
          </li>
        ),
      )}
    </ul>
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

/** "1 warning · 11 passed", plural-correct in either language. */
export function SummaryCounts({ summary }: { summary: Partial<Record<FindingStatus, number>> }) {
  const plural = usePlural();
  return (
    <span className="summary-counts">
      {summaryCounts(summary).map(({ status, count }) => (
        <span key={status} className={`status status-${status}`} data-count={status}>
          <span className="status-icon" aria-hidden="true">
            {STATUS_ICON[status]}
          </span>
          <span className="status-text">{plural(`check.count.${status}`, count)}</span>
        </span>
      ))}
    </span>
  );
}

/**
 * The findings, problems first: failures, open answers and warnings with their fixes and actions; notes (unless
 * only problems are shown); the passes folded into one line that opens.
 */
export function ResultsList({ findings, running, actions }: { findings: readonly Finding[]; running: boolean; actions: FindingActions }) {
  const t = useT();
  const plural = usePlural();
  const uid = useId();
  const hasProblems = problemsOnlyByDefault(findings);
  // The person's choice wins; until they choose, only problems are shown when there are any.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const problemsOnly = chosen ?? hasProblems;
  const [passesOpen, setPassesOpen] = useState(false);
  const { problems, notes, passed, hiddenNotes } = arrangeFindings(findings, problemsOnly);
  if (findings.length === 0) return running ? <p className="muted">{t('check.step.pending')}</p> : null;
  return (
    <div className="results-list stack" data-testid="check-results-list">
      <label className="check problems-only">
        <input type="checkbox" checked={problemsOnly} onChange={(e) => setChosen(e.target.checked)} />
        <span>{t('check.problemsOnly')}</span>
      </label>
      <section className="results-group" aria-labelledby={`${uid}-problems`} data-testid="check-problems">
        <h3 id={`${uid}-problems`}>{t('check.problems')}</h3>
        {problems.length === 0 ? <p className="muted small">{t('check.problems.none')}</p> : <FindingRows findings={problems} all={findings} actions={actions} t={t} />}
      </section>
      {notes.length > 0 && (
        <section className="results-group" aria-labelledby={`${uid}-notes`} data-testid="check-notes">
          <h3 id={`${uid}-notes`}>{t('check.notes')}</h3>
          <FindingRows findings={notes} all={findings} actions={actions} t={t} />
        </section>
      )}
      {hiddenNotes > 0 && (
        <p className="muted small" data-testid="notes-hidden">
          {plural('check.notesHidden', hiddenNotes)}
        </p>
      )}
      {passed.length > 0 && (
        <section className="results-group passes" data-testid="check-passes">
          <button
            type="button"
            className="passes-toggle"
            aria-expanded={passesOpen}
            aria-controls={`${uid}-passes`}
            onClick={() => setPassesOpen((o) => !o)}
          >
            <span className="status status-pass">
              <span className="status-icon" aria-hidden="true">
                {STATUS_ICON.pass}
              </span>
              <span className="status-text">{plural('check.passedFolded', passed.length)}</span>
            </span>
            <span className="passes-mark" aria-hidden="true">
              {passesOpen ? '▴' : '▾'}
            </span>
          </button>
          <div id={`${uid}-passes`} hidden={!passesOpen}>
            {passesOpen && <FindingRows findings={passed} all={findings} actions={actions} t={t} />}
          </div>
        </section>
      )}
    </div>
  );
}

/** The verdict and facts of a finished run: passed, problems, or inconclusive (never green with open required checks). */
export function RunSummary({ run }: { run: CheckRun }) {
  const t = useT();
  const plural = usePlural();
  const render = useRender();
  const language = useLanguage();
  const started = Date.parse(run.startedAt);
  const seconds = (Date.parse(run.finishedAt) - started) / 1000;
  const { verdict, failed, inconclusive } = verdictOf(run);
  const icon: FindingStatus = verdict === 'passed' ? 'pass' : verdict === 'problems' ? 'fail' : 'unknown';
  const text =
    verdict === 'passed'
      ? t('check.verdict.ok')
      : verdict === 'problems'
        ? plural('check.verdict.failed', failed)
        : plural('check.verdict.inconclusive', inconclusive);
  const partial = partialLabel(run, t);
  return (
    <div className={`run-summary run-${verdict === 'passed' ? 'ok' : verdict === 'problems' ? 'failed' : 'inconclusive'}`} data-testid="check-summary" data-verdict={verdict}>
      {partial !== null && (
        <p className="run-partial small" data-testid="check-partial">
          {partial}
        </p>
      )}
      <p className={`run-verdict status-${icon}`}>
        <span className="status-icon" aria-hidden="true">
          {STATUS_ICON[icon]}
        </span>
        <strong>{text}</strong>
      </p>
      <SummaryCounts summary={run.summary} />
      <p className="muted small">
        {t('check.facts', {
          useCase: render(titleOfUseCase(run.useCase)),
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
