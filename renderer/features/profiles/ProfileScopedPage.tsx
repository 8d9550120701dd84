/**
 * A page about one profile at a time (checks, fields): its heading, a picker for the profile, and the page's own
 * content for the chosen one — or a note when there is no profile yet.
 */
import { useId, type ReactNode } from 'react';
import type { ProfileView } from '../../../preload/contract.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { filterProfiles, findProfile } from '../../stores/selectors.ts';

export interface ProfileScopedPageProps {
  title: MessageKey;
  intro: MessageKey;
  pickerLabel: MessageKey;
  noProfiles: MessageKey;
  /** The content for the chosen profile; keyed by its id, so switching profiles starts it afresh. */
  children: (profile: ProfileView) => ReactNode;
}

export function ProfileScopedPage({ title, intro, pickerLabel, noProfiles, children }: ProfileScopedPageProps) {
  const t = useT();
  const profiles = useProfilesStore((s) => s.profiles);
  const selectedId = useProfilesStore((s) => s.selectedId);
  const select = useProfilesStore((s) => s.select);
  const sorted = filterProfiles(profiles, '');
  const profile = findProfile(profiles, selectedId) ?? sorted[0] ?? null;
  const uid = useId();

  return (
    <div className="stack">
      <div className="pane-head">
        <div className="stack-tight">
          <h1>{t(title)}</h1>
          <p className="muted">{t(intro)}</p>
        </div>
        {profile !== null && (
          <div className="field check-profile">
            <label htmlFor={`${uid}-profile`}>{t(pickerLabel)}</label>
            <select id={`${uid}-profile`} value={profile.id} onChange={(e) => select(e.target.value)}>
              {sorted.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {profile === null ? <p className="empty card">{t(noProfiles)}</p> : <div key={profile.id}>{children(profile)}</div>}
    </div>
  );
}
