/** Labelled fields with their hint and error wired for screen readers, and the secret input with its show toggle. */
import { useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { useT } from '../i18n/index.ts';

/** `aria-describedby` for an input inside a Field with this id. */
export const describedBy = (id: string, hint: boolean, error: string | null | undefined): string | undefined =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  errorCode?: string;
  children: ReactNode;
}

export function Field({ id, label, hint, error, errorCode, children }: FieldProps) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" data-error-code={errorCode}>
          {error}
        </p>
      )}
    </div>
  );
}

type SecretInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  id: string;
  value: string;
  onValue(value: string): void;
  ref?: Ref<HTMLInputElement>;
};

/** A password input that can be shown on request (to compare with enterprise); never pre-filled by the app. */
export function SecretInput({ id, value, onValue, ref, ...rest }: SecretInputProps) {
  const t = useT();
  const [shown, setShown] = useState(false);
  return (
    <div className="secret-input">
      <input
        {...rest}
        ref={ref}
        id={id}
        type={shown ? 'text' : 'password'}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        data-secret="true"
      />
      <button type="button" className="btn btn-ghost btn-small" aria-pressed={shown} aria-controls={id} onClick={() => setShown((v) => !v)}>
        {shown ? t('common.hide') : t('common.show')}
      </button>
    </div>
  );
}
