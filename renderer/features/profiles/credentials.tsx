/**
 * Token and secret inputs, shared by "new profile" and "replace credentials". The values live in the form's own
 * state only; main checks them (lengths, whitespace, swapped) and its field problems are shown next to each input.
 */
import type { Language, Translate } from '../../i18n/index.ts';
import type { FieldProblem } from '../../stores/selectors.ts';
import { describedBy, Field, SecretInput } from '../../ui/form.tsx';

export const TOKEN_LENGTH = 32;
export const SECRET_LENGTH = 64;

export interface CredentialValues {
  token: string;
  secret: string;
}
export const NO_CREDENTIALS: CredentialValues = { token: '', secret: '' };

/** main writes English; German gets the same message from the known problem codes, with the value's length. */
export function credentialMessage(problem: FieldProblem, t: Translate, language: Language, value: string): string {
  if (language === 'en') return problem.message;
  if (problem.code === 'credentials-swapped') return t('cred.swapped');
  const match = /^(token|secret)-(whitespace|non-ascii|length)$/.exec(problem.code);
  if (match === null) return problem.message;
  const field = match[1] as 'token' | 'secret';
  const name = t(`cred.name.${field}`);
  if (match[2] === 'length') return t('cred.length', { name, length: field === 'token' ? TOKEN_LENGTH : SECRET_LENGTH, actual: value.length });
  return t(match[2] === 'whitespace' ? 'cred.whitespace' : 'cred.non-ascii', { name });
}

interface CredentialFieldsProps {
  idPrefix: string;
  values: CredentialValues;
  onChange(values: CredentialValues): void;
  problems: Record<string, FieldProblem>;
  missing: { token: boolean; secret: boolean };
  t: Translate;
  language: Language;
}

export function CredentialFields({ idPrefix, values, onChange, problems, missing, t, language }: CredentialFieldsProps) {
  const fields = [
    { key: 'token', label: t('field.token'), hint: t('field.token.hint') },
    { key: 'secret', label: t('field.secret'), hint: t('field.secret.hint') },
  ] as const;
  return (
    <>
      {fields.map(({ key, label, hint }) => {
        const id = `${idPrefix}-${key}`;
        const problem = problems[key];
        const error = missing[key] ? t('common.required') : problem ? credentialMessage(problem, t, language, values[key]) : null;
        return (
          <Field key={key} id={id} label={label} hint={hint} error={error} errorCode={missing[key] ? 'required' : problem?.code}>
            <SecretInput
              id={id}
              name={key}
              value={values[key]}
              onValue={(v) => onChange({ ...values, [key]: v })}
              required
              aria-invalid={error !== null}
              aria-describedby={describedBy(id, true, error)}
            />
          </Field>
        );
      })}
    </>
  );
}
