/**
 * The catalogue as the renderer uses it (main/domain/i18n is shared by main and renderer): the functions from
 * core.ts, and the dictionaries loaded one language at a time — each language is its own chunk, fetched when it is
 * first shown (at start, the system's or the chosen one; the other only when the person switches).
 */
import { hasLanguage, provideLanguage, type Language, type MessageKey, type Messages, type Values } from '../../main/domain/i18n/core.ts';

export { formatDateTime, languageFromLocale, plural, translate, type Language, type MessageKey, type PluralKey } from '../../main/domain/i18n/core.ts';
export { render, type Text } from '../../main/domain/i18n/text.ts';

export type Translate = (key: MessageKey, values?: Values) => string;

const LOADERS: Record<Language, () => Promise<Messages>> = {
  de: async () => (await import('../../main/domain/i18n/de/index.ts')).de,
  en: async () => (await import('../../main/domain/i18n/en/index.ts')).en,
};
const loading = new Map<Language, Promise<void>>();

/** Resolves once the language's texts are there (at once when they already are); a failed load can be retried. */
export function loadLanguage(language: Language): Promise<void> {
  if (hasLanguage(language)) return Promise.resolve();
  let pending = loading.get(language);
  if (pending === undefined) {
    pending = LOADERS[language]().then(
      (messages) => provideLanguage(language, messages),
      (error: unknown) => {
        loading.delete(language);
        throw error;
      },
    );
    loading.set(language, pending);
  }
  return pending;
}
