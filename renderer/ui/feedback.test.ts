import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../i18n/index.ts';
import { errorText } from './feedback.tsx';

const t = (language: 'de' | 'en'): Translate => ((key, values) => translate(language, key, values)) as Translate;

describe('errorText', () => {
  it('tells how long to wait after too many wrong passphrases, in the person\'s language', () => {
    expect(errorText({ code: 'too-many-attempts', message: 'x', details: { retryAfterSeconds: 3.2 } }, t('de'))).toBe('Zu viele falsche Passphrasen hintereinander. Bitte in 4 s erneut versuchen.');
    expect(errorText({ code: 'wrong-passphrase', message: 'x', details: { retryAfterSeconds: 8 } }, t('en'))).toBe('The passphrase is not correct. The next try is possible in 8 s.');
    expect(errorText({ code: 'wrong-passphrase', message: 'x' }, t('en'))).toBe(translate('en', 'error.wrong-passphrase'));
  });

  it('translates the browser host\'s size, shutdown and cancel answers; unknown codes keep main\'s message', () => {
    expect(errorText({ code: 'request-too-large', message: 'x' }, t('de'))).toContain('60 MiB');
    expect(errorText({ code: 'host-stopping', message: 'x' }, t('en'))).toContain('shutting down');
    expect(errorText({ code: 'cancelled', message: 'x' }, t('de'))).toContain('abgebrochen');
    expect(errorText({ code: 'something-new', message: 'as main said' }, t('de'))).toBe('as main said');
  });
});
