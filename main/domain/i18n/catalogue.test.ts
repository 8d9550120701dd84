import { describe, expect, it } from 'vitest';
import { CATALOGUE, de, en, formatDateTime, languageFromLocale, plural, SECTIONS, translate, type MessageKey } from './catalogue.ts';
import { join, render, T, verbatim } from './text.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the text catalogue', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'profile.copyToken.done', { seconds: 30 })).toBe('Token copied. The clipboard clears in 30 s.');
    expect(translate('de', 'profile.copyToken.done', { seconds: 30 })).toBe('Token kopiert. Die Zwischenablage wird in 30 s geleert.');
    expect(translate('en', 'profile.copyToken.done', {})).toContain('{seconds}');
  });
  it('has the same keys in both languages', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });
  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as MessageKey[]) expect(placeholders(de[key]), key).toEqual(placeholders(en[key]));
  });
  it('has no empty text', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(de[key].trim(), key).not.toBe('');
    }
  });
  it('never defines one key in two sections', () => {
    const seen = new Map<string, string>();
    for (const [section, texts] of Object.entries(SECTIONS)) {
      for (const key of Object.keys(texts)) {
        expect(seen.get(key), `${key} in ${section}`).toBeUndefined();
        seen.set(key, section);
      }
    }
  });
  it('has plural pairs complete in both languages', () => {
    for (const language of ['de', 'en'] as const) {
      const keys = Object.keys(CATALOGUE[language]);
      for (const key of keys.filter((k) => k.endsWith('.one'))) expect(keys, key).toContain(key.replace(/\.one$/, '.other'));
    }
  });
});

describe('texts as data', () => {
  it('renders nested texts in the language asked for, now', () => {
    const text = T('profile.copyToken.done', { seconds: 30 });
    expect(render('de', text)).toContain('Token kopiert');
    expect(render('en', text)).toContain('Token copied');
    expect(render('en', join(text, verbatim('Server said: x')))).toBe('Token copied. The clipboard clears in 30 s. Server said: x');
    expect(render('de', { de: 'alt', en: 'old' })).toBe('alt');
  });
  it('joins without empty parts and keeps a single part itself', () => {
    const one = T('app.name');
    expect(join(one, null, undefined)).toBe(one);
  });
});

describe('language and dates', () => {
  it('follows a German system locale, English otherwise', () => {
    for (const l of ['de', 'de-DE', 'de_AT', 'DE-ch']) expect(languageFromLocale(l), l).toBe('de');
    for (const l of ['en-US', 'fr-FR', 'dex', '', undefined, null]) expect(languageFromLocale(l), String(l)).toBe('en');
  });
  it('formats dates in the language, from numbers and ISO strings alike', () => {
    const at = Date.UTC(2026, 11, 2, 12, 0, 0);
    expect(formatDateTime('de', at)).toBe(formatDateTime('de', new Date(at).toISOString()));
    expect(formatDateTime('de', at)).toMatch(/02\.12\.2026/);
    expect(formatDateTime('en', at)).toMatch(/2 Dec 2026/);
  });
});

describe('plural', () => {
  it('picks the form by count (when a pair exists)', () => {
    const pairs = Object.keys(en).filter((k) => k.endsWith('.one'));
    for (const key of pairs) {
      const base = key.slice(0, -4) as Parameters<typeof plural>[1];
      expect(plural('en', base, 1)).toBe(translate('en', key as MessageKey, { count: 1 }));
      expect(plural('en', base, 2)).toBe(translate('en', `${base}.other` as MessageKey, { count: 2 }));
    }
  });
});
