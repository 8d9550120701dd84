/**
 * Token, secret and API claim inputs, shared by "new profile" and "replace credentials". The values live in the
 * form's own state only; main checks them (lengths, whitespace, swapped) and its field problems are shown next to
 * each input.
 */
import type { Language, Translate } from '../../i18n/index.ts';
import type { FieldProblem } from '../../stores/selectors.ts';
import { describedBy, Field, SecretInput } from '../../ui/form.tsx';

export const TOKEN_LENGTH = 32;
export const SECRET_LENGTH = 64;
export const API_CLAIM_MIN_LENGTH = 8;
export const API_CLAIM_MAX_LENGTH = 1024;

export interface CredentialValues {
  token: string;
  secret: string;
  /** Only for a marketplace provider's API user; empty for everyone else. */
  apiClaim: string;
}
export const NO_CREDENTIALS: CredentialValues = { token: '', secret: '', apiClaim: '' };

/** What goes to main: an empty claim field means "no claim", so it is left out. */
export function credentialsRequest({ token, secret, apiClaim }: CredentialValues): { token: string; secret: string; apiClaim?: string } {
  return apiClaim.trim() === '' ? { token, secret } : { token, secret, apiClaim };
}

type CredentialField = keyof CredentialValues;

/** main writes English; German gets the same message from the known problem codes, with the value's length. */
export function credentialMessage(problem: FieldProblem, t: Translate, language: Language, value: string): string {
  if (language === 'en') return problem.message;
  if (problem.code === 'credentials-swapped') return t('cred.swapped');
  const match = /^(token|secret|apiClaim)-(whitespace|non-ascii|length)$/.exec(problem.code);
  if (match === null) return problem.message;
  const field = match[1] as CredentialField;
  const name = t(`cred.name.${field}`);
  if (match[2] === 'length') {
    // main trims the claim before measuring it.
    if (field === 'apiClaim') return t('cred.length.range', { name, min: API_CLAIM_MIN_LENGTH, max: API_CLAIM_MAX_LENGTH, actual: value.trim().length });
    return t('cred.length', { name, length: field === 'token' ? TOKEN_LENGTH : SECRET_LENGTH, actual: value.length });
  }
  if (match[2] === 'whitespace') return t('cred.whitespace', { name });
  return t(field === 'apiClaim' ? 'cred.non-ascii.apiClaim' : 'cred.non-ascii', { name });
}

interface CredentialFieldsProps {
  idPrefix: string;
  values: CredentialValues;
  onChange(values: CredentialValues): void;
  problems: Record<string, FieldProblem>;
  missing: { token: boolean; secret: boolean };
  /** Replacing the credentials of a profile that holds a claim: an empty claim field removes it, so say so. */
  replacesApiClaim?: boolean;
  t: Translate;
  language: Language;
}

export function CredentialFields({ idPrefix, values, onChange, problems, missing, replacesApiClaim = false, t, language }: CredentialFieldsProps) {
  const fields = [
    { key: 'token', label: t('field.token'), hint: t('field.token.hint'), required: true },
    { key: 'secret', label: t('field.secret'), hint: t('field.secret.hint'), required: true },
    {
      key: 'apiClaim',
      label: t('field.apiClaim'),
      hint: replacesApiClaim ? `${t('field.apiClaim.hint')} ${t('field.apiClaim.hint.replace')}` : t('field.apiClaim.hint'),
      required: false,
    },
  ] as const;
  return (
    <>
      {fields.map(({ key, label, hint, required }) => {
        const id = `${idPrefix}-${key}`;
        const problem = problems[key];
        const isMissing = key !== 'apiClaim' && missing[key];
        const error = isMissing ? t('common.required') : problem ? credentialMessage(problem, t, language, values[key]) : null;
        return (
          <Field key={key} id={id} label={label} hint={hint} error={error} errorCode={isMissing ? 'required' : problem?.code}>
            <SecretInput
              id={id}
              name={key}
              value={values[key]}
              onValue={(v) => onChange({ ...values, [key]: v })}
              required={required}
              aria-invalid={error !== null}
              aria-describedby={describedBy(id, true, error)}
            />
          </Field>
        );
      })}
    </>
  );
}
