/**
 * The one text catalogue, whole: every text a person reads (screens, findings, error explanations, menus, reports,
 * the CLI), one typed dictionary per language, shared by main, preload and renderer. Importing this module
 * provides both languages (main, the CLI, tests); the renderer uses core.ts and loads one language at a time.
 */
import { provideLanguage, type Language, type Messages } from './core.ts';
import { de as deAll } from './de/index.ts';
import { en as enAll } from './en/index.ts';

export * from './core.ts';
export { SECTIONS } from './en/index.ts';

export const en: Messages = enAll;
export const de: Messages = deAll;
export const CATALOGUE: Readonly<Record<Language, Messages>> = { en, de };

provideLanguage('en', en);
provideLanguage('de', de);
