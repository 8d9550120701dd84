/** New profile (metadata plus token, secret and an optional API claim) and editing an existing profile's metadata. */
import { useId, useState, type FormEvent } from 'react';
import type { BoundaryError, EndpointInput, ProfileView, UseCase } from '../../../preload/contract.ts';
import { USE_CASE_NAMES as USE_CASES } from '../../../main/domain/usecases.ts';
import { useLanguage, useRender, useT } from '../../i18n/index.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { fieldProblems, LABEL_MAX, labelProblem } from '../../stores/selectors.ts';
import { ErrorAlert } from '../../ui/feedback.tsx';
import { describedBy, Field } from '../../ui/form.tsx';
import { CredentialFields, credentialsRequest, NO_CREDENTIALS, type CredentialValues } from './credentials.tsx';

type EndpointKind = EndpointInput['kind'];
const ENDPOINT_KINDS: readonly EndpointKind[] = ['stable', 'latest', 'custom'];

interface MetadataValues {
  label: string;
  customer: string;
  endpointKind: EndpointKind;
  endpointUrl: string;
  useCase: UseCase;
  notes: string;
}

const fromProfile = (p: ProfileView | null): MetadataValues =>
  p === null
    ? { label: '', customer: '', endpointKind: 'stable', endpointUrl: '', useCase: 'website', notes: '' }
    : { label: p.label, customer: p.customer, endpointKind: p.endpoint.kind, endpointUrl: p.endpoint.kind === 'custom' ? p.endpoint.url : '', useCase: p.useCase, notes: p.notes };

const toEndpoint = (v: MetadataValues): EndpointInput => (v.endpointKind === 'custom' ? { kind: 'custom', url: v.endpointUrl.trim() } : { kind: v.endpointKind });

interface ProfileFormProps {
  /** null: a new profile. */
  profile: ProfileView | null;
  onDone(message: string): void;
  onCancel(): void;
}

