/**
 * The typed errors of the store. `message` is plain words meant for the person; `code` is what the IPC layer and
 * the UI switch on. Messages never contain a secret, a token or a passphrase.
 */
import type { Text } from '../domain/i18n/text.ts';

export type StoreErrorCode =
  | 'disk-full'
  | 'read-only'
  | 'cannot-open'
  | 'newer-schema'
  | 'io-error'
  | 'not-found'
  | 'invalid-input'
  | 'locked'
  | 'no-passphrase'
  | 'passphrase-exists'
  | 'wrong-passphrase'
  | 'tampered'
  | 'key-mismatch'
  | 'unsupported-format'
  | 'unreadable'
  | 'no-credentials'
  | 'weak-storage'
  | 'encryption-unavailable';

export interface StoreErrorDetail {
  field: string;
  code: string;
  message: string;
  /** The message as a catalogue text, where there is one: the page shows it in the person's language. */
  text?: Text;
}

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly details: readonly StoreErrorDetail[] | undefined;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown; details?: readonly StoreErrorDetail[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.details = options?.details;
  }
}

export const isStoreError = (e: unknown, code?: StoreErrorCode): e is StoreError =>
  e instanceof StoreError && (code === undefined || e.code === code);
