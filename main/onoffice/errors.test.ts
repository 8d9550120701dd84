import { describe, expect, it } from 'vitest';
import { cli as deCli } from '../domain/i18n/de/cli.ts';
import { errors as deErrors } from '../domain/i18n/de/errors.ts';
import { render, type Text } from '../domain/i18n/index.ts';
import type { CatalogueEntry, ErrorCategory, ErrorContext, ExplainedError, TransportErrorCode } from './errors.ts';
import {
  API_ERROR_CATALOGUE as CATALOGUE,
  ERROR_CATEGORIES,
  TRANSPORT_ERROR_CODES,
  categoryOf,
  explainApiError as explainApi,
  explainTransportError as explainTransport,
} from './errors.ts';

// The catalogue holds catalogue keys; these tests read what a person reads, rendered in both languages.
interface Rendered {
  de: string;
  en: string;
}
const rendered = (t: Text): Rendered => ({ de: render('de', t), en: render('en', t) });
type Read<E> = Omit<E, 'title' | 'explanation' | 'fix'> & { title: Rendered; explanation: Rendered; fix: Rendered };
const read = <E extends CatalogueEntry | ExplainedError>(e: E): Read<E> => ({ ...e, title: rendered(e.title), explanation: rendered(e.explanation), fix: rendered(e.fix) });
const explainApiError = (code: number, message: string, ctx?: ErrorContext) => read(explainApi(code, message, ctx));
const explainTransportError = (code: TransportErrorCode, ctx?: ErrorContext) => read(explainTransport(code, ctx));
const API_ERROR_CATALOGUE: ReadonlyMap<number, Read<CatalogueEntry>> = new Map([...CATALOGUE].map(([code, e]) => [code, read(e)]));

// Written out from ONOFFICE_API.md §5 (with the codes "also met by probes"), independently of the catalogue.
// 50 (the emailidentity parameter is missing), 184, 243 and 286 are faults in the request, not in the credentials.
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const EXPECTED: Record<Exclude<ErrorCategory, 'transport' | 'api'>, number[]> = {
  credentials: [13, 22, 28, 30, 40, 41, 42, 43, 45, 47, 48, 49, 104, 134, 137, 153, 158],
  clock: [136],
  rights: [80, 292, 293, 131, 149, 156, 170, 174, 183, 253, 261, 262],
  mail: [51, 52, 53, 55, 56, 62, 133, 146, 148, 191, 211, 233, 238, 242, 276, 283],
  fields: [75, 141, 145, 143, 212, 252],
  structure: [...range(3, 9), 14, 15, 16, 17, 18, 19, 20, 23, 24, 25, 50, 58, 59, 60, 139, 142, 167, 184, 243, 256, 286, 302],
  marketplace: [177, 178, 193, 201, 240, 248],
  server: [1, 97, 500],
};
const EXPECTED_TABLE: [number, ErrorCategory][] = Object.entries(EXPECTED).flatMap(([category, codes]) =>
  codes.map((code): [number, ErrorCategory] => [code, category as ErrorCategory]),
);

const both = (t: Rendered): string => `${t.de}\n${t.en}`;

function expectBilingual(t: Rendered): void {
  expect(t.de.trim()).not.toBe('');
  expect(t.en.trim()).not.toBe('');
  expect(t.de).not.toBe(t.en);
}

