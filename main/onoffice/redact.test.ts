import { describe, expect, it } from 'vitest';
import { API_CLAIM_REMOVED, HMAC_REMOVED, SECRET_REMOVED, capText, createRedactor, hmacsIn } from './redact.ts';
import { tokenHint } from './mask.ts';

const token = 'ab12cd34ef56ab12cd34ef56ab12ef90';
const secret = 'S3cr3t/with+slash=and"quote\\back' + 'x'.repeat(31);
const redact = createRedactor({ token, secret });

describe('createRedactor', () => {
  it('replaces the token by its hint and removes the secret in raw, JSON-escaped, PHP-escaped and URL-encoded spellings', () => {
    const json = JSON.stringify({ token, echo: secret });
    const php = json.replaceAll('/', '\\/');
    for (const text of [`token=${token} secret=${secret}`, json, php, `q=${encodeURIComponent(secret)}&t=${encodeURIComponent(token)}`]) {
      const out = redact(text);
      expect(out).not.toContain(token);
      expect(out).not.toContain(secret);
      expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
      expect(out).not.toContain(encodeURIComponent(secret));
      expect(out).toContain(SECRET_REMOVED);
    }
    expect(redact(`Token ${token}`)).toBe(`Token ${tokenHint(token)}`);
  });

  it('removes a secret or token cut off at the end of a body, also before an ellipsis', () => {
    for (const cut of [10, 40, secret.length - 1]) {
      const head = secret.slice(0, cut);
      expect(redact(`{"message":"echo ${head}`)).toBe(`{"message":"echo ${SECRET_REMOVED}`);
      expect(redact(`invalid JSON: {"message":"echo ${head}…`)).toBe(`invalid JSON: {"message":"echo ${SECRET_REMOVED}…`);
    }
    expect(redact(`… ${token.slice(0, 20)}`)).toBe(`… ${tokenHint(token)}`);
    // An excerpt of a JSON body is cut inside the escaped spelling (PHP also escapes '/').
    const escaped = JSON.stringify(secret).slice(1, -1);
    for (const spelled of [escaped, escaped.replaceAll('/', '\\/'), encodeURIComponent(secret)]) {
      for (const cut of [10, 40, spelled.length - 1]) {
        expect(redact(`HTML instead of JSON: <p>echo ${spelled.slice(0, cut)}…`)).toBe(`HTML instead of JSON: <p>echo ${SECRET_REMOVED}…`);
      }
    }
    // A short tail is left alone: four characters say nothing about a 64-character secret.
    expect(redact(`ends with ${secret.slice(0, 4)}`)).toBe(`ends with ${secret.slice(0, 4)}`);
  });

  describe("a marketplace API user's claim", () => {
    const apiClaim = 'eyJhcGkiOiJjbGFpbSJ9/Cl+aim="q\\' + 'k'.repeat(20);
    const withClaim = createRedactor({ token, secret, apiClaim });
    const gone = (out: string) => {
      expect(out).not.toContain(apiClaim);
      expect(out).not.toContain(apiClaim.slice(0, 20));
      expect(out).not.toContain(encodeURIComponent(apiClaim).slice(0, 24));
    };

    it('is removed in raw, JSON-escaped, PHP-escaped and URL-encoded spellings, like the secret', () => {
      const request = JSON.stringify({ token, request: { actions: [{ parameters: { data: ['Id'], extendedclaim: apiClaim } }] } });
      for (const text of [`claim=${apiClaim}`, request, request.replaceAll('/', '\\/'), `?apiClaim=${encodeURIComponent(apiClaim)}&x=1`]) {
        const out = withClaim(text);
        gone(out);
        expect(out).toContain(API_CLAIM_REMOVED);
        expect(out).not.toContain(token);
      }
      expect(withClaim(request)).toContain(`"extendedclaim":"${API_CLAIM_REMOVED}"`);
    });

    it('is removed when cut off at the end of a body, also before an ellipsis', () => {
      for (const cut of [8, 20, apiClaim.length - 1]) {
        const head = apiClaim.slice(0, cut);
        expect(withClaim(`{"extendedclaim":"${head}`)).toBe(`{"extendedclaim":"${API_CLAIM_REMOVED}`);
        expect(withClaim(`invalid JSON: {"m":"${head}…`)).toBe(`invalid JSON: {"m":"${API_CLAIM_REMOVED}…`);
      }
    });

    it('is left alone by a redactor without a claim, and no claim redacts nothing extra', () => {
      expect(redact('{"extendedclaim":"abc"}')).toBe('{"extendedclaim":"abc"}');
      expect(createRedactor({ token, secret, apiClaim: '' })('plain text')).toBe('plain text');
    });
  });

  it('keeps non-ASCII text intact around what it removes', () => {
    const text = `Straße „Müller“ – 東京 ${secret} ✓ Grüße ${token} 😀`;
    expect(redact(text)).toBe(`Straße „Müller“ – 東京 ${SECRET_REMOVED} ✓ Grüße ${tokenHint(token)} 😀`);
    const escaped = JSON.stringify({ m: `Größe ${secret}` }, null, 0).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(redact(escaped)).not.toContain(secret.slice(0, 12));
    expect(redact(escaped)).toContain('Gr\\u00f6\\u00dfe');
  });

  it('removes every hmac, also when echoed elsewhere or cut off inside its value', () => {
    const hmac = 'dsvg3r4AFcQXges0MZ+3auzQVfnEB39pLkKSgmm9Wvg=';
    const body = `{"actions":[{"hmac":"${hmac}","hmac_version":2}],"message":"bad ${hmac}"}`;
    expect(hmacsIn(body)).toEqual([hmac]);
    const out = redact(body);
    expect(out).not.toContain(hmac);
    expect(out.split(HMAC_REMOVED)).toHaveLength(3);
    expect(redact(`{"hmac":"${hmac.slice(0, 20)}`)).toBe(`{"hmac":"${HMAC_REMOVED}"`);
  });
});

describe('capText', () => {
  it('cuts on a character boundary and says how much there was', () => {
    const text = 'ä'.repeat(10);
    const out = capText(text, 5);
    expect(out.startsWith('ää…')).toBe(true);
    expect(out).toContain('20 bytes in total, first 5 kept');
    expect(out).not.toContain('\uFFFD');
    expect(capText('short', 100)).toBe('short');
  });
});
