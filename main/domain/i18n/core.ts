/**
 * The catalogue's functions without its dictionaries: the key type, translation, plurals, the system language,
 * dates. Dictionaries are provided per language (catalogue.ts provides both at once for main and the CLI; the
 * renderer loads only the language it shows, see renderer/i18n/translate.ts). Pure: no Node, no Electron, no DOM.
 *
 * Parity: `de` has exactly the keys of `en` (each German section `satisfies` its English keys), and the same
 * `{placeholders}` in every text — checked here by the type `PlaceholderMismatch` (a mismatch is a compile error
 * naming the key) and again by catalogue.test.ts.
 */
import type { de } from './de/index.ts';
import type { en } from './en/index.ts';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;

/** The placeholder names of a text literal: `'{a} of {b}'` → `'a' | 'b'`. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The keys whose German text has other placeholders than the English one (never when all agree). */
export type PlaceholderMismatch<E extends Record<string, string>, D extends Record<keyof E, string>> = {
  [K in keyof E]: Same<Placeholders<E[K]>, Placeholders<D[K]>> extends true ? never : K;
}[keyof E];
/** Compiles only while German and English agree on every key's placeholders; the error names the key. */
const placeholderParity: [PlaceholderMismatch<typeof en, typeof de>] extends [never] ? true : PlaceholderMismatch<typeof en, typeof de> = true;
void placeholderParity;

const dictionaries: Partial<Record<Language, Messages>> = {};

/** Makes a language's texts available (main: both at start; the renderer: the one it shows, loaded on demand). */
export function provideLanguage(language: Language, messages: Messages): void {
  dictionaries[language] = messages;
}

export function hasLanguage(language: Language): boolean {
  return dictionaries[language] !== undefined;
}

export type Values = Readonly<Record<string, string | number>>;

/** One text in one language, `{name}` filled from `values`; an unknown placeholder stays visible. */
export function translate(language: Language, key: MessageKey, values?: Values): string {
  const text = dictionaries[language]?.[key] ?? dictionaries.en?.[key] ?? dictionaries.de?.[key] ?? key;
  if (values === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The keys `base.one` / `base.other` that make one plural pair. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
}[MessageKey];

const pluralRules = new Map<Language, Intl.PluralRules>();
/** The plural form for `count` in the language: `'{count} warning'` / `'{count} warnings'`, `count` filled in. */
export function plural(language: Language, base: PluralKey, count: number, values?: Values): string {
  let rules = pluralRules.get(language);
  if (rules === undefined) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return translate(language, `${base}.${form}` as MessageKey, { ...values, count });
}

export function isMessageKey(key: string): key is MessageKey {
  return LANGUAGES.some((l) => dictionaries[l] !== undefined && Object.hasOwn(dictionaries[l], key));
}

/** The person's language from a locale such as the system's (`de-AT` → German; anything else → English). */
export function languageFromLocale(locale: string | undefined | null): Language {
  return typeof locale === 'string' && /^de(?:[-_]|$)/i.test(locale.trim()) ? 'de' : 'en';
}

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();
/** Date and time in the person's language and the local time zone (formatters are made once per language). */
export function formatDateTime(language: Language, at: number | string | Date): string {
  let format = dateTimeFormats.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
    dateTimeFormats.set(language, format);
  }
  return format.format(typeof at === 'string' ? Date.parse(at) : at);
}