describe('API_ERROR_CATALOGUE', () => {
  it('holds exactly the codes of §5', () => {
    expect([...API_ERROR_CATALOGUE.keys()].sort((a, b) => a - b)).toEqual(EXPECTED_TABLE.map(([c]) => c).sort((a, b) => a - b));
  });

  it.each(EXPECTED_TABLE)('code %i is in category %s', (code, category) => {
    expect(API_ERROR_CATALOGUE.get(code)?.category).toBe(category);
    expect(categoryOf(code)).toBe(category);
  });

  it.each([...API_ERROR_CATALOGUE.values()].map((e) => [e.code, e] as const))('entry %i is complete in both languages', (code, e) => {
    expect(e.code).toBe(code);
    expect(e.serverMessage.trim()).not.toBe('');
    expect(ERROR_CATEGORIES).toContain(e.category);
    expectBilingual(e.title);
    expectBilingual(e.explanation);
    expectBilingual(e.fix);
  });

  it('fixes name enterprise menus in German and English', () => {
    const fix = (code: number): Rendered => API_ERROR_CATALOGUE.get(code)?.fix as Rendered;
    expect(fix(49).de).toContain('Extras → Einstellungen → Benutzer');
    expect(fix(49).en).toContain('Extras → Settings → User');
    expect(fix(49).de).toMatch(/nur ein einziges Mal angezeigt/);
    expect(fix(49).en).toMatch(/shown only once/);
    expect(fix(51).de).toContain('Extras → Einstellungen → Grundeinstellungen → E-Mail → Postfach öffnen → „Zugeordnete Benutzer“');
    expect(fix(51).en).toContain('"Assigned users"');
    expect(fix(149).de).toContain('Immobilie → Vermarktung → Eigene Homepage: Veröffentlichen');
    expect(fix(149).de).toContain('„Alle“');
    expect(fix(253).de).toContain('Rechte → Admin');
    expect(fix(193).en).toContain('extendedclaim');
  });

  it('server codes point to the status page', () => {
    for (const code of [1, 97, 500]) expect(both(explainApiError(code, '').fix)).toContain('status.onoffice.de');
  });
});

describe('facts from the documentation', () => {
  const entries = [...API_ERROR_CATALOGUE.values()];
  const everything = entries.map((e) => [e.title, e.explanation, e.fix].map(both).join('\n')).join('\n');

  it('names the mailbox list and the user-data right as enterprise does', () => {
    expect(everything).not.toMatch(/Zugewiesene Benutzer/);
    expect(everything).not.toMatch(/per API auslesen/);
    expect(fixOf(170).de).toContain('„Benutzerdaten über API auslesen“');
    for (const code of [51, 56, 148, 211]) expect(fixOf(code).de, String(code)).toContain('„Zugeordnete Benutzer“');
  });

  it('never says an inactive mailbox cannot send', () => {
    expect(everything).not.toMatch(/deaktivierte[s]? Postfach|Postfach (ist )?deaktiviert|Postfach muss aktiv|versendet nichts/);
    expect(everything).not.toMatch(/(deactivated|inactive) mailbox|mailbox (is )?(deactivated|inactive)|mailbox must be active|sends nothing/i);
    // Where it comes up, the tick is explained as what it is.
    expect(fixOf(211).de).toMatch(/„Postfach aktiv“ betrifft nur den Abruf eingehender E-Mails, nicht den Versand/);
    expect(fixOf(211).en).toMatch(/only controls fetching incoming mail, not sending/);
  });

  it('50 is a missing parameter, 51 an identity the user may not use, 148/211 also the mail server or SMTP', () => {
    const e50 = explainApiError(50, 'Missing email identity');
    expect(e50.category).toBe('structure');
    expect(both(e50.explanation)).toMatch(/emailidentity[\s\S]*emailidentity/);
    expect(e50.explanation.en).toContain('not a sign of a missing mailbox');
    expect(e50.fix.en).toContain('If it came from API User Desk, this is a bug');
    expect(explainApiError(51, '').explanation.en).toContain('not assigned');
    for (const code of [148, 211]) {
      const e = explainApiError(code, '');
      for (const word of ['Mailserver', 'SMTP']) expect(e.explanation.de, String(code)).toContain(word);
      for (const word of ['mail server', 'SMTP']) expect(e.explanation.en, String(code)).toContain(word);
    }
  });

  it('read rights name the four scopes and per-record rights', () => {
    for (const code of [80, 149, 292, 293]) {
      const f = fixOf(code);
      expect(f.de, String(code)).toContain('„Alle“, „Bürogruppe“, „nur eigene“ und „keine“');
      expect(f.de, String(code)).toContain('Datensatzrechte');
      expect(f.en, String(code)).toContain('"all", "office group", "only own" and "none"');
      expect(f.en, String(code)).toContain('Per-record rights');
    }
  });

  it('quotes with „…“ only enterprise labels the help uses', () => {
    const quoted = new Set([...everything.matchAll(/„([^“]*)“/g)].map((m) => m[1]));
    const allowed = new Set([
      'Zugeordnete Benutzer',
      'Postfach aktiv',
      'Benutzerdaten über API auslesen',
      'Alle',
      'Bürogruppe',
      'nur eigene',
      'keine',
      '+',
      // Operating-system labels and commands, not enterprise's.
      'Uhrzeit automatisch festlegen',
      'Uhrzeit und Datum automatisch einstellen',
      'timedatectl set-ntp true',
      // Parameter and action names.
      'receiver',
      'templateid',
      'extendedclaim',
      'actions',
      'actionid',
      'parameters',
      'read',
      'get',
      'labels',
      'sortby',
      'do unlockProvider',
    ]);
    expect([...quoted].filter((q) => !allowed.has(q as string))).toEqual([]);
  });

  it('184, 243 and 286 are faults in the request, never credentials', () => {
    for (const code of [184, 243, 286]) {
      const e = explainApiError(code, '', { tokenLength: 32, secretLength: 64 });
      expect(e.category, String(code)).toBe('structure');
      expect(e.explanation.en, String(code)).toContain('fault in the request, not in token or secret');
    }
    // Wrong lengths do not turn 243 into a credentials problem: its cause is the decimal parameter.
    const e = explainApiError(243, 'The HMAC is invalid. "kaufpreis" should be passed as string', { tokenLength: 20, secretLength: 64 });
    expect(e.explanation.en).not.toMatch(/swapped or truncated/);
    expect(e.explanation.de).toContain('Kommazahl');
    expect(e.explanation.en).toContain('kaufpreis');
  });

  it('every code the probes can meet has a full entry', () => {
    for (const code of [58, 59, 60, 62, 133, 139, 142, 156, 167, 256, 276, 283, 286]) expect(API_ERROR_CATALOGUE.has(code), String(code)).toBe(true);
    for (const code of [58, 59, 60, 139, 142, 167, 256]) expect(fixOf(code).en, String(code)).toContain('If it came from API User Desk, this is a bug');
    for (const code of [62, 133, 276, 283]) {
      const e = explainApiError(code, '');
      expect(e.category, String(code)).toBe('mail');
      expect(e.title.en).toBe('E-mail not found');
      expect(e.explanation.en).toContain('identity itself was accepted');
    }
    expect(explainApiError(167, 'Missing parameter "recordIds"').explanation.en).toContain('recordIds');
  });

  it('136 and 158 say a check from here measures this computer and give a test for the web server', () => {
    const clock = explainApiError(136, '', { clockOffsetSeconds: 0 }).fix;
    const ip = explainApiError(158, '').fix;
    for (const f of [clock, ip]) {
      expect(f.de).toContain('misst diesen Rechner, nicht den Webserver');
      expect(f.en).toContain('measures this computer, not the web server');
    }
    expect(both(clock)).toContain("curl -sI https://api.onoffice.de/api/stable/api.php | grep -i '^date'");
    expect(both(clock)).toContain('date -u');
    expect(both(clock)).toContain("gmdate('r')");
    expect(both(ip)).toContain('curl -s https://ifconfig.me');
  });
});

