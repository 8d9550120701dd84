/** How results reach the person: errors as alerts (announced at once), confirmations as polite status lines. */
import type { ReactNode } from 'react';
import type { BoundaryError } from '../../preload/contract.ts';
import { isText } from '../../main/domain/i18n/text.ts';
import { useRender, useT, type MessageKey, type Text, type Translate } from '../i18n/index.ts';

/**
 * Codes whose meaning does not depend on where they came from get the same text in the person's language;
 * everything else shows main's plain message as it is.
 */
const KNOWN_CODES: Partial<Record<string, MessageKey>> = {
  'bridge-unreachable': 'error.bridge-unreachable',
  'no-session': 'error.no-session',
  'wrong-passphrase': 'error.wrong-passphrase',
  locked: 'error.locked',
  'not-found': 'error.not-found',
  'no-credentials': 'error.no-credentials',
  unreadable: 'error.unreadable',
  tampered: 'error.tampered',
  'key-mismatch': 'error.key-mismatch',
  internal: 'error.internal',
  'updates-unavailable': 'error.updates-unavailable',
  'update-not-ready': 'error.update-not-ready',
  'update-restart-failed': 'error.update-restart-failed',
  'request-too-large': 'error.request-too-large',
  'too-many-attempts': 'error.too-many-attempts',
  'host-stopping': 'error.host-stopping',
  cancelled: 'error.cancelled',
};

/** How long the host asks to wait before the next passphrase try, if it does. */
const waitSeconds = (details: unknown): number | null => {
  const v = details && typeof details === 'object' ? (details as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.ceil(v) : null;
};

/**
 * The text for an error: field problems are shown at their fields, so the alert then only points to them. Main's
 * own text comes first, in the language chosen now; then the code's text; main's plain message last.
 */
export function errorText(error: BoundaryError, t: Translate, show: (text: Text) => string): string {
  if (error.code === 'invalid-input' && Array.isArray(error.details) && error.details.length > 0) return t('error.invalid-input');
  if (error.text !== undefined && isText(error.text)) return show(error.text);
  const seconds = waitSeconds(error.details);
  if (error.code === 'wrong-passphrase' && seconds !== null) return t('error.wrong-passphrase.wait', { seconds });
  if (error.code === 'too-many-attempts') return t('error.too-many-attempts', { seconds: seconds ?? 1 });
  const known = KNOWN_CODES[error.code];
  return known === undefined ? error.message : t(known);
}

export function ErrorAlert({ error, onDismiss }: { error: BoundaryError | null; onDismiss?: () => void }) {
  const t = useT();
  const show = useRender();
  if (error === null) return null;
  return (
    <div className="alert alert-error" role="alert" data-error-code={error.code}>
      <div className="alert-body">
        <strong className="alert-title">{t('common.errorTitle')}</strong>
        <p>{errorText(error, t, show)}</p>
      </div>
      {onDismiss && (
        <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}

/** An onOffice error as the error catalogue explains it: what happened, what it means, what to do. */
export function Explained({ title, explanation, fix, t }: { title: string; explanation: string; fix: string; t: Translate }) {
  return (
    <div className="alert alert-error explained" role="alert">
      <div className="alert-body">
        <strong className="alert-title">{title}</strong>
        <dl className="explain">
          <dt>{t('console.explanation')}</dt>
          <dd>{explanation}</dd>
          <dt>{t('console.fix')}</dt>
          <dd>{fix}</dd>
        </dl>
      </div>
    </div>
  );
}

export function Notice({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'info' | 'warning' }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <p className={`notice notice-${tone}`} role="status">
      {children}
    </p>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'neutral'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
