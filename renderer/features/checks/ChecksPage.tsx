/**
 * The onboarding check for one profile: the guided flow (credentials → connection → rights → publish → mailbox →
 * server log), what to check, live progress while main works through it (cancellable; a cancelled check keeps
 * nothing), the results with problems first, and earlier runs (re-checks of one step marked) with their reports.
 */
import { useEffect, useId, useRef, useState } from 'react';
// Named like a hook in main, but a plain function: imported under a name that says so.
import type { BoundaryError, CheckRunMeta, ProfileView } from '../../../preload/contract.ts';
import { useCaseTitle as titleOfUseCase } from '../../../main/domain/usecases.ts';
import { formatDateTime, useLanguage, useRender, useT, type Translate } from '../../i18n/index.ts';
import { countStatuses, progressPercent } from '../../stores/checkSelectors.ts';
import { useChecksStore, type RunningCheck } from '../../stores/checks.ts';
import { useVaultStore } from '../../stores/vault.ts';
import { downloadFile } from '../../ui/download.ts';
import { ErrorAlert, Notice } from '../../ui/feedback.tsx';
import { CheckForm } from './CheckForm.tsx';
import { partialLabel, ResultsList, RunSummary, StepOverview, SummaryCounts } from './CheckResults.tsx';
import { ProfileScopedPage } from '../profiles/ProfileScopedPage.tsx';

function Progress({ running, t }: { running: RunningCheck; t: Translate }) {
  const render = useRender();
  const cancel = useChecksStore((s) => s.cancel);
  const latest = running.findings.at(-1);
  const partial = running.steps === undefined ? null : partialLabel(running, t);
  return (
    <div className="check-progress stack-tight" data-testid="check-progress">
      {partial !== null && <p className="run-partial small">{partial}</p>}
      <progress value={running.done} max={Math.max(running.total, 1)} aria-label={t('check.progress.label')}>
        {progressPercent(running.done, running.total)} %
      </progress>
      <p className="small" role="status" aria-live="polite">
        {running.total === 0
          ? t('check.progress.starting')
          : t('check.progress', { done: running.done, total: running.total })}
        {latest !== undefined && ` · ${render(latest.title)}: ${t(`check.status.${latest.status}`)}`}
      </p>
      <div className="progress-foot">
        <SummaryCounts summary={countStatuses(running.findings)} />
        <button type="button" className="btn btn-small" onClick={() => void cancel()} disabled={running.cancelling}>
          {running.cancelling ? t('check.cancelling') : t('check.cancel')}
        </button>
      </div>
    </div>
  );
}

