/**
 * What stands in front of the app until the credential store can be used: the first-run passphrase, the unlock
 * form, or the plain warning about a key store that protects nothing.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { BoundaryError, VaultView } from '../../../preload/contract.ts';
import { useT } from '../../i18n/index.ts';
import { fieldProblems, passphraseStrength, type VaultScreen } from '../../stores/selectors.ts';
import { useVaultStore } from '../../stores/vault.ts';
import { ErrorAlert } from '../../ui/feedback.tsx';
import { describedBy, Field, SecretInput } from '../../ui/form.tsx';

const MIN_PASSPHRASE = 10;

function SetPassphraseForm({ intro }: { intro: boolean }) {
  const t = useT();
  const setPassphrase = useVaultStore((s) => s.setPassphrase);
  const [passphrase, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);

  const tooShort = [...passphrase].length < MIN_PASSPHRASE;
  const mismatch = confirm !== passphrase;
  const strength = passphraseStrength(passphrase);
  const remote = fieldProblems(error).passphrase?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (tooShort || mismatch) return;
    setBusy(true);
    const problem = await setPassphrase(passphrase);
    setBusy(false);
    setError(problem);
    if (problem === null) {
      setValue('');
      setConfirm('');
    }
  };

  const shortError = touched && tooShort ? t('vault.setup.tooShort') : (remote ?? null);
  const mismatchError = touched && !tooShort && mismatch ? t('vault.setup.mismatch') : null;
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="setup-title">
      <h1 id="setup-title">{t('vault.setup.title')}</h1>
      {intro && <p className="lead">{t('vault.setup.why')}</p>}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <Field id="setup-passphrase" label={t('vault.setup.passphrase')} hint={t('vault.strength.hint')} error={shortError}>
        <SecretInput
          id="setup-passphrase"
          value={passphrase}
          onValue={setValue}
          autoFocus
          aria-invalid={shortError !== null}
          aria-describedby={`${describedBy('setup-passphrase', true, shortError)} setup-strength`}
        />
        <div className={`strength strength-${passphrase === '' ? 'none' : strength}`} id="setup-strength" aria-live="polite">
          <span className="strength-bar" aria-hidden="true">
            <span />
          </span>
          {passphrase !== '' && t('vault.strength', { level: t(`vault.strength.${strength}`) })}
        </div>
      </Field>
      <Field id="setup-confirm" label={t('vault.setup.confirm')} error={mismatchError}>
        <SecretInput
          id="setup-confirm"
          value={confirm}
          onValue={setConfirm}
          aria-invalid={mismatchError !== null}
          aria-describedby={describedBy('setup-confirm', false, mismatchError)}
        />
      </Field>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('vault.setup.submit')}
        </button>
      </div>
    </form>
  );
}

function UnlockForm() {
  const t = useT();
  const unlock = useVaultStore((s) => s.unlock);
  const [passphrase, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (passphrase === '') return;
    setBusy(true);
    const problem = await unlock(passphrase);
    setBusy(false);
    setError(problem);
    if (problem === null) setValue('');
    else input.current?.select();
  };

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="unlock-title">
      <h1 id="unlock-title">{t('vault.unlock.title')}</h1>
      <p className="lead">{t('vault.unlock.intro')}</p>
      <ErrorAlert error={error} />
      <Field id="unlock-passphrase" label={t('vault.unlock.passphrase')}>
        <SecretInput id="unlock-passphrase" ref={input} value={passphrase} onValue={setValue} autoFocus required aria-invalid={error !== null} />
      </Field>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || passphrase === ''}>
          {t('vault.unlock.submit')}
        </button>
      </div>
    </form>
  );
}

function WeakStorage({ vault }: { vault: VaultView }) {
  const t = useT();
  const accept = useVaultStore((s) => s.acceptWeakStorage);
  const [choice, setChoice] = useState<'undecided' | 'passphrase'>('undecided');
  const [understood, setUnderstood] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);

  if (choice === 'passphrase') return <SetPassphraseForm intro />;
  return (
    <div className="stack" aria-labelledby="weak-title">
      <h1 id="weak-title">{t('vault.weak.title')}</h1>
      <div className="alert alert-warning">
        <p>{t('vault.weak.body', { backend: vault.keyStoreBackend ?? vault.backend })}</p>
      </div>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <div className="actions actions-start">
        <button type="button" className="btn btn-primary" onClick={() => setChoice('passphrase')} autoFocus>
          {t('vault.weak.setPassphrase')}
        </button>
      </div>
      <fieldset className="weak-accept">
        <label className="check">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
          {t('vault.weak.acceptConfirm')}
        </label>
        <button type="button" className="btn btn-danger" disabled={!understood} onClick={async () => setError(await accept())}>
          {t('vault.weak.accept')}
        </button>
      </fieldset>
    </div>
  );
}

export function VaultGate({ screen, vault }: { screen: Exclude<VaultScreen, 'open' | 'loading'>; vault: VaultView }) {
  return (
    <div className="gate">
      <div className="card gate-card">
        {screen === 'setup' && <SetPassphraseForm intro />}
        {screen === 'unlock' && <UnlockForm />}
        {screen === 'weak' && <WeakStorage vault={vault} />}
      </div>
    </div>
  );
}
