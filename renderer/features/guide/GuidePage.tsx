/** The setup guide: walks one API user from creation in enterprise to a verified setup. */
import { useAppStore } from '../../stores/app.ts';

export function GuidePage() {
  const profileId = useAppStore((s) => s.guideProfileId);
  return <section aria-labelledby="guide-title" data-profile-id={profileId ?? ''}><h1 id="guide-title">Setup</h1></section>;
}