const fixOf = (code: number): Rendered => API_ERROR_CATALOGUE.get(code)?.fix as Rendered;

describe('German wording', () => {
  it('always says "der Token" (never "das Token"), in the error and command-line texts', () => {
    const neuter = /\b(das|dieses|welches|ein neues|kein gültiges|jedes)\s+([A-Za-z]+-)?Token\b/i;
    for (const [key, text] of Object.entries({ ...deErrors, ...deCli })) expect(text, key).not.toMatch(neuter);
    expect(render('de', explainApi(13, '').explanation)).toContain('Der Token ist 32 Zeichen lang');
  });
});

describe('explainApiError', () => {
  it('keeps the server message verbatim and copies the catalogue texts', () => {
    const e = explainApi(49, 'Secret is wrong!');
    expect(e).toMatchObject({ code: 49, category: 'credentials', serverMessage: 'Secret is wrong!' });
    expect(e.title).toEqual(CATALOGUE.get(49)?.title);
    (e.title as { key: string }).key = 'changed';
    expect(CATALOGUE.get(49)?.title).not.toEqual(e.title);
  });

  it('holds catalogue keys, never sentences, and the server message stays verbatim in both languages', () => {
    const keysOnly = (t: Text): boolean => ('parts' in t ? t.parts.every(keysOnly) : 'key' in t);
    for (const e of CATALOGUE.values()) for (const t of [e.title, e.explanation, e.fix]) expect(keysOnly(t), String(e.code)).toBe(true);
    const e = explainApi(141, 'Unknown field: {x} ind_1');
    expect(render('de', e.explanation)).toContain('„Unknown field: {x} ind_1“');
    expect(render('en', e.explanation)).toContain('"Unknown field: {x} ind_1"');
  });

  it('explains an unknown code as category api, quoting the server', () => {
    const e = explainApiError(999, 'Something odd happened');
    expect(e.category).toBe('api');
    expect(categoryOf(999)).toBe('api');
    expect(e.title).toEqual({ de: 'Unbekannter Fehler 999', en: 'Unknown error 999' });
    expect(e.explanation.de).toContain('Something odd happened');
    expect(e.explanation.en).toContain('Something odd happened');
    expect(e.serverMessage).toBe('Something odd happened');
    for (const lang of ['de', 'en'] as const) {
      expect(e.fix[lang]).toContain('status.onoffice.de');
      expect(e.fix[lang]).toContain('999');
      expect(e.fix[lang]).toMatch(/Support|support/);
    }
  });

  it('says so when an unknown code comes without a message', () => {
    const e = explainApiError(998, '');
    expect(e.explanation.de).toContain('keinen Meldungstext');
    expect(e.explanation.en).toContain('no message text');
  });

  it('quotes the live message where it names the detail', () => {
    const e = explainApiError(141, 'Unknown field: ind_1234_Feld');
    expect(e.explanation.de).toContain('ind_1234_Feld');
    expect(e.explanation.en).toContain('ind_1234_Feld');
    expect(explainApiError(261, 'Missing write right for address(es) with id(s) 17, 18').explanation.en).toContain('17, 18');
  });
});

