/** The app's settings, one JSON value in the settings table; unknown or damaged values fall back to defaults. */
import type { DatabaseSync } from 'node:sqlite';
import { SETTINGS_DEFAULTS, settingsPatchSchema, type Settings } from '../../preload/contract.ts';

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
