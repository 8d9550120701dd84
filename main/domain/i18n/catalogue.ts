/**
 * The one text catalogue: every text a person reads (screens, findings, error explanations, menus, reports, the
 * CLI), one typed dictionary per language, shared by main, preload and renderer. Pure data and functions: no Node,
 * no Electron, no DOM.
 *
 * Parity: `de` has exactly the keys of `en` (each section `satisfies` en's keys), and the same `{placeholders}` in
 * every text — checked here by the type `PlaceholderParity` (a mismatch names the key in a compile error) and again
 * by catalogue.test.ts.
 */
import { checks as deChecks } from './de/checks.ts';
import { cli as deCli } from './de/cli.ts';
import { errors as deErrors } from './de/errors.ts';
import { guide as deGuide } from './de/guide.ts';
import { ui as deUi } from './de/ui.ts';
import { checks as enChecks } from './en/checks.ts';
import { cli as enCli } from './en/cli.ts';
import { errors as enErrors } from './en/errors.ts';
import { guide as enGuide } from './en/guide.ts';
import { ui as enUi } from './en/ui.ts';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const enAll = { ...enUi, ...enChecks, ...enErrors, ...enCli, ...enGuide } as const;
const deAll = { ...deUi, ...deChecks, ...deErrors, ...deCli, ...deGuide } as const;

export type MessageKey = keyof typeof enAll;
export type Messages = Readonly<Record<MessageKey, string>>;

/** The placeholder names of a text literal: `'{a} of {b}'` → `'a' | 'b'`. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The keys whose German text has other placeholders than the English one (never when all agree). */
export type PlaceholderMismatch<E extends Record<string, string>, D extends Record<keyof E, string>> = {
  [K in keyof E]: Same<Placeholders<E[K]>, Placeholders<D[K]>> extends true ? never : K;
}[keyof E];
/** Compiles only while German and English agree on every key's placeholders; the error names the key. */
const placeholderParity: [PlaceholderMismatch<typeof enAll, typeof deAll>] extends [never] ? true : PlaceholderMismatch<typeof enAll, typeof deAll> = true;
void placeholderParity;

/** Same keys in both sections: a duplicate across sections would silently shadow a text. */
export const SECTIONS = { ui: enUi, checks: enChecks, errors: enErrors, cli: enCli, guide: enGuide } as const;

export const en: Messages = enAll;
export const de: Messages = deAll;
export const CATALOGUE: Readonly<Record<Language, Messages>> = { en, de };

export type Values = Readonly<Record<string, string | number>>;

/** One text in one language, `{name}` filled from `values`; an unknown placeholder stays visible. */
export function translate(language: Language, key: MessageKey, values?: Values): string {
  const text = CATALOGUE[language][key] ?? CATALOGUE.en[key] ?? key;
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
  return Object.hasOwn(CATALOGUE.en, key);
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
