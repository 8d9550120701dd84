/**
 * The updater in Settings: channel, installed version, what the last check found, "check now" and the switch for
 * automatic checks. The browser version does not update itself and says so instead.
 */
import { useId, useState } from 'react';
import type { BoundaryError } from '../../../preload/contract.ts';
import { formatDateTime, useLanguage, useT } from '../../i18n/index.ts';
import { useAppStore } from '../../stores/app.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { canCheckNow, updateStatusText } from '../../stores/updateSelectors.ts';
import { useUpdatesStore } from '../../stores/updates.ts';
import { ErrorAlert } from '../../ui/feedback.tsx';

export function UpdatesSettings() {
  const t = useT();
  const language = useLanguage();
  const uid = useId();
  const host = useAppStore((s) => s.info?.host);
  const view = useUpdatesStore((s) => s.view);
  const checking = useUpdatesStore((s) => s.checking);
  const checkNow = useUpdatesStore((s) => s.checkNow);
  const restart = useUpdatesStore((s) => s.restart);
  const autoCheck = useSettingsStore((s) => s.settings.updates.check);
  const update = useSettingsStore((s) => s.update);
  const [error, setError] = useState<BoundaryError | null>(null);

  if (host !== 'electron') {
    return (
      <section className="card stack" aria-labelledby={`${uid}-t`}>
        <h2 id={`${uid}-t`}>{t('updates.title')}</h2>
        <p className="muted">{t('updates.browser')}</p>
      </section>
    );
  }

  const status = view === null ? null : updateStatusText(view.state);
  return (
    <section className="card stack" aria-labelledby={`${uid}-t`} data-update-status={view?.state.status}>
      <h2 id={`${uid}-t`}>{t('updates.title')}</h2>
      {view && status && (
        <dl className="facts">
          <div className="fact">
            <dt>{t('updates.channel')}</dt>
            <dd>{view.channel}</dd>
          </div>
          <div className="fact">
            <dt>{t('updates.version')}</dt>
            <dd>{view.currentVersion}</dd>
          </div>
          <div className="fact">
            <dt>{t('updates.lastCheck')}</dt>
            <dd>{view.lastCheckAt === null ? t('updates.lastCheck.never') : formatDateTime(language, view.lastCheckAt)}</dd>
          </div>
          <div className="fact">
            <dt>{t('updates.status')}</dt>
            <dd>
              <span role="status">{t(status.key, status.values)}</span>
              {view.state.status === 'error' && view.state.message !== '' && (
                <span className="muted small update-detail">{t('updates.error.detail', { message: view.state.message })}</span>
              )}
            </dd>
          </div>
        </dl>
      )}
      <label className="check">
        <input type="checkbox" checked={autoCheck} onChange={async (e) => setError(await update({ updates: { check: e.target.checked } }))} aria-describedby={`${uid}-hint`} />
        <span>{t('updates.auto')}</span>
      </label>
      <p id={`${uid}-hint`} className="field-hint">
        {t('updates.auto.hint')}
      </p>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <div className="actions actions-start">
        <button type="button" className="btn" disabled={view === null || checking || !canCheckNow(view.state)} onClick={async () => setError(await checkNow())}>
          {t('updates.checkNow')}
        </button>
        {view?.state.status === 'ready' && (
          <button type="button" className="btn btn-primary" onClick={async () => setError(await restart())}>
            {t('updates.restart')}
          </button>
        )}
      </div>
    </section>
  );
}
