import { describe, expect, it } from 'vitest';
import { effectiveLanguage } from './settings.ts';

describe('the first run follows the system language', () => {
  it('uses German for de-* systems and English for every other, until the person chooses', () => {
    expect(effectiveLanguage({ language: 'en', languageChosen: false }, ['de-AT', 'en-US'])).toBe('de');
    expect(effectiveLanguage({ language: 'de', languageChosen: false }, ['fr-FR', 'de-DE'])).toBe('en');
    expect(effectiveLanguage({ language: 'de', languageChosen: false }, [])).toBe('en');
  });
  it('keeps the chosen language whatever the system says', () => {
    expect(effectiveLanguage({ language: 'de', languageChosen: true }, ['en-US'])).toBe('de');
    expect(effectiveLanguage({ language: 'en', languageChosen: true }, ['de-DE'])).toBe('en');
  });
});
