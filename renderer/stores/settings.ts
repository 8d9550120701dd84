import { create } from 'zustand';
import { SETTINGS_DEFAULTS, type BoundaryError, type Settings } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  load(): Promise<BoundaryError | null>;
  /** Applies the change at once (language and theme must feel instant) and takes it back if main refuses it. */
  update(patch: Partial<Settings>): Promise<BoundaryError | null>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: { ...SETTINGS_DEFAULTS },
  loaded: false,
  async load() {
    const r = await getDesk().settingsGet({});
    if (!r.ok) return r.error;
    set({ settings: r.value, loaded: true });
    return null;
  },
  async update(patch) {
    const before = get().settings;
    set({ settings: { ...before, ...patch } });
    const r = await getDesk().settingsSet(patch);
    if (!r.ok) {
      set({ settings: before });
      return r.error;
    }
    set({ settings: r.value });
    return null;
  },
}));
