/** The profiles: a filterable list on the left, the chosen profile (or a form) on the right. */
import { useEffect, useRef, useState } from 'react';
import type { BoundaryError, CredentialsState, ProfileView } from '../../../preload/contract.ts';
import { formatDateTime, useLanguage, useT, type Translate } from '../../i18n/index.ts';
import { useAppStore } from '../../stores/app.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { canUseCredentials, filterProfiles, findProfile } from '../../stores/selectors.ts';
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

function ProfileList({ onCreate, onPick }: { onCreate(): void; onPick(id: string): void }) {
  const t = useT();
  const language = useLanguage();
  const profiles = useProfilesStore((s) => s.profiles);
  const query = useProfilesStore((s) => s.query);
  const setQuery = useProfilesStore((s) => s.setQuery);
  const selectedId = useProfilesStore((s) => s.selectedId);
  const shown = filterProfiles(profiles, query);

  return (
    <div className="list-pane">
      <div className="pane-head">
        <h1>{t('profiles.title')}</h1>
        <button type="button" className="btn btn-primary" onClick={onCreate}>
          {t('profiles.new')}
        </button>
      </div>
      {profiles.length > 0 && (
        <input type="search" className="search" aria-label={t('profiles.filter')} placeholder={t('profiles.filter')} value={query} onChange={(e) => setQuery(e.target.value)} />
      )}
      {profiles.length === 0 && <p className="empty">{t('profiles.empty')}</p>}
      {profiles.length > 0 && shown.length === 0 && <p className="empty">{t('profiles.noMatch')}</p>}
      <ul className="profile-list" aria-label={t('profiles.listLabel')}>
        {shown.map((p) => (
          <li key={p.id}>
            <button type="button" className={p.id === selectedId ? 'profile-item selected' : 'profile-item'} aria-current={p.id === selectedId ? 'true' : undefined} onClick={() => onPick(p.id)}>
              <strong className="profile-item-label">{p.label}</strong>
              <span className="muted small">{[p.customer, t(`useCase.${p.useCase}`)].filter((v) => v !== '').join(' · ')}</span>
              <span className="muted small">
                {endpointLabel(p, t)} ·{' '}
                {p.lastCheck === null ? t('profile.lastCheck.none') : `${t('profile.lastCheck')}: ${formatDateTime(language, p.lastCheck.at)}`}
              </span>
              <span className="profile-item-foot">
                <span className="mono small token-hint">{p.credentials.tokenHint === null ? '' : t('credentials.tokenHint', { hint: p.credentials.tokenHint })}</span>
                <CredentialsBadge profile={p} t={t} />
              </span>
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
}

function ProfileDetail({ profile, focusTitle, onEdit, onRotate }: ProfileDetailProps) {
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
            <h2 id="profile-title" ref={title} tabIndex={-1}>
              {profile.label}
            </h2>
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
              : `${formatDateTime(language, profile.lastCheck.at)} · ${t('profile.lastCheck.summary', profile.lastCheck)}`}
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
          <button
            type="button"
            className="btn"
            disabled={!usable}
            onClick={() =>
              act(async () => {
                const r = await copyToken(profile.id);
                return r.ok ? t('profile.copyToken.done', { seconds: r.value.clearsAfterSeconds }) : r.error;
              })
            }
          >
            {t('profile.copyToken')}
          </button>
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
        title={t('profile.delete')}
        confirmLabel={t('common.delete')}
        danger
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          void act(async () => (await remove(profile.id)) ?? t('profile.delete.done'));
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
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState('');
  const [returning, setReturning] = useState(false);
  const selected = findProfile(profiles, selectedId);

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
        onCreate={() => open('create')}
        onPick={(id) => {
          select(id);
          open('view');
        }}
      />
      <div className="detail-pane">
        <Notice>{notice}</Notice>
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
          />
        )}
        {mode !== 'create' && !selected && <p className="empty card">{t('profiles.select')}</p>}
      </div>
    </div>
  );
}
