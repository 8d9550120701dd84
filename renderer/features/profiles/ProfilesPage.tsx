/** The profiles: a filterable list on the left, the chosen profile (or a form) on the right. */
import { useEffect, useId, useRef, useState } from 'react';
import type { BoundaryError, CredentialsState, ProfileView } from '../../../preload/contract.ts';
import { formatDateTime, useLanguage, usePlural, useT, type Translate } from '../../i18n/index.ts';
import { useAppStore } from '../../stores/app.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import {
  canCopyToken,
  canUseCredentials,
  checkAge,
  checkStatus,
  filterProfiles,
  findProfile,
  formatAge,
  isStale,
  STATUS_FILTERS,
  type CheckStatus,
  type StatusFilter,
} from '../../stores/selectors.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Badge, ErrorAlert, Notice } from '../../ui/feedback.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { ProfileForm, RotateForm } from './ProfileForm.tsx';

type Mode = 'view' | 'create' | 'edit' | 'rotate';

const BADGE_TONE: Record<CredentialsState, 'ok' | 'warn' | 'bad' | 'neutral'> = { ok: 'ok', unreadable: 'bad', locked: 'neutral', missing: 'warn' };

/** The state of a profile's credentials; "unreadable" is explained in full on the profile itself. */
export function CredentialsBadge({ profile, t }: { profile: ProfileView; t: Translate }) {
  const state = profile.credentials.state;
  return (
    <Badge tone={BADGE_TONE[state]}>
      <span data-credentials-state={state} title={state === 'unreadable' ? t('credentials.unreadable') : undefined}>
        {state === 'unreadable' ? t('credentials.unreadable.short') : t(`credentials.${state}`)}
      </span>
    </Badge>
  );
}

/** "Stable", "Latest", or the host of a custom address. */
function endpointLabel(p: ProfileView, t: Translate): string {
  if (p.endpoint.kind !== 'custom') return t(`field.endpoint.${p.endpoint.kind}`);
  try {
    return new URL(p.endpoint.url).host;
  } catch {
    return p.endpoint.url;
  }
}

const STATUS_TONE: Record<CheckStatus, 'ok' | 'warn' | 'bad' | 'neutral'> = { pass: 'ok', warn: 'warn', inconclusive: 'warn', fail: 'bad', never: 'neutral' };

/** The time now, moved on every minute so "checked 5 minutes ago" stays true while the list is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The last check on a card: its outcome, how long ago, and a note once it is too old to go by. */
function LastCheck({ profile, now }: { profile: ProfileView; now: number }) {
  const t = useT();
  const language = useLanguage();
  const status = checkStatus(profile.lastCheck);
  const last = profile.lastCheck;
  return (
    <span className="profile-item-check">
      <Badge tone={STATUS_TONE[status]}>
        <span data-check-status={status}>{t(`profiles.status.${status}`)}</span>
      </Badge>
      {last !== null && (
        <span className="muted small" title={formatDateTime(language, last.at)}>
          {checkAge(last.at, now).unit === 'second' ? t('profiles.checkedJustNow') : t('profiles.checkedAgo', { age: formatAge(language, last.at, now) })}
        </span>
      )}
      {isStale(last, now) && <span className="profile-item-stale small">{t('profiles.stale')}</span>}
    </span>
  );
}