describe('marketplace API users (193, 201, 240, 248)', () => {
  const bothOf = (code: number, ctx = {}) => {
    const e = explainApiError(code, '', ctx);
    return { explanation: both(e.explanation), fix: both(e.fix) };
  };

  it('193: the claim is missing or wrong; set it in the profile or ONOFFICE_API_CLAIM, taken from the activation URL', () => {
    const { explanation, fix } = bothOf(193);
    expect(explanation).toMatch(/fehlte oder war falsch/);
    expect(explanation).toMatch(/missing or wrong/);
    for (const text of ['Zugangsdaten ersetzen', 'Replace credentials', 'ONOFFICE_API_CLAIM', 'iFrame', 'parameter apiClaim', 'Parameter apiClaim', '"extendedclaim": "<apiClaim>"']) {
      expect(fix).toContain(text);
    }
    // Agency staff who meet it with someone else's API user are told to use their own.
    expect(fix).toContain('Sind Sie kein Marketplace-Anbieter');
    expect(fix).toContain('Extras → Settings → User');
  });

  it('193 tells a claim that was not sent from one that was refused, when the caller knows', () => {
    expect(bothOf(193, { apiClaimSent: false }).explanation).toMatch(/kein API-Claim hinterlegt[\s\S]*no API claim is stored/);
    expect(bothOf(193, { apiClaimSent: true }).explanation).toMatch(/nicht angenommen[\s\S]*did not accept/);
    expect(bothOf(193).explanation).not.toMatch(/This app sent/);
  });

  it("201: an outdated claim; the latest activation's claim replaces it", () => {
    const { explanation, fix } = bothOf(201);
    expect(explanation).toMatch(/erneut aktiviert[\s\S]*activated the app again/);
    expect(fix).toMatch(/jüngsten Aktivierung[\s\S]*latest activation/);
    expect(fix).toContain('ONOFFICE_API_CLAIM');
  });

  it('248: no activation matches; token and claim from different activations or customers', () => {
    const { explanation, fix } = bothOf(248);
    expect(explanation).toMatch(/Keine Aktivierung passt[\s\S]*No activation matches/);
    expect(explanation).toMatch(/verschiedenen Aktivierungen oder von verschiedenen Kunden[\s\S]*different activations or different customers/);
    expect(fix).toMatch(/derselben, jüngsten Aktivierung desselben Kunden[\s\S]*same, latest activation of the same customer/);
  });

  it('240: the call is closed to marketplace API users; no credential change helps', () => {
    const { explanation, fix } = bothOf(240);
    expect(explanation).toMatch(/kein fehlendes Recht[\s\S]*not a missing right/);
    expect(fix).toMatch(/normalen API-Benutzer[\s\S]*regular API user/);
  });

  it('49 and 137 name the two secrets providers confuse: the provider secret signs only the activation URL', () => {
    for (const code of [49, 137]) {
      const fix = both(explainApiError(code, '', { tokenLength: 32, secretLength: 64 }).fix);
      expect(fix, String(code)).toMatch(/Anbieter-Secret[^.]*nur die Aktivierungs-URL signiert/);
      expect(fix, String(code)).toMatch(/provider secret[^.]*only signs the activation URL/);
      expect(fix, String(code)).toMatch(/API calls are signed only by the secret of the API user that the activation created/);
    }
  });
});

