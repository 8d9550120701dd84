import { describe, expect, it } from 'vitest';
import { de } from './de.ts';
import { en, type MessageKey } from './en.ts';
import { translate } from './translate.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'profile.copyToken.done', { seconds: 30 })).toBe('Token copied. The clipboard clears in 30 s.');
    expect(translate('de', 'profile.copyToken.done', { seconds: 30 })).toBe('Token kopiert. Die Zwischenablage wird in 30 s geleert.');
    expect(translate('en', 'profile.copyToken.done', {})).toContain('{seconds}');
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
});
