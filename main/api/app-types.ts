/**
 * What a host (the Electron shell or the browser host) gets from the main-process services, and what it must
 * provide. The services themselves know nothing about Electron.
 */
import type { AppInfo, EventName, EventPayloads, Result, Settings, UpdateView } from '../../preload/contract.ts';
import type { ScryptParams, SecretCipher } from '../store/secrets.ts';
import type { Dispatch } from './dispatch.ts';
import type { ExportResult, ExportWrite } from './journal-export.ts';

/** The OS key store as a host offers it; absent in the browser host (which then uses the app passphrase). */
export interface KeyStoreCipherSource {
  /** The OS-backed cipher, or why it cannot be used. */
  open(options: { allowWeak: boolean }): Promise<{ ok: true; cipher: SecretCipher } | { ok: false; code: 'weak-storage' | 'encryption-unavailable'; backend: string }>;
}

/** The system clipboard. Electron only. */
export interface ClipboardAdapter {
  /** Writes a credential and clears it after a delay if the clipboard still holds it. */
  copyAndClear(text: string, clearAfterMs: number): void;
  /** Writes text that is no secret (a field name); it stays. */
  copy(text: string): void;
}

/** The app's updater as the desktop host offers it (main/electron/updater.ts); absent in the browser host. */
export interface UpdatesPort {
  view(): UpdateView;
  /** Checks now, whatever the setting says; answers once the check is done. Never rejects. */
  checkNow(): Promise<UpdateView>;
  /** Quits and installs the downloaded update; only in state `ready`. */
  restart(): 'restarting' | 'not-ready' | 'failed';
  /** The `updates.check` setting: on schedules checks (soon, then every 6 hours), off stops them. */
  setAutoCheck(on: boolean): void;
  /** Hears every new view; returns the unsubscribe function. */
  onChange(listener: (view: UpdateView) => void): () => void;
}

/** The desktop app's save dialog: the path the person chose, or null when they dismissed it. Electron only. */
export interface SaveDialogPort {
  choose(defaultName: string, format: 'jsonl' | 'csv'): Promise<string | null>;
}

/** A journal export opened for a download: its name and type first (the headers), then its rows as they are read. */
export interface JournalDownload {
  fileName: string;
  mimeType: string;
  pipe(write: ExportWrite, signal: AbortSignal): Promise<ExportResult>;
}

export interface AppServicesOptions {
  host: AppInfo['host'];
  appVersion: string;
  platform: string;
  /** The SQLite file's folder (the app's user-data folder, or a test folder). */
  dataDir: string;
  now?: () => number;
  keyStore?: KeyStoreCipherSource;
  clipboard?: ClipboardAdapter;
  updates?: UpdatesPort;
  /** Where `journalExport` writes; without it (browser host) exports are downloads (`openJournalExport`). */
  saveDialog?: SaveDialogPort;
  /**
   * Key derivation for new app passphrases and backups (default DEFAULT_SCRYPT). Only the browser host's test mode
   * sets it (cheaper, still a setting the format accepts); data sealed either way names its own settings.
   */
  scrypt?: ScryptParams;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface AppServices {
  dispatch: Dispatch;
  /** Parses a `journalExport` request (the contract's schema) and opens it for a streamed download. */
  openJournalExport(request: unknown): Result<JournalDownload>;
  /** Subscribes to main → renderer events; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Locks the vault (suspend, screen lock, "lock now"). */
  lock(reason: 'suspend' | 'screen-lock' | 'idle' | 'manual'): void;
  /** Marks activity for the auto-lock timer. */
  touch(): void;
  settings(): Settings;
  info(): AppInfo;
  close(): Promise<void>;
}