describe('137: token and secret lengths', () => {
  it('wrong lengths: says plainly 32 / 64, swapped or truncated, with the measured lengths', () => {
    const e = explainApiError(137, 'The HMAC is invalid', { tokenLength: 31, secretLength: 64 });
    expect(e.explanation.en).toMatch(/token must be 32 and the secret 64 characters long — swapped or truncated\?/i);
    expect(e.explanation.de).toMatch(/Token muss 32, das Secret 64 Zeichen lang sein – vertauscht oder abgeschnitten\?/);
    expect(e.explanation.en).toContain('token 31 characters');
    expect(e.explanation.de).toContain('Token 31 Zeichen');
    expect(e.explanation.de).toContain('Secret 64 Zeichen');
    expect(both(e.fix)).toMatch(/Extras → Einstellungen → Benutzer[\s\S]*Extras → Settings → User/);
  });

  it('an extra character hints at a copied space or line break', () => {
    const e = explainApiError(137, '', { tokenLength: 33, secretLength: 64 });
    expect(e.explanation.de).toContain('Leerzeichen');
    expect(e.explanation.en).toContain('line break');
  });

  it('only one length measured: still checked', () => {
    const e = explainApiError(137, '', { secretLength: 40 });
    expect(e.explanation.en).toContain('secret 40 characters');
    expect(e.explanation.en).toContain('token not measured');
  });

  it('64/32: says they look swapped', () => {
    const e = explainApiError(137, '', { tokenLength: 64, secretLength: 32 });
    expect(e.explanation.de).toContain('vertauscht');
    expect(e.explanation.en).toContain('swapped');
    expect(e.fix.de).toContain('32-stelligen Wert als Token');
    expect(e.fix.en).toContain('32-character value as the token');
  });

  it('right lengths: a wrong or outdated secret', () => {
    const e = explainApiError(137, '', { tokenLength: 32, secretLength: 64 });
    expect(e.explanation.en).toContain('right length');
    expect(e.explanation.en).toMatch(/wrong or outdated/);
    expect(e.explanation.en).toMatch(/regenerated since/);
    expect(e.explanation.de).toMatch(/falsch oder veraltet/);
    expect(e.explanation.en).not.toMatch(/swapped or truncated/);
  });

  it('causes only hand-written code has are advice for that code, never a cause here', () => {
    for (const ctx of [{}, { tokenLength: 32, secretLength: 64 }]) {
      const e = explainApiError(137, '', ctx);
      expect(both(e.explanation)).not.toMatch(/Kommazahl|decimal|Zeitstempel|timestamp|Wiederholung|retry/);
      expect(e.fix.en).toContain('If your own integration code gets 137 while this app is accepted');
      expect(e.fix.en).toMatch(/decimals as strings[\s\S]*timestamp only once[\s\S]*sign every retry anew/);
      expect(e.fix.de).toContain('Bekommt Ihre eigene Anbindung 137, während dieses Programm');
    }
    expect(API_ERROR_CATALOGUE.get(137)?.explanation.en).toMatch(/copied incompletely or swapped[\s\S]*wrong or outdated[\s\S]*regenerated since/);
  });

  it('without lengths: the general explanation', () => {
    expect(explainApiError(137, '').explanation).toEqual(API_ERROR_CATALOGUE.get(137)?.explanation);
  });
});

