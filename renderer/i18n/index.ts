/** The texts in the language the settings choose. */
import { useCallback } from 'react';
import { useSettingsStore } from '../stores/settings.ts';
import { plural, render, translate, type Language, type PluralKey, type Text, type Translate } from './translate.ts';

export { formatDateTime, plural, render, translate, type Language, type MessageKey, type PluralKey, type Text, type Translate } from './translate.ts';

export function useLanguage(): Language {
  return useSettingsStore((s) => s.settings.language);
}

export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>((key, values) => translate(language, key, values), [language]);
}

/** Renders texts carried as data (findings, error explanations) in the language chosen now. */
export function useRender(): (text: Text) => string {
  const language = useLanguage();
  return useCallback((text: Text) => render(language, text), [language]);
}

/** Plural-aware counts: `p('checks.summary.warn', 1)` → "1 warning". */
export function usePlural(): (base: PluralKey, count: number, values?: Readonly<Record<string, string | number>>) => string {
  const language = useLanguage();
  return useCallback((base: PluralKey, count: number, values?: Readonly<Record<string, string | number>>) => plural(language, base, count, values), [language]);
}