/** No profile yet: the setup guide, or the demo against the sandbox. */
function EmptyStart({ onNotice }: { onNotice(message: string): void }) {
  const t = useT();
  const p = usePlural();
  const startDemo = useProfilesStore((s) => s.startDemo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);
  const hintId = useId();
  return (
    <div className="card stack empty-start">
      <p className="empty">{t('profiles.empty')}</p>
      <p>{t('profiles.empty.start')}</p>
      <div className="actions actions-start wrap">
        <button type="button" className="btn btn-primary" onClick={() => useAppStore.getState().openGuide(null)}>
          {t('profiles.setupNew')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          aria-describedby={hintId}
          onClick={async () => {
            setBusy(true);
            setError(null);
            const r = await startDemo();
            setBusy(false);
            if (r.ok) onNotice(p('demo.started', r.value.length));
            else setError(r.error);
          }}
        >
          {busy ? t('demo.starting') : t('demo.start')}
        </button>
      </div>
      <p id={hintId} className="field-hint">
        {t('demo.start.hint')}
      </p>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </div>
  );
}

function ProfileList({ onCreate, onPick, onNotice }: { onCreate(): void; onPick(id: string): void; onNotice(message: string): void }) {
  const t = useT();
  const p = usePlural();
  const uid = useId();
  const profiles = useProfilesStore((s) => s.profiles);
  const query = useProfilesStore((s) => s.query);
  const setQuery = useProfilesStore((s) => s.setQuery);
  const statusFilter = useProfilesStore((s) => s.statusFilter);
  const setStatusFilter = useProfilesStore((s) => s.setStatusFilter);
  const selectedId = useProfilesStore((s) => s.selectedId);
  const removeDemo = useProfilesStore((s) => s.removeDemo);
  const now = useNow();
  const shown = filterProfiles(profiles, query, statusFilter, now);
  const hasDemo = profiles.some((x) => x.demo);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);

  return (
    <div className="list-pane">
      <h1>{t('profiles.title')}</h1>
      <div className="actions actions-start wrap">
        <button type="button" className="btn btn-primary" onClick={onCreate}>
          {t('profiles.new')}
        </button>
        {profiles.length > 0 && (
          <button type="button" className="btn" onClick={() => useAppStore.getState().openGuide(null)}>
            {t('profiles.setupNew')}
          </button>
        )}
      </div>
      {profiles.length > 0 && (
        <div className="profile-filters">
          <input type="search" className="search" aria-label={t('profiles.filter')} placeholder={t('profiles.filter')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <div className="profile-status-filter">
            <label htmlFor={`${uid}-status`}>{t('profiles.statusFilter')}</label>
            <select id={`${uid}-status`} value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as StatusFilter)}>
              {STATUS_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t(`profiles.statusFilter.${f}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {hasDemo && (
        <div className="actions actions-start">
          <button
            type="button"
            className="btn btn-small"
            disabled={removing}
            onClick={async () => {
              setRemoving(true);
              setError(null);
              const r = await removeDemo();
              setRemoving(false);
              if (r.ok) onNotice(p('demo.removed', r.value.removed));
              else setError(r.error);
            }}
          >
            {removing ? t('demo.removing') : t('demo.remove')}
          </button>
        </div>
      )}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {profiles.length === 0 && <EmptyStart onNotice={onNotice} />}
      {profiles.length > 0 && shown.length === 0 && <p className="empty">{t('profiles.noMatch')}</p>}
      <ul className="profile-list" aria-label={t('profiles.listLabel')}>
        {shown.map((x) => (
          <li key={x.id} className={x.id === selectedId ? 'profile-card selected' : 'profile-card'}>
            <button type="button" className="profile-item" aria-current={x.id === selectedId ? 'true' : undefined} onClick={() => onPick(x.id)}>
              <span className="profile-item-head">
                <strong className="profile-item-label" id={`${uid}-${x.id}`}>
                  {x.label}
                </strong>
                {x.demo && <Badge tone="neutral">{t('profiles.demoBadge')}</Badge>}
              </span>
              <span className="muted small">{[x.customer, t(`useCase.${x.useCase}`)].filter((v) => v !== '').join(' · ')}</span>
              <span className="muted small">{endpointLabel(x, t)}</span>
              <LastCheck profile={x} now={now} />
              <span className="profile-item-foot">
                <span className="mono small token-hint">{x.credentials.tokenHint === null ? '' : t('credentials.tokenHint', { hint: x.credentials.tokenHint })}</span>
                <CredentialsBadge profile={x} t={t} />
              </span>
            </button>
            <button type="button" className="btn btn-ghost btn-small profile-card-setup" aria-describedby={`${uid}-${x.id}`} onClick={() => useAppStore.getState().openGuide(x.id)}>
              {t('profiles.continueSetup')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface ProfileDetailProps {
  profile: ProfileView;
  /** Coming back from a form: the heading takes focus so keyboard users continue from the profile. */
  focusTitle: boolean;
  onEdit(): void;
  onRotate(): void;
  /** The profile is gone: the page says so (this view goes with it). */
  onDeleted(label: string): void;
}

function ProfileDetail({ profile, focusTitle, onEdit, onRotate, onDeleted }: ProfileDetailProps) {
  const t = useT();
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) title.current?.focus();
  }, [focusTitle]);
  const language = useLanguage();
  const { duplicate, remove, copyToken } = useProfilesStore.getState();
  const [error, setError] = useState<BoundaryError | null>(null);
  const [notice, setNotice] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const usable = canUseCredentials(profile.credentials.state);
  const host = useAppStore((s) => s.info?.host);
  const p = usePlural();
  const c = profile.credentials;

  const act = async (work: () => Promise<string | BoundaryError>) => {
    setError(null);
    setNotice('');
    const outcome = await work();
    if (typeof outcome === 'string') setNotice(outcome);
    else setError(outcome);
  };

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="profile-title">
        <div className="pane-head">
          <div>
            <h2 id="profile-title" className="profile-title" ref={title} tabIndex={-1}>
              {profile.label}
            </h2>
            {profile.demo && <Badge tone="neutral">{t('profiles.demoBadge')}</Badge>}
            {profile.customer !== '' && <p className="muted">{profile.customer}</p>}
          </div>
          <CredentialsBadge profile={profile} t={t} />
        </div>
        {c.state === 'unreadable' && (
          <div className="alert alert-warning">
            <p>{t('credentials.unreadable')}</p>
          </div>
        )}
        <dl className="facts">
          <dt>{t('field.endpoint')}</dt>
          <dd>
            {t(`field.endpoint.${profile.endpoint.kind}`)} <span className="mono small">{profile.endpoint.url}</span>
          </dd>
          <dt>{t('field.useCase')}</dt>
          <dd>
            {t(`useCase.${profile.useCase}`)} <span className="muted small">{t(`useCase.${profile.useCase}.description`)}</span>
          </dd>
          <dt>{t('profile.token')}</dt>
          <dd className="mono token-hint">{c.tokenHint ?? '—'}</dd>
          {c.hasApiClaim && (
            <>
              <dt>{t('profile.marketplace')}</dt>
              <dd data-api-claim="stored">{t('profile.apiClaim.stored')}</dd>
            </>
          )}
          {c.backend !== null && (
            <>
              <dt>{t('profile.storedWith')}</dt>
              <dd className="mono small">{c.backend}</dd>
            </>
          )}
          <dt>{t('profile.lastCheck')}</dt>
          <dd>
            {profile.lastCheck === null
              ? t('profile.lastCheck.none')
              : [
                  formatDateTime(language, profile.lastCheck.at),
                  p('profile.lastCheck.pass', profile.lastCheck.pass),
                  p('profile.lastCheck.warn', profile.lastCheck.warn),
                  p('profile.lastCheck.fail', profile.lastCheck.fail),
                  ...((profile.lastCheck.inconclusive ?? 0) > 0 ? [p('profile.lastCheck.inconclusive', profile.lastCheck.inconclusive ?? 0)] : []),
                ].join(' · ')}
          </dd>
          <dt>{t('profile.updated')}</dt>
          <dd>{formatDateTime(language, profile.updatedAt)}</dd>
          {profile.notes !== '' && (
            <>
              <dt>{t('field.notes')}</dt>
              <dd className="notes">{profile.notes}</dd>
            </>
          )}
        </dl>
        <div className="actions actions-start wrap" role="group" aria-label={t('profile.actions')}>
          <button type="button" className="btn btn-primary" onClick={() => useAppStore.getState().go('checks')}>
            {t('profile.check')}
          </button>
          <button type="button" className="btn" onClick={() => useAppStore.getState().go('fields')}>
            {t('profile.fields')}
          </button>
          <button type="button" className="btn" onClick={onEdit}>
            {t('profile.edit')}
          </button>
          <button type="button" className="btn" onClick={onRotate}>
            {t('profile.rotate')}
          </button>
          {/* Only the desktop app copies a secret-derived value; the browser version never hands the token to the page. */}
          {host === 'electron' && (
            <button
              type="button"
              className="btn"
              disabled={!canCopyToken(host, c.state)}
              onClick={() =>
                act(async () => {
                  const r = await copyToken(profile.id);
                  return r.ok ? t('profile.copyToken.done', { seconds: r.value.clearsAfterSeconds }) : r.error;
                })
              }
            >
              {t('profile.copyToken')}
            </button>
          )}
          <button
            type="button"
            className="btn"
            onClick={() =>
              act(async () => {
                const r = await duplicate(profile.id, usable);
                return r.ok ? t('profile.duplicate.done', { label: r.value.label }) : r.error;
              })
            }
          >
            {usable ? t('profile.duplicate.with') : t('profile.duplicate')}
          </button>
          {usable && (
            <button
              type="button"
              className="btn"
              onClick={() =>
                act(async () => {
                  const r = await duplicate(profile.id, false);
                  return r.ok ? t('profile.duplicate.done', { label: r.value.label }) : r.error;
                })
              }
            >
              {t('profile.duplicate.without')}
            </button>
          )}
          <button type="button" className="btn btn-danger-ghost" onClick={() => setConfirmDelete(true)}>
            {t('profile.delete')}
          </button>
        </div>
        <Notice>{notice}</Notice>
        <ErrorAlert error={error} onDismiss={() => setError(null)} />
      </section>
      <ConfirmDialog
        open={confirmDelete}
        title={t('profile.delete.title', { label: profile.label })}
        confirmLabel={t('common.delete')}
        danger
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          const label = profile.label;
          void (async () => {
            setError(null);
            setNotice('');
            const failed = await remove(profile.id);
            if (failed === null) onDeleted(label);
            else setError(failed);
          })();
        }}
      >
        <p>{t('profile.delete.confirm', { label: profile.label })}</p>
      </ConfirmDialog>
      <ConsolePanel key={profile.id} profile={profile} />
    </div>
  );
}

export function ProfilesPage() {
  const t = useT();
  const profiles = useProfilesStore((s) => s.profiles);
  const selectedId = useProfilesStore((s) => s.selectedId);
  const select = useProfilesStore((s) => s.select);
  // A check finding's "Replace credentials" opens this page with the profile's replacement form.
  const [mode, setMode] = useState<Mode>(() => (useProfilesStore.getState().rotationRequested !== null ? 'rotate' : 'view'));
  useEffect(() => {
    useProfilesStore.getState().takeRotation();
  }, []);
  const [notice, setNotice] = useState('');
  const [returning, setReturning] = useState(false);
  const selected = findProfile(profiles, selectedId);

  const announce = (message: string) => {
    setNotice(message);
    setReturning(false);
  };
  const done = (message: string) => {
    setNotice(message);
    setReturning(true);
    setMode('view');
  };
  const open = (next: Mode) => {
    setNotice('');
    setReturning(false);
    setMode(next);
  };

  return (
    <div className="split">
      <ProfileList
        onNotice={announce}
        onCreate={() => open('create')}
        onPick={(id) => {
          select(id);
          open('view');
        }}
      />
      <div className="detail-pane">
        {/* Always present, so assistive technology announces what appears in it (a deleted profile, the demo). */}
        <div role="status" className="live-status">
          {notice !== '' && <p className="notice notice-success">{notice}</p>}
        </div>
        {mode === 'create' && <ProfileForm profile={null} onDone={done} onCancel={() => done('')} />}
        {mode === 'edit' && selected && <ProfileForm key={selected.id} profile={selected} onDone={done} onCancel={() => done('')} />}
        {mode === 'rotate' && selected && <RotateForm key={selected.id} profile={selected} onDone={done} onCancel={() => done('')} />}
        {mode === 'view' && selected && (
          <ProfileDetail
            key={selected.id}
            profile={selected}
            focusTitle={returning}
            onEdit={() => open('edit')}
            onRotate={() => open('rotate')}
            onDeleted={(label) => announce(t('profile.delete.done', { label }))}
          />
        )}
        {mode !== 'create' && !selected && <p className="empty card">{t('profiles.select')}</p>}
      </div>
    </div>
  );
}