describe('136: clock offset', () => {
  it('positive offset: the local clock is behind', () => {
    const e = explainApiError(136, '', { clockOffsetSeconds: 412 });
    expect(e.category).toBe('clock');
    expect(e.explanation.en).toContain('Your clock is 412 s');
    expect(e.explanation.en).toContain('behind the server');
    expect(e.explanation.de).toContain('Ihre Uhr geht gegenüber dem onOffice-Server 412 s');
    expect(e.explanation.de).toMatch(/412 s \(rund 7 min\) nach\./);
    expect(both(e.explanation)).not.toMatch(/ahead| vor /);
    expect(both(e.explanation)).toContain('±120 s');
    expect(e.fix.de).toContain('NTP');
    expect(e.fix.en).toContain('NTP');
  });

  it('negative offset: the local clock is ahead', () => {
    const e = explainApiError(136, '', { clockOffsetSeconds: -300 });
    expect(e.explanation.en).toMatch(/Your clock is 300 s .*ahead of the server/);
    expect(e.explanation.de).toMatch(/Ihre Uhr geht gegenüber dem onOffice-Server 300 s .*vor\./);
    expect(both(e.explanation)).not.toMatch(/behind| nach /);
  });

  it('null offset: says it could not be measured', () => {
    for (const ctx of [{ clockOffsetSeconds: null }, {}]) {
      const e = explainApiError(136, '', ctx);
      expect(e.explanation.de).toContain('konnte nicht gemessen werden');
      expect(e.explanation.en).toContain('could not be measured');
      expect(both(e.explanation)).toContain('±120 s');
    }
  });

  it('an offset within the window points at an old timestamp', () => {
    const e = explainApiError(136, '', { clockOffsetSeconds: 30 });
    expect(e.explanation.en).toContain('behind');
    expect(e.explanation.en).toContain('within the allowed window');
    expect(e.explanation.de).toContain('innerhalb des erlaubten Fensters');
  });

  it('an offset of whole hours hints at the time zone', () => {
    const e = explainApiError(136, '', { clockOffsetSeconds: -3605 });
    expect(e.explanation.de).toContain('Zeitzone');
    expect(e.explanation.en).toContain('time zone');
  });
});

describe('explainTransportError', () => {
  it.each(TRANSPORT_ERROR_CODES.map((c) => [c]))('%s is explained in both languages', (code) => {
    const e = explainTransportError(code);
    expect(e.code).toBe(code);
    expect(e.category).toBe('transport');
    expect(e.serverMessage).toBe('');
    expectBilingual(e.title);
    expectBilingual(e.explanation);
    expectBilingual(e.fix);
  });

  it('passes the technical detail on, e.g. which timeout ran out', () => {
    const e = explainTransportError('timeout-connect', { detail: 'no connection within 1000 ms', endpointHost: 'api.onoffice.de' });
    expect(e.explanation.de).toContain('no connection within 1000 ms');
    expect(e.explanation.en).toContain('no connection within 1000 ms');
    expect(e.explanation.en).toContain('api.onoffice.de');
  });

  it('http-status: 5xx is a server problem, 4xx a wrong URL', () => {
    const server = explainTransportError('http-status', { httpStatus: 503 });
    expect(both(server.explanation)).toContain('HTTP 503');
    expect(server.explanation.en).toContain('server side');
    expect(server.fix.en).toContain('status.onoffice.de');
    const client = explainTransportError('http-status', { httpStatus: 404 });
    expect(both(client.explanation)).toContain('HTTP 404');
    expect(client.explanation.de).toContain('falsche Endpunkt-Adresse');
    expect(client.explanation.en).toContain('wrong endpoint URL');
  });

  it('names the likely causes', () => {
    expect(both(explainTransportError('connection-refused').explanation)).toMatch(/Sandbox[\s\S]*sandbox/);
    expect(both(explainTransportError('dns').explanation)).toMatch(/Proxy[\s\S]*proxy/);
    expect(both(explainTransportError('tls').explanation)).toMatch(/Zertifikat[\s\S]*certificate/);
    expect(both(explainTransportError('malformed').explanation)).toMatch(/HTML[\s\S]*HTML/);
    expect(both(explainTransportError('endpoint-invalid').explanation)).toMatch(/https:\/\/[\s\S]*localhost/);
    expect(explainTransportError('aborted').explanation.en).toContain('cancelled');
  });
});
