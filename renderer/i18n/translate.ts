/** A small typed dictionary: `translate(language, 'key', { name })`. */
import { de } from './de.ts';
import { en, type MessageKey, type Messages } from './en.ts';

export type { MessageKey } from './en.ts';
export type Language = 'de' | 'en';
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export const DICTIONARIES: Readonly<Record<Language, Messages>> = { de, en };

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  const text = DICTIONARIES[language][key];
  if (values === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** Dates in the person's language, local time zone. */
export function formatDateTime(language: Language, at: number): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}
