/**
 * "Update ready": a quiet strip under the header once main has downloaded an update. It never blocks the app;
 * "later" hides it until the next start or the next downloaded version (the update installs at quit anyway).
 * The live region is always there, so screen readers announce the banner when it appears.
 */
import { useState } from 'react';
import type { BoundaryError } from '../../../preload/contract.ts';
import { useT, type Translate } from '../../i18n/index.ts';
import { bannerVersion } from '../../stores/updateSelectors.ts';
import { useUpdatesStore } from '../../stores/updates.ts';
import { ErrorAlert } from '../../ui/feedback.tsx';

interface UpdateBannerViewProps {
  version: string | null;
  t: Translate;
  onRestart(): void;
  onLater(): void;
}

export function UpdateBannerView({ version, t, onRestart, onLater }: UpdateBannerViewProps) {
  return (
    <div role="status" className="update-region">
      {version !== null && (
        <div className="update-banner" data-update-version={version}>
          <p>
            <strong>{t('updates.banner.title')}</strong> {t('updates.banner.text', { version })}
          </p>
          <div className="actions">
            <button type="button" className="btn btn-primary btn-small" onClick={onRestart}>
              {t('updates.banner.restart')}
            </button>
            <button type="button" className="btn btn-small" onClick={onLater}>
              {t('updates.banner.later')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

export function UpdateBanner() {
  const t = useT();
  const version = useUpdatesStore((s) => bannerVersion(s.view, s.dismissed));
  const restart = useUpdatesStore((s) => s.restart);
  const later = useUpdatesStore((s) => s.later);
  const [error, setError] = useState<BoundaryError | null>(null);
  return (
    <>
      <UpdateBannerView version={version} t={t} onRestart={async () => setError(await restart())} onLater={later} />
      {error && (
        <div className="update-banner-error">
          <ErrorAlert error={error} onDismiss={() => setError(null)} />
        </div>
      )}
    </>
  );
}
