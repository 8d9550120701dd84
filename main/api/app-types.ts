/**
 * What a host (the Electron shell or the browser host) gets from the main-process services, and what it must
 * provide. The services themselves know nothing about Electron.
 */
import type { AppInfo, EventName, EventPayloads, Settings, UpdateView } from '../../preload/contract.ts';
import type { SecretCipher } from '../store/secrets.ts';
import type { Dispatch } from './dispatch.ts';

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
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface AppServices {
  dispatch: Dispatch;
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