export function ProfileForm({ profile, onDone, onCancel }: ProfileFormProps) {
  const t = useT();
  const render = useRender();
  const language = useLanguage();
  const create = useProfilesStore((s) => s.create);
  const update = useProfilesStore((s) => s.update);
  const uid = useId();
  const [values, setValues] = useState<MetadataValues>(() => fromProfile(profile));
  const [credentials, setCredentials] = useState<CredentialValues>(NO_CREDENTIALS);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);

  const isNew = profile === null;
  const problems = fieldProblems(error);
  const set = <K extends keyof MetadataValues>(key: K, value: MetadataValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const missing = {
    label: submitted && values.label.trim() === '',
    url: submitted && values.endpointKind === 'custom' && values.endpointUrl.trim() === '',
    token: isNew && submitted && credentials.token === '',
    secret: isNew && submitted && credentials.secret === '',
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (labelProblem(values.label) !== null || (values.endpointKind === 'custom' && values.endpointUrl.trim() === '')) return;
    if (isNew && (credentials.token === '' || credentials.secret === '')) return;
    const fields = { label: values.label, customer: values.customer, endpoint: toEndpoint(values), useCase: values.useCase, notes: values.notes };
    setBusy(true);
    const r = isNew ? await create({ ...fields, ...credentialsRequest(credentials) }) : await update(profile.id, fields);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setCredentials(NO_CREDENTIALS);
    setError(null);
    onDone(isNew ? t('profile.create.done', { label: r.value.label }) : t('profile.edit.done'));
  };

  const id = (name: string) => `${uid}-${name}`;
  // A name over the limit is never cut: it stays as typed, and the field says so at once.
  const labelCheck = labelProblem(values.label);
  const labelError = missing.label
    ? t('common.required')
    : labelCheck?.kind === 'tooLong'
      ? t('field.label.tooLong', { count: labelCheck.length, max: LABEL_MAX })
      : (problems.label?.message ?? null);
  const urlProblem = problems['endpoint.url'] ?? problems.endpoint;
  const urlError = missing.url ? t('common.required') : urlProblem === undefined ? null : urlProblem.text ? render(urlProblem.text) : urlProblem.message;
  const useCaseHint = t(`useCase.${values.useCase}.description`);

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={id('title')}>
      <h2 id={id('title')}>{isNew ? t('profile.create.title') : t('profile.edit.title')}</h2>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <div className="grid-2">
        <Field id={id('label')} label={t('field.label')} hint={`${t('field.label.hint')} ${t('field.label.limit', { max: LABEL_MAX, count: values.label.trim().length })}`} error={labelError}>
          <input
            id={id('label')}
            name="label"
            value={values.label}
            onChange={(e) => set('label', e.target.value)}
            required
            autoFocus
            aria-invalid={labelError !== null}
            aria-describedby={describedBy(id('label'), true, labelError)}
          />
        </Field>
        <Field id={id('customer')} label={t('field.customer')} error={problems.customer?.message}>
          <input id={id('customer')} name="customer" value={values.customer} onChange={(e) => set('customer', e.target.value)} maxLength={200} />
        </Field>
      </div>

      <fieldset className="field">
        <legend>{t('field.endpoint')}</legend>
        <div className="choice-row">
          {ENDPOINT_KINDS.map((kind) => (
            <label key={kind} className="choice">
              <input type="radio" name={id('endpoint')} value={kind} checked={values.endpointKind === kind} onChange={() => set('endpointKind', kind)} />
              <span>
                <strong>{t(`field.endpoint.${kind}`)}</strong>
                <small>{t(`field.endpoint.${kind}.hint`)}</small>
              </span>
            </label>
          ))}
        </div>
        {values.endpointKind === 'custom' && (
          <Field id={id('url')} label={t('field.endpointUrl')} error={urlError}>
            <input
              id={id('url')}
              name="endpointUrl"
              type="url"
              inputMode="url"
              placeholder="https://"
              value={values.endpointUrl}
              onChange={(e) => set('endpointUrl', e.target.value)}
              aria-invalid={urlError !== null}
              aria-describedby={describedBy(id('url'), false, urlError)}
            />
          </Field>
        )}
      </fieldset>

      <Field id={id('useCase')} label={t('field.useCase')} hint={useCaseHint}>
        <select id={id('useCase')} name="useCase" value={values.useCase} onChange={(e) => set('useCase', e.target.value as UseCase)} aria-describedby={`${id('useCase')}-hint`}>
          {USE_CASES.map((u) => (
            <option key={u} value={u}>
              {t(`useCase.${u}`)}
            </option>
          ))}
        </select>
      </Field>

      <Field id={id('notes')} label={t('field.notes')} error={problems.notes?.message}>
        <textarea id={id('notes')} name="notes" rows={3} value={values.notes} onChange={(e) => set('notes', e.target.value)} maxLength={5000} />
      </Field>

      {isNew && (
        <fieldset className="field secrets">
          <legend>{t('profile.token')} &amp; {t('field.secret')}</legend>
          <p className="field-hint">{t('profile.secretsNote')}</p>
          <CredentialFields
            idPrefix={id('cred')}
            values={credentials}
            onChange={setCredentials}
            problems={problems}
            missing={{ token: missing.token, secret: missing.secret }}
            t={t}
            language={language}
          />
        </fieldset>
      )}

      <div className="actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : isNew ? t('profile.create.submit') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

interface RotateFormProps {
  profile: ProfileView;
  onDone(message: string): void;
  onCancel(): void;
}

export function RotateForm({ profile, onDone, onCancel }: RotateFormProps) {
  const t = useT();
  const language = useLanguage();
  const rotate = useProfilesStore((s) => s.rotate);
  const uid = useId();
  const [credentials, setCredentials] = useState<CredentialValues>(NO_CREDENTIALS);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (credentials.token === '' || credentials.secret === '') return;
    setBusy(true);
    const r = await rotate(profile.id, credentialsRequest(credentials));
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setCredentials(NO_CREDENTIALS);
    onDone(t('profile.rotate.done'));
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('profile.rotate.title')}</h2>
      <p className="muted">{t('profile.rotate.intro')}</p>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <CredentialFields
        idPrefix={`${uid}-cred`}
        values={credentials}
        onChange={setCredentials}
        problems={fieldProblems(error)}
        missing={{ token: submitted && credentials.token === '', secret: submitted && credentials.secret === '' }}
        replacesApiClaim={profile.credentials.hasApiClaim}
        t={t}
        language={language}
      />
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('profile.rotate.submit')}
        </button>
      </div>
    </form>
  );
}
