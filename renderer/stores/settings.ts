import { create } from 'zustand';
import type { BoundaryError, Settings } from '../../preload/contract.ts';
import { SETTINGS_DEFAULTS } from '../../main/domain/vocabulary.ts';
import { getDesk } from '../desk.ts';
import { languageFromLocale, loadLanguage, type Language } from '../i18n/translate.ts';

/** The language to show: the chosen one, or — on a first run, until the person chooses — the system's. */
export function effectiveLanguage(settings: Pick<Settings, 'language' | 'languageChosen'>, systemLocales: readonly string[]): Language {
  return settings.languageChosen ? settings.language : languageFromLocale(systemLocales[0]);
}

function systemLocales(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

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
    // Not chosen yet: follow the system, and tell main (its reports and field labels use the same language) without
    // marking it chosen, so a changed system language is followed next time too.
    const language = effectiveLanguage(r.value, systemLocales());
    // The texts of the language shown come first (a chunk of their own), so no screen shows keys.
    await loadLanguage(language).catch(() => undefined);
    set({ settings: { ...r.value, language }, loaded: true });
    // Main hears of a followed system language beside the start, not before it.
    if (language !== r.value.language) void getDesk().settingsSet({ language });
    return null;
  },
  async update(patch) {
    // Main hears of the change at once; a new language's texts load meanwhile (a chunk of their own) and the
    // screen switches when they are there, so it never shows keys.
    const saving = getDesk().settingsSet(patch);
    let textsMissing = false;
    if (patch.language !== undefined) await loadLanguage(patch.language).catch(() => (textsMissing = true));
    const before = get().settings;
    if (!textsMissing) set({ settings: { ...before, ...patch } });
    const r = await saving;
    if (!r.ok) {
      set({ settings: before });
      return r.error;
    }
    if (textsMissing) return { code: 'bridge-unreachable', message: 'The texts of this language could not be loaded.' };
    set({ settings: r.value });
    return null;
  },
}));
