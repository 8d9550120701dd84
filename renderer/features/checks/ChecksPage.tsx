/**
 * The onboarding check for one profile: the guided flow (credentials → connection → rights → publish → mailbox →
 * server log), what to check, live progress while main works through it, the checklist, and earlier runs with
 * their reports.
 */
import { useEffect, useId, useState } from 'react';
import type { BoundaryError, CheckRunMeta, ProfileView } from '../../../preload/contract.ts';
import { formatDateTime, useLanguage, useRender, useT, type Translate } from '../../i18n/index.ts';
import { countStatuses, progressPercent } from '../../stores/checkSelectors.ts';
import { useChecksStore, type RunningCheck } from '../../stores/checks.ts';
import { useVaultStore } from '../../stores/vault.ts';
import { downloadFile } from '../../ui/download.ts';
import { ErrorAlert, Notice } from '../../ui/feedback.tsx';
import { CheckForm } from './CheckForm.tsx';
import { Checklist, RunSummary, StepOverview, SummaryCounts, useCaseLabel } from './CheckResults.tsx';
import { ProfileScopedPage } from '../profiles/ProfileScopedPage.tsx';

function Progress({ running, t }: { running: RunningCheck; t: Translate }) {
  const render = useRender();
  const latest = running.findings.at(-1);
  return (
    <div className="check-progress stack-tight" data-testid="check-progress">
      <progress value={running.done} max={Math.max(running.total, 1)} aria-label={t('check.progress.label')}>
        {progressPercent(running.done, running.total)} %
      </progress>
      <p className="small" role="status" aria-live="polite">
        {running.total === 0
          ? t('check.progress.starting')
          : t('check.progress', { done: running.done, total: running.total })}
        {latest !== undefined && ` · ${render(latest.title)}: ${t(`check.status.${latest.status}`)}`}
      </p>
      <SummaryCounts summary={countStatuses(running.findings)} t={t} />
    </div>
  );
}

function History({ profile, shownId }: { profile: ProfileView; shownId: string | null }) {
  const t = useT();
  const language = useLanguage();
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
                  {useCaseLabel(m.useCase, t)} · {m.endpointHost}
                </span>
                {m.finishedAt === null ? <span className="muted small">{t('check.history.unfinished')}</span> : <SummaryCounts summary={m.summary} t={t} />}
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
  const start = useChecksStore((s) => s.start);
  const dismissError = useChecksStore((s) => s.dismissError);
  const mine = running !== null && running.profileId === profile.id ? running : null;
  const findings = mine?.findings ?? shown?.findings ?? [];

  useEffect(() => {
    void useChecksStore.getState().loadHistory(profile.id);
  }, [profile.id]);

  return (
    <div className="check-layout">
      <div className="stack">
        <CheckForm key={profile.id} profile={profile} busy={running !== null} onRun={(request) => void start(request)} />
        {running !== null && mine === null && <Notice tone="info">{t('check.runningElsewhere')}</Notice>}
        <History profile={profile} shownId={shown?.id ?? null} />
      </div>
      <section className="card stack check-results" aria-labelledby="check-results-title">
        <div className="pane-head">
          <h2 id="check-results-title">{t('check.results')}</h2>
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
        <StepOverview findings={findings} phase={mine !== null ? 'running' : shown !== null ? 'done' : 'idle'} t={t} />
        {mine !== null && <Progress running={mine} t={t} />}
        {mine === null && shown !== null && <RunSummary run={shown} />}
        {mine === null && shown === null && !error && <p className="muted">{t('check.results.none')}</p>}
        {(mine !== null || shown !== null) && <Checklist findings={findings} running={mine !== null} runId={mine?.runId ?? shown?.id ?? null} />}
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
