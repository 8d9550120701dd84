/**
 * The settings domain: the app's settings (one JSON value in the settings table; unknown or damaged values fall
 * back to defaults), and their handlers together with the updater's and the plain clipboard's.
 */
import type { DatabaseSync } from 'node:sqlite';
import { SETTINGS_DEFAULTS, settingsPatchSchema, type Settings } from '../../preload/contract.ts';
import { T } from '../domain/i18n/index.ts';
import type { ClipboardAdapter, UpdatesPort } from './app-types.ts';
import { BoundaryFailure, type Handlers } from './dispatch.ts';

const KEY = 'app.settings';
const WEAK_KEY = 'app.weak-storage-accepted';

export class SettingsStore {
  readonly #db: DatabaseSync;
  #cache: Settings;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#cache = this.#read();
  }

  #read(): Settings {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (row === undefined) return { ...SETTINGS_DEFAULTS };
    let stored: unknown;
    try {
      stored = JSON.parse(row.value);
    } catch {
      return { ...SETTINGS_DEFAULTS };
    }
    // Keep each valid value; a damaged one falls back alone instead of resetting everything.
    const result: Record<string, unknown> = { ...SETTINGS_DEFAULTS };
    if (stored !== null && typeof stored === 'object') {
      for (const [key, value] of Object.entries(stored)) {
        if (settingsPatchSchema.safeParse({ [key]: value }).success) result[key] = value;
      }
    }
    return result as Settings;
  }

  get(): Settings {
    return { ...this.#cache };
  }

  set(patch: Partial<Settings>): Settings {
    const next = { ...this.#cache, ...patch };
    this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    this.#cache = next;
    return this.get();
  }

  get weakStorageAccepted(): boolean {
    return this.#db.prepare('SELECT 1 FROM settings WHERE key = ?').get(WEAK_KEY) !== undefined;
  }

  acceptWeakStorage(): void {
    this.#db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(WEAK_KEY, 'true');
  }
}

export type SettingsHandlers = Pick<Handlers, 'settingsGet' | 'settingsSet' | 'updateGet' | 'updateCheckNow' | 'updateRestart' | 'clipboardCopyText'>;

export interface SettingsServiceOptions {
  settings: SettingsStore;
  updates?: UpdatesPort;
  clipboard?: ClipboardAdapter;
  /** Hears every saved change with the patch that made it (auto-lock, retention, the vault's view). */
  onChange(patch: Partial<Settings>, next: Settings): void;
}

/** The settings, the updater and the plain clipboard: the app's own affairs, not a profile's. */
export function settingsHandlers(options: SettingsServiceOptions): SettingsHandlers {
  const { settings } = options;
  const requireUpdates = (): UpdatesPort => {
    if (!options.updates) throw new BoundaryFailure('updates-unavailable', T('error.updates-unavailable'));
    return options.updates;
  };
  return {
    settingsGet: async () => settings.get(),
    settingsSet: async (patch) => {
      const next = settings.set(patch);
      if (patch.updates !== undefined) options.updates?.setAutoCheck(next.updates.check);
      options.onChange(patch, next);
      return next;
    },
    updateGet: async () => requireUpdates().view(),
    updateCheckNow: async () => requireUpdates().checkNow(),
    updateRestart: async () => {
      const outcome = requireUpdates().restart();
      if (outcome === 'not-ready') throw new BoundaryFailure('update-not-ready', T('error.update-not-ready'));
      if (outcome === 'failed') throw new BoundaryFailure('update-restart-failed', T('error.update-restart-failed'));
      return { restarting: true as const };
    },
    clipboardCopyText: async ({ text }) => {
      // The browser host has no clipboard of its own: its page copies with the browser's clipboard instead.
      if (!options.clipboard) throw new BoundaryFailure('clipboard-unavailable', T('errors.boundary.copiesInPage'));
      options.clipboard.copy(text);
      return { copied: true as const };
    },
  };
}
