/**
 * Texts as data: a finding, an error explanation or a report line carries a catalogue key and its parameters, not
 * sentences. Stored check runs keep these, so they render in the language chosen *now*. Parameters may be texts
 * themselves (a module name, a menu path), which render in the same language.
 */
import { translate, type Language, type MessageKey } from './core.ts';

export type TextParam = string | number | Text;

export type Text =
  /** One catalogue text with its parameters. */
  | { readonly key: MessageKey; readonly params?: Readonly<Record<string, TextParam>> }
  /** Several texts read as one paragraph (joined with a space). */
  | { readonly parts: readonly Text[] }
  /** Words that are not the app's and are never translated: a server's message, a field's label. */
  | { readonly verbatim: string }
  /** Runs stored before texts were keys carry both languages; they still render. */
  | { readonly de: string; readonly en: string };

/** A catalogue text: `T('checks.rights.read.title', { module: T('module.estate') })`. */
export function T(key: MessageKey, params?: Readonly<Record<string, TextParam>>): Text {
  return params === undefined ? { key } : { key, params };
}

/** Texts read as one paragraph; empty parts are left out, a single part stays itself. */
export function join(...parts: readonly (Text | null | undefined)[]): Text {
  const kept = parts.filter((p): p is Text => p != null && !isEmpty(p));
  return kept.length === 1 ? kept[0]! : { parts: kept };
}

export function verbatim(text: string): Text {
  return { verbatim: text };
}

function isEmpty(text: Text): boolean {
  return 'parts' in text && text.parts.length === 0;
}

/** The text in one language; parameters that are texts render in the same language. */
export function render(language: Language, text: Text): string {
  if ('key' in text) {
    if (text.params === undefined) return translate(language, text.key);
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(text.params)) values[name] = typeof value === 'object' ? render(language, value) : value;
    return translate(language, text.key, values);
  }
  if ('parts' in text) return text.parts.map((p) => render(language, p)).filter((s) => s !== '').join(' ');
  if ('verbatim' in text) return text.verbatim;
  return text[language];
}

/** Whether a value has the shape of a Text (for data read back from storage). */
export function isText(value: unknown): value is Text {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (typeof v.key === 'string') return v.params === undefined || (typeof v.params === 'object' && v.params !== null);
  if (Array.isArray(v.parts)) return v.parts.every(isText);
  if (typeof v.verbatim === 'string') return true;
  return typeof v.de === 'string' && typeof v.en === 'string';
}
