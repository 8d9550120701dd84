/**
 * Backups: export chosen profiles (with credentials sealed by a backup passphrase, or metadata only) and import a
 * file after seeing what it holds and deciding, per conflict, to skip, replace or keep both.
 */
import { useId, useState, type FormEvent } from 'react';
import type { BackupEntryView, BoundaryError } from '../../../preload/contract.ts';
import { getDesk } from '../../desk.ts';
import { useT } from '../../i18n/index.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { filterProfiles } from '../../stores/selectors.ts';
import { downloadFile } from '../../ui/download.ts';
import { Badge, ErrorAlert, Notice } from '../../ui/feedback.tsx';
import { describedBy, Field, SecretInput } from '../../ui/form.tsx';

type Choice = 'skip' | 'replace' | 'keep-both';
const CHOICES: readonly Choice[] = ['skip', 'replace', 'keep-both'];
const MIN_PASSPHRASE = 10;

export function BackupExport() {
  const t = useT();
  const uid = useId();
  // Demo profiles are not backed up: they point at this app's own sandbox, and "Try it with the sandbox" makes them again.
  const allProfiles = filterProfiles(useProfilesStore((s) => s.profiles), '');
  const profiles = allProfiles.filter((p) => !p.demo);
  const demoCount = allProfiles.length - profiles.length;
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [withSecrets, setWithSecrets] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);
  const [notice, setNotice] = useState('');
  const [incomplete, setIncomplete] = useState<string[]>([]);

  const noneChosen = submitted && chosen.size === 0;
  const passError = submitted && withSecrets && [...passphrase].length < MIN_PASSPHRASE ? t('vault.setup.tooShort') : null;
  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setNotice('');
    setIncomplete([]);
    if (chosen.size === 0 || (withSecrets && [...passphrase].length < MIN_PASSPHRASE)) return;
    setBusy(true);
    const r = await getDesk().backupExport({ profileIds: [...chosen], includeSecrets: withSecrets, ...(withSecrets ? { passphrase } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setPassphrase('');
    setSubmitted(false);
    downloadFile(r.value);
    setNotice(t('backup.export.done', { file: r.value.fileName }));
    setIncomplete(r.value.withoutCredentials);
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>{t('backup.export.title')}</h2>
      <p className="muted">{t('backup.export.intro')}</p>
      {demoCount > 0 && <p className="muted small">{t('backup.export.demoLeftOut')}</p>}
      <fieldset className="field">
        <legend>{t('backup.export.profiles')}</legend>
        {profiles.length === 0 ? (
          <p className="muted">{t('profiles.empty')}</p>
        ) : (
          <>
            <div className="actions actions-start">
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setChosen(new Set(profiles.map((p) => p.id)))}>
                {t('backup.export.all')}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setChosen(new Set())}>
                {t('backup.export.none')}
              </button>
            </div>
            <ul className="check-list">
              {profiles.map((p) => (
                <li key={p.id}>
                  <label className="check">
                    <input type="checkbox" checked={chosen.has(p.id)} onChange={() => toggle(p.id)} />
                    {p.label}
                    {p.customer !== '' && <span className="muted small"> · {p.customer}</span>}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
        {noneChosen && <p className="field-error">{t('backup.export.noneSelected')}</p>}
      </fieldset>
      <fieldset className="field">
        <legend>{t('backup.export.mode')}</legend>
        <label className="check">
          <input type="radio" name={`${uid}-mode`} checked={withSecrets} onChange={() => setWithSecrets(true)} />
          {t('backup.export.withSecrets')}
        </label>
        <label className="check">
          <input type="radio" name={`${uid}-mode`} checked={!withSecrets} onChange={() => setWithSecrets(false)} />
          {t('backup.export.metadataOnly')}
        </label>
      </fieldset>
      {withSecrets && (
        <Field id={`${uid}-pass`} label={t('backup.export.passphrase')} hint={t('backup.export.passphrase.hint')} error={passError}>
          <SecretInput
            id={`${uid}-pass`}
            value={passphrase}
            onValue={setPassphrase}
            aria-invalid={passError !== null}
            aria-describedby={describedBy(`${uid}-pass`, true, passError)}
          />
        </Field>
      )}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <Notice>{notice}</Notice>
      {incomplete.length > 0 && <Notice tone="warning">{t('backup.export.withoutCredentials', { profiles: incomplete.join(', ') })}</Notice>}
      <div className="actions actions-start">
        <button type="submit" className="btn btn-primary" disabled={busy || profiles.length === 0}>
          {t('backup.export.submit')}
        </button>
      </div>
    </form>
  );
}

/** A profile here has the same name but is another profile: it can only be kept beside it or skipped. */
const sameNameOnly = (entry: BackupEntryView): boolean => !entry.conflict && entry.endpoint.from !== null;

export function BackupImport() {
  const t = useT();
  const uid = useId();
  const reload = useProfilesStore((s) => s.load);
  const [content, setContent] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [passphrase, setPassphrase] = useState('');
  const [entries, setEntries] = useState<BackupEntryView[] | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);
  const [notice, setNotice] = useState('');
  const [noFile, setNoFile] = useState(false);

  const pass = passphrase === '' ? {} : { passphrase };

  const inspect = async (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    if (content === null) return setNoFile(true);
    setBusy(true);
    const r = await getDesk().backupInspect({ content, ...pass });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setEntries(r.value);
    // Only conflicts need a decision; new profiles are always added. Skipping is the safe default for the same
    // profile; one that only shares a name is another profile, kept beside it unless skipped.
    setChoices(
      Object.fromEntries(r.value.filter((entry) => entry.conflict || sameNameOnly(entry)).map((entry) => [entry.id, entry.conflict ? 'skip' : 'keep-both'] as const)),
    );
  };

  const importNow = async () => {
    if (content === null) return;
    setBusy(true);
    const r = await getDesk().backupImport({ content, ...pass, choices });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setEntries(null);
    setContent(null);
    setPassphrase('');
    setFileKey((k) => k + 1);
    const dropped = r.value.credentialsDropped.map((d) => d.label);
    setNotice(
      [t('backup.import.done', { imported: r.value.imported, skipped: r.value.skipped }), ...(dropped.length > 0 ? [t('backup.import.credentialsDropped', { labels: dropped.join(', ') })] : [])].join(' '),
    );
    await reload();
  };

  return (
    <form className="card stack" onSubmit={inspect} noValidate aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>{t('backup.import.title')}</h2>
      <Field id={`${uid}-file`} label={t('backup.import.file')} error={noFile ? t('backup.import.noFile') : null}>
        <input
          key={fileKey}
          id={`${uid}-file`}
          type="file"
          accept=".audbackup,.json"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            setEntries(null);
            setNoFile(false);
            setContent(file ? await file.text() : null);
          }}
        />
      </Field>
      <Field id={`${uid}-pass`} label={t('backup.import.passphrase')}>
        <SecretInput id={`${uid}-pass`} value={passphrase} onValue={setPassphrase} />
      </Field>
      <div className="actions actions-start">
        <button type="submit" className="btn" disabled={busy}>
          {t('backup.import.inspect')}
        </button>
      </div>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <Notice>{notice}</Notice>
      {entries !== null && (
        <fieldset className="field">
          <legend>{t('backup.import.entries')}</legend>
          <ul className="import-list">
            {entries.map((entry) => (
              <li key={entry.id} className="import-item">
                <span>
                  <strong>{entry.label}</strong>
                  {entry.customer !== '' && <span className="muted small"> · {entry.customer}</span>}
                  <span className="muted small"> · {entry.hasCredentials ? t('backup.import.withCredentials') : t('backup.import.withoutCredentials')}</span>
                  <span className="import-endpoint small mono" data-server-changed={entry.endpoint.serverChanged}>
                    {entry.endpoint.from !== null && entry.endpoint.from !== entry.endpoint.to ? `${entry.endpoint.from} → ${entry.endpoint.to}` : entry.endpoint.to}
                  </span>
                  {entry.conflict && entry.endpoint.serverChanged && !entry.hasCredentials && (
                    <span className="import-warning small" role="note">
                      {t('backup.import.serverChanged')}
                    </span>
                  )}
                </span>
                {entry.conflict || sameNameOnly(entry) ? (
                  <span className="import-choice">
                    <Badge tone="warn">{entry.conflict ? t('backup.import.conflict') : t('backup.import.sameName')}</Badge>
                    <select
                      aria-label={t('backup.import.choice', { label: entry.label })}
                      value={choices[entry.id] ?? (entry.conflict ? 'skip' : 'keep-both')}
                      onChange={(e) => setChoices((c) => ({ ...c, [entry.id]: e.target.value as Choice }))}
                    >
                      {(entry.conflict ? CHOICES : CHOICES.filter((c) => c !== 'replace')).map((c) => (
                        <option key={c} value={c}>
                          {t(`backup.choice.${c}`)}
                        </option>
                      ))}
                    </select>
                  </span>
                ) : (
                  <Badge tone="ok">{t('backup.import.new')}</Badge>
                )}
              </li>
            ))}
          </ul>
          <div className="actions actions-start">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={importNow}>
              {t('backup.import.submit')}
            </button>
          </div>
        </fieldset>
      )}
    </form>
  );
}
