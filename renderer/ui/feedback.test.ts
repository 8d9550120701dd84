import { describe, expect, it } from 'vitest';
import { T } from '../../main/domain/i18n/text.ts';
import { render, translate, type Language, type Text, type Translate } from '../i18n/index.ts';
import { errorText } from './feedback.tsx';

const t = (language: Language): Translate => ((key, values) => translate(language, key, values)) as Translate;
const show = (language: Language) => (text: Text) => render(language, text);
const text = (error: Parameters<typeof errorText>[0], language: Language) => errorText(error, t(language), show(language));

describe('errorText', () => {
  it('tells how long to wait after too many wrong passphrases, in the person\'s language', () => {
    expect(text({ code: 'too-many-attempts', message: 'x', details: { retryAfterSeconds: 3.2 } }, 'de')).toBe('Zu viele falsche Passphrasen hintereinander. Bitte in 4 s erneut versuchen.');
    expect(text({ code: 'wrong-passphrase', message: 'x', details: { retryAfterSeconds: 8 } }, 'en')).toBe('The passphrase is not correct. The next try is possible in 8 s.');
    expect(text({ code: 'wrong-passphrase', message: 'x' }, 'en')).toBe(translate('en', 'error.wrong-passphrase'));
  });

  it('translates the browser host\'s size, shutdown and cancel answers; unknown codes keep main\'s message', () => {
    expect(text({ code: 'request-too-large', message: 'x' }, 'de')).toContain('60 MiB');
    expect(text({ code: 'host-stopping', message: 'x' }, 'en')).toContain('shutting down');
    expect(text({ code: 'cancelled', message: 'x' }, 'de')).toContain('abgebrochen');
    expect(text({ code: 'something-new', message: 'as main said' }, 'de')).toBe('as main said');
  });

  it('shows main\'s own text in the language chosen now, before the code\'s text and the English message', () => {
    // As main sends it for an endpoint that is plain http to another computer (main/onoffice/endpoint.ts).
    const error = { code: 'endpoint-invalid', message: 'The endpoint of this profile cannot be used: plain http …', text: T('errors.endpoint.profileUnusable', { reason: T('errors.endpoint.plainHttp') }) };
    expect(text(error, 'de')).toBe('Der Endpunkt dieses Profils kann nicht verwendet werden: einfaches http ist nur zu diesem Rechner erlaubt (die lokale Sandbox); verwenden Sie https');
    expect(text(error, 'en')).toMatch(/^The endpoint of this profile cannot be used: plain http is only allowed/);
    // A text wins over the code's own text; something that is not a text is ignored.
    expect(text({ code: 'not-found', message: 'x', text: T('errors.endpoint.credentialsInUrl') }, 'de')).toContain('Passwort');
    expect(text({ code: 'not-found', message: 'x', text: 'plain' as unknown as Text }, 'de')).toBe(translate('de', 'error.not-found'));
  });
});