function History({ profile, shownId }: { profile: ProfileView; shownId: string | null }) {
  const t = useT();
  const language = useLanguage();
  const render = useRender();
  const loaded = useChecksStore((s) => s.history);
  const historyFor = useChecksStore((s) => s.historyFor);
  const history = historyFor === profile.id ? loaded : [];
  const open = useChecksStore((s) => s.open);
  const uid = useId();
  return (
    <section className="card stack" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('check.history')}</h2>
      {history.length === 0 ? (
        <p className="muted">{t('check.history.empty')}</p>
      ) : (
        <ul className="history-list" aria-label={t('check.history')}>
          {history.map((m: CheckRunMeta) => (
            <li key={m.id}>
              <button
                type="button"
                className={m.id === shownId ? 'history-item selected' : 'history-item'}
                aria-current={m.id === shownId ? 'true' : undefined}
                onClick={() => open(m.id)}
              >
                <span className="history-when">{formatDateTime(language, m.startedAt)}</span>
                <span className="muted small">
                  {render(titleOfUseCase(m.useCase))} · {m.endpointHost}
                </span>
                {m.steps !== undefined && <span className="history-partial small">{partialLabel(m, t)}</span>}
                {m.finishedAt === null ? <span className="muted small">{t('check.history.unfinished')}</span> : <SummaryCounts summary={m.summary} />}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReportButtons({ runId }: { runId: string }) {
  const t = useT();
  const language = useLanguage();
  const report = useChecksStore((s) => s.report);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<BoundaryError | null>(null);
  const save = async (format: 'markdown' | 'html') => {
    setNotice('');
    setError(null);
    const r = await report(runId, format, language);
    if (!r.ok) return setError(r.error);
    downloadFile(r.value);
    setNotice(t('check.report.done', { file: r.value.fileName }));
  };
  return (
    <div className="stack-tight">
      <div className="actions actions-start wrap" role="group" aria-label={t('check.report')}>
        <button type="button" className="btn btn-small" onClick={() => save('markdown')}>
          {t('check.report.markdown')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => save('html')}>
          {t('check.report.html')}
        </button>
      </div>
      <Notice>{notice}</Notice>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </div>
  );
}

function ProfileCheck({ profile }: { profile: ProfileView }) {
  const t = useT();
  const running = useChecksStore((s) => s.running);
  const shown = useChecksStore((s) => (s.run !== null && s.run.profileId === profile.id ? s.run : null));
  const error = useChecksStore((s) => s.error);
  const cancelled = useChecksStore((s) => s.cancelledFor === profile.id);
  const finishedCount = useChecksStore((s) => s.finishedCount);
  const start = useChecksStore((s) => s.start);
  const recheck = useChecksStore((s) => s.recheck);
  const dismissError = useChecksStore((s) => s.dismissError);
  const mine = running !== null && running.profileId === profile.id ? running : null;
  const findings = mine?.findings ?? shown?.findings ?? [];
  const heading = useRef<HTMLHeadingElement>(null);
  const seenFinished = useRef(finishedCount);

  useEffect(() => {
    void useChecksStore.getState().loadHistory(profile.id);
  }, [profile.id]);

  // When a check ends (done, failed or cancelled), the result is where the person continues.
  useEffect(() => {
    if (finishedCount === seenFinished.current) return;
    seenFinished.current = finishedCount;
    heading.current?.focus();
  }, [finishedCount]);

  const runId = mine?.runId ?? shown?.id ?? null;
  return (
    <div className="check-layout">
      <div className="stack">
        <CheckForm key={profile.id} profile={profile} busy={running !== null} onRun={(request) => void start(request)} />
        {running !== null && mine === null && <Notice tone="info">{t('check.runningElsewhere')}</Notice>}
        <History profile={profile} shownId={shown?.id ?? null} />
      </div>
      <section className="card stack check-results" aria-labelledby="check-results-title">
        <div className="pane-head">
          <h2 id="check-results-title" ref={heading} tabIndex={-1}>
            {t('check.results')}
          </h2>
          {shown !== null && mine === null && <ReportButtons runId={shown.id} />}
        </div>
        {error && (
          <div className="stack-tight">
            <ErrorAlert error={error} onDismiss={dismissError} />
            {error.code === 'locked' && (
              <div className="actions actions-start">
                <button type="button" className="btn btn-primary" onClick={() => void useVaultStore.getState().load()}>
                  {t('check.unlock')}
                </button>
              </div>
            )}
          </div>
        )}
        {cancelled && mine === null && (
          <p className="notice notice-info" role="status" data-testid="check-cancelled">
            {t('check.cancelled')}
          </p>
        )}
        {mine === null && shown !== null && <RunSummary run={shown} />}
        {mine !== null && <Progress running={mine} t={t} />}
        <StepOverview findings={findings} phase={mine !== null ? 'running' : shown !== null ? 'done' : 'idle'} t={t} />
        {mine === null && shown === null && !error && !cancelled && <p className="muted">{t('check.results.none')}</p>}
        {(mine !== null || shown !== null) && (
          <ResultsList
            key={runId ?? 'running'}
            findings={findings}
            running={mine !== null}
            actions={{
              runId,
              profileId: profile.id,
              ...(mine === null && running === null && shown !== null ? { onRecheck: (step) => void recheck(step) } : {}),
            }}
          />
        )}
      </section>
    </div>
  );
}

export function ChecksPage() {
  return (
    <ProfileScopedPage title="check.title" intro="check.intro" pickerLabel="check.profile" noProfiles="check.noProfiles">
      {(profile) => <ProfileCheck profile={profile} />}
    </ProfileScopedPage>
  );
}
