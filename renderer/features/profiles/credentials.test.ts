import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/translate.ts';
import { credentialMessage, credentialsRequest } from './credentials.tsx';

const de = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate('de', key, values);

describe('credentialsRequest', () => {
  it('leaves an empty or blank claim out, and passes a given one on for main to trim and check', () => {
    expect(credentialsRequest({ token: 't', secret: 's', apiClaim: '' })).toEqual({ token: 't', secret: 's' });
    expect(credentialsRequest({ token: 't', secret: 's', apiClaim: '  \n' })).toEqual({ token: 't', secret: 's' });
    expect(credentialsRequest({ token: 't', secret: 's', apiClaim: ' claim-value ' })).toEqual({ token: 't', secret: 's', apiClaim: ' claim-value ' });
  });
});

describe('credentialMessage for the API claim', () => {
  const problem = (code: string) => ({ field: 'apiClaim', code, message: `English from main (${code})` });

  it("German names the claim and where to copy it from; English keeps main's words", () => {
    expect(credentialMessage(problem('apiClaim-whitespace'), de, 'de', 'a b')).toBe(de('cred.whitespace', { name: 'Der API-Claim' }));
    expect(credentialMessage(problem('apiClaim-non-ascii'), de, 'de', 'ä')).toContain('Aktivierungs-URL');
    expect(credentialMessage(problem('apiClaim-length'), de, 'de', ' short ')).toBe('Der API-Claim muss 8 bis 1024 Zeichen lang sein; dieser Wert hat 5.');
    expect(credentialMessage(problem('apiClaim-length'), de, 'en', 'short')).toBe('English from main (apiClaim-length)');
  });
});
