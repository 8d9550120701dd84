/** Language, theme, auto-lock and journal limits, updates, plus the backup export and import. */
import { useId, useState, type FormEvent } from 'react';
import type { BoundaryError, Settings } from '../../../preload/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useAppStore } from '../../stores/app.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { useVaultStore } from '../../stores/vault.ts';
import { ErrorAlert, Notice } from '../../ui/feedback.tsx';
import { describedBy, Field, SecretInput } from '../../ui/form.tsx';
import { BackupExport, BackupImport } from './Backup.tsx';
import { UpdatesSettings } from './Updates.tsx';

type NumberKey = 'autoLockMinutes' | 'journalRetentionDays' | 'journalMaxRows' | 'journalBodyRetentionDays';
const LIMITS: Record<NumberKey, { min: number; max: number }> = {
  autoLockMinutes: { min: 0, max: 24 * 60 },
  journalRetentionDays: { min: 1, max: 3650 },
  journalMaxRows: { min: 1000, max: 10_000_000 },
  journalBodyRetentionDays: { min: 0, max: 3650 },
};

function parseWhole(text: string, { min, max }: { min: number; max: number }): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

function Appearance() {
  const t = useT();
  const settings = useSettingsStore((s) => s.settings);
  const update = useSettingsStore((s) => s.update);
  const uid = useId();
  const [error, setError] = useState<BoundaryError | null>(null);
  const change = async (patch: Partial<Settings>) => setError(await update(patch));

  return (
    <section className="card stack" aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>{t('settings.appearance')}</h2>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <div className="grid-2">
        <Field id={`${uid}-lang`} label={t('lang.label')}>
          <select id={`${uid}-lang`} value={settings.language} onChange={(e) => change({ language: e.target.value as Settings['language'] })}>
            <option value="de">{t('lang.de')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </Field>
        <Field id={`${uid}-theme`} label={t('settings.theme')}>
          <select id={`${uid}-theme`} value={settings.theme} onChange={(e) => change({ theme: e.target.value as Settings['theme'] })}>
            {(['system', 'light', 'dark'] as const).map((th) => (
              <option key={th} value={th}>
                {t(`settings.theme.${th}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </section>
  );
}

function Limits() {
  const t = useT();
  const settings = useSettingsStore((s) => s.settings);
  const update = useSettingsStore((s) => s.update);
  const uid = useId();
  const [draft, setDraft] = useState<Record<NumberKey, string>>(() => ({
    autoLockMinutes: String(settings.autoLockMinutes),
    journalRetentionDays: String(settings.journalRetentionDays),
    journalMaxRows: String(settings.journalMaxRows),
    journalBodyRetentionDays: String(settings.journalBodyRetentionDays),
  }));
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);
  const [saved, setSaved] = useState(false);
  const keys = Object.keys(LIMITS) as NumberKey[];
  const problem = (key: NumberKey) => (submitted && parseWhole(draft[key], LIMITS[key]) === null ? t('settings.invalidNumber', LIMITS[key]) : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setSaved(false);
    const patch: Partial<Settings> = {};
    for (const key of keys) {
      const n = parseWhole(draft[key], LIMITS[key]);
      if (n === null) return;
      patch[key] = n;
    }
    const failure = await update(patch);
    setError(failure);
    setSaved(failure === null);
  };

  const input = (key: NumberKey, label: string, hint?: string) => {
    const id = `${uid}-${key}`;
    const err = problem(key);
    return (
      <Field id={id} label={label} hint={hint} error={err}>
        <input
          id={id}
          inputMode="numeric"
          value={draft[key]}
          onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
          aria-invalid={err !== null}
          aria-describedby={describedBy(id, hint !== undefined, err)}
        />
      </Field>
    );
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>{t('settings.security')}</h2>
      {input('autoLockMinutes', t('settings.autoLock'), t('settings.autoLock.hint'))}
      <h2>{t('settings.journal')}</h2>
      <p className="muted">{t('settings.journal.hint')}</p>
      <div className="grid-2">
        {input('journalRetentionDays', t('settings.retentionDays'))}
        {input('journalMaxRows', t('settings.maxRows'))}
        {input('journalBodyRetentionDays', t('settings.bodyRetentionDays'), t('settings.bodyRetentionDays.hint'))}
      </div>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {saved && <Notice>{t('settings.saved')}</Notice>}
      <div className="actions actions-start">
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** Changing the app passphrase: every stored secret is sealed again under the new one, all or nothing. */
function ChangePassphrase() {
  const t = useT();
  const uid = useId();
  const change = useVaultStore((s) => s.changePassphrase);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);
  const [done, setDone] = useState(false);
  const tooShort = submitted && next.length < 10 ? t('vault.setup.tooShort') : null;
  const mismatch = submitted && confirm !== next ? t('vault.setup.mismatch') : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setDone(false);
    if (next.length < 10 || confirm !== next || current === '') return;
    setBusy(true);
    const failure = await change(current, next);
    setBusy(false);
    setError(failure);
    if (failure === null) {
      setCurrent('');
      setNext('');
      setConfirm('');
      setSubmitted(false);
      setDone(true);
    }
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>{t('settings.passphrase')}</h2>
      <p className="muted">{t('settings.passphrase.hint')}</p>
      <Field id={`${uid}-current`} label={t('settings.passphrase.current')}>
        <SecretInput id={`${uid}-current`} value={current} onValue={setCurrent} />
      </Field>
      <Field id={`${uid}-next`} label={t('settings.passphrase.new')} error={tooShort}>
        <SecretInput id={`${uid}-next`} value={next} onValue={setNext} aria-invalid={tooShort !== null} aria-describedby={describedBy(`${uid}-next`, false, tooShort)} />
      </Field>
      <Field id={`${uid}-confirm`} label={t('vault.setup.confirm')} error={mismatch}>
        <SecretInput id={`${uid}-confirm`} value={confirm} onValue={setConfirm} aria-invalid={mismatch !== null} aria-describedby={describedBy(`${uid}-confirm`, false, mismatch)} />
      </Field>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {done && <Notice>{t('settings.passphrase.done')}</Notice>}
      <div className="actions actions-start">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('settings.passphrase.submit')}
        </button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  const t = useT();
  const info = useAppStore((s) => s.info);
  const vaultMode = useVaultStore((s) => s.vault?.mode);
  const passphraseSet = useVaultStore((s) => s.vault?.passphraseSet ?? false);
  return (
    <div className="stack">
      <h1>{t('settings.title')}</h1>
      <div className="columns">
        <div className="stack">
          <Appearance />
          <Limits />
          {vaultMode === 'passphrase' && passphraseSet && <ChangePassphrase />}
        </div>
        <div className="stack">
          <UpdatesSettings />
          <BackupExport />
          <BackupImport />
        </div>
      </div>
      {info && (
        <p className="muted small">
          {t('app.info', { version: info.version, host: t(`app.host.${info.host}`), platform: info.platform })}
        </p>
      )}
    </div>
  );
}
