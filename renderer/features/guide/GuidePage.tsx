/**
 * The setup guide: walks one API user from its creation in enterprise to a verified setup. A step list (ordered,
 * the current step marked, arrow keys move between steps) beside the step's content; each step shows its status,
 * evidence and fix, and re-checking a step runs only its probes. Focus moves to the step's heading when the step
 * changes and to the result after a check.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { GuideStep } from '../../../preload/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useAppStore } from '../../stores/app.ts';
import { GUIDE_STEPS, nextStep, previousStep, stepForKey, stepIndex, stepStatus, useGuideStore } from '../../stores/guide.ts';
import { findProfile } from '../../stores/selectors.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { ErrorAlert } from '../../ui/feedback.tsx';
import { StepStatusMark } from './GuideFindings.tsx';
import { ConnectionStep, CreateStep, CredentialsStep, LogStep, MailboxStep, PublishStep, RightsStep, UseCaseStep } from './GuideSteps.tsx';

export function GuidePage() {
  const t = useT();
  const profileId = useAppStore((s) => s.guideProfileId);
  const profile = useProfilesStore((s) => findProfile(s.profiles, profileId));
  const guide = useGuideStore();
  const heading = useRef<HTMLHeadingElement>(null);
  const stepButtons = useRef(new Map<GuideStep, HTMLButtonElement>());
  const current = guide.progress.step;

  // Opening the guide for another profile (or a new API user) loads that profile's progress; the guide's own new
  // profile keeps its progress on screen.
  useEffect(() => {
    if (useGuideStore.getState().profileId === profileId && (profileId !== null || useGuideStore.getState().loaded)) return;
    void useGuideStore.getState().open(profileId, findProfile(useProfilesStore.getState().profiles, profileId));
  }, [profileId]);

  // After the shell's own focus move on entering the area (its effect runs after this one), hence the next frame.
  const loaded = guide.loaded;
  useEffect(() => {
    if (!loaded) return;
    const frame = requestAnimationFrame(() => heading.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [current, loaded]);

  const context = { progress: guide.progress, profile, results: guide.results };
  const onListKey = (e: KeyboardEvent<HTMLOListElement>) => {
    const focused = (document.activeElement as HTMLElement | null)?.dataset.step as GuideStep | undefined;
    const target = stepForKey(focused ?? current, e.key);
    if (target === null) return;
    e.preventDefault();
    stepButtons.current.get(target)?.focus();
  };

  const previous = previousStep(current);
  const next = nextStep(current);
  const n = stepIndex(current) + 1;
  const status = stepStatus(current, context);

  return (
    <section className="guide" aria-labelledby="guide-title" data-profile-id={profileId ?? ''}>
      <div className="page-head">
        <div>
          <h1 id="guide-title">{t('guide.title')}</h1>
          <p className="muted">{profile ? t('guide.for', { label: profile.label }) : t('guide.forNew')}</p>
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={() => useAppStore.getState().go('profiles')}>
            {t('guide.toProfiles')}
          </button>
        </div>
      </div>
      {!guide.loaded ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <div className="guide-layout">
          <nav className="guide-nav" aria-label={t('guide.steps')}>
            <ol className="guide-steps" onKeyDown={onListKey}>
              {GUIDE_STEPS.map((s, i) => {
                const st = stepStatus(s, context);
                return (
                  <li key={s}>
                    <button
                      type="button"
                      ref={(el) => {
                        if (el) stepButtons.current.set(s, el);
                        else stepButtons.current.delete(s);
                      }}
                      className={s === current ? 'guide-step current' : 'guide-step'}
                      aria-current={s === current ? 'step' : undefined}
                      data-step={s}
                      data-step-status={st}
                      onClick={() => guide.goTo(s)}
                    >
                      <span className="guide-step-number" aria-hidden="true">
                        {i + 1}
                      </span>
                      <span className="guide-step-text">
                        <span className="guide-step-title">{t(`guide.step.${s}`)}</span>
                        <StepStatusMark status={st} t={t} />
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
            <p className="muted small guide-keys">{t('guide.steps.keys')}</p>
          </nav>
          <div className="guide-content card" data-guide-step={current}>
            <p className="muted small guide-count">{t('guide.stepOf', { n, total: GUIDE_STEPS.length })}</p>
            <h2 ref={heading} tabIndex={-1} className="guide-heading">
              {t(`guide.step.${current}`)}
            </h2>
            <p className="guide-step-status">
              {t('guide.status.label')} <StepStatusMark status={status} t={t} />
            </p>
            <ErrorAlert error={guide.error} onDismiss={guide.dismissError} />
            {current === 'useCase' && <UseCaseStep profile={profile} />}
            {current === 'create' && <CreateStep />}
            {current === 'credentials' && <CredentialsStep profile={profile} onSaved={() => guide.goTo('connection')} />}
            {current !== 'useCase' && current !== 'create' && current !== 'credentials' && profileId === null ? (
              <p className="alert alert-warning" role="note">
                {t('guide.needsProfile')}
              </p>
            ) : (
              <>
                {current === 'connection' && <ConnectionStep />}
                {current === 'rights' && <RightsStep />}
                {current === 'publish' && <PublishStep />}
                {current === 'mailbox' && <MailboxStep />}
                {current === 'log' && <LogStep profileId={profileId} />}
              </>
            )}
            <div className="actions guide-pager">
              {previous !== null && (
                <button type="button" className="btn" onClick={() => guide.goTo(previous)}>
                  {t('guide.back')}
                </button>
              )}
              {next !== null ? (
                <button type="button" className="btn btn-primary" onClick={() => guide.goTo(next)}>
                  {t('guide.next')}
                </button>
              ) : (
                <button type="button" className="btn btn-primary" onClick={() => useAppStore.getState().go('profiles')}>
                  {t('guide.finish')}
                </button>
              )}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
