/** The texts in the language the settings choose. */
import { useCallback } from 'react';
import { useSettingsStore } from '../stores/settings.ts';
import { translate, type Language, type Translate } from './translate.ts';

export { formatDateTime, translate, type Language, type MessageKey, type Translate } from './translate.ts';

export function useLanguage(): Language {
  return useSettingsStore((s) => s.settings.language);
}

export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>((key, values) => translate(language, key, values), [language]);
}
