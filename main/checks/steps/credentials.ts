/**
 * The credentials format probe, run before any call: lengths (token 32, secret 64), whitespace, swapped values,
 * characters outside printable ASCII. Reports positions and lengths only — never a character of either value.
 */
import { SECRET_LENGTH, TOKEN_LENGTH } from '../../onoffice/errors.ts';
import type { Credentials } from '../../onoffice/wire.ts';
import { L, type Finding, type Localized } from '../types.ts';

export interface FormatProblem {
  which: 'token' | 'secret' | 'both';
  kind: 'empty' | 'whitespace' | 'non-ascii' | 'swapped' | 'length';
}

export interface FormatResult {
  /** False when a call cannot succeed with these values: the engine then makes no call. */
  usable: boolean;
  problems: FormatProblem[];
  tokenLength: number;
  secretLength: number;
}

const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

export function checkCredentialFormat(credentials: Credentials): FormatResult {
  const { token, secret } = credentials;
  const problems: FormatProblem[] = [];
  for (const [which, value] of [['token', token], ['secret', secret]] as const) {
    if (value.length === 0) problems.push({ which, kind: 'empty' });
    else if (/\s/.test(value)) problems.push({ which, kind: 'whitespace' });
    else if (!PRINTABLE_ASCII.test(value)) problems.push({ which, kind: 'non-ascii' });
  }
  const t = token.trim().length;
  const s = secret.trim().length;
  if (t === SECRET_LENGTH && s === TOKEN_LENGTH) problems.push({ which: 'both', kind: 'swapped' });
  else {
    if (t > 0 && t !== TOKEN_LENGTH) problems.push({ which: 'token', kind: 'length' });
    if (s > 0 && s !== SECRET_LENGTH) problems.push({ which: 'secret', kind: 'length' });
  }
  // A wrong length alone is left to the server to judge: the documentation is the only source for 32/64.
  const usable = problems.every((p) => p.kind === 'length');
  return { usable, problems, tokenLength: token.length, secretLength: secret.length };
}

const NAME = { token: L('Token', 'token'), secret: L('Secret', 'secret'), both: L('Token und Secret', 'token and secret') };

function describe(p: FormatProblem, r: FormatResult): Localized {
  const n = NAME[p.which];
  switch (p.kind) {
    case 'empty':
      return L(`${n.de} ist leer.`, `The ${n.en} is empty.`);
    case 'whitespace':
      return L(
        `${n.de} enthält Leerzeichen oder Zeilenumbrüche – meist beim Kopieren mitgenommen.`,
        `The ${n.en} contains spaces or line breaks — usually copied along.`,
      );
    case 'non-ascii':
      return L(
        `${n.de} enthält Zeichen, die in Token und Secret nicht vorkommen (Umlaute, typografische Zeichen, unsichtbare Zeichen).`,
        `The ${n.en} contains characters that never occur in a token or secret (umlauts, typographic or invisible characters).`,
      );
    case 'swapped':
      return L(
        `Token und Secret sind offenbar vertauscht: Das Token hat ${r.tokenLength} Zeichen, das Secret ${r.secretLength} – erwartet sind 32 für das Token und 64 für das Secret.`,
        `Token and secret look swapped: the token has ${r.tokenLength} characters and the secret ${r.secretLength} — expected are 32 for the token and 64 for the secret.`,
      );
    case 'length': {
      const expected = p.which === 'token' ? TOKEN_LENGTH : SECRET_LENGTH;
      const got = p.which === 'token' ? r.tokenLength : r.secretLength;
      return L(
        `${n.de} hat ${got} statt ${expected} Zeichen – abgeschnitten oder zu viel kopiert?`,
        `The ${n.en} has ${got} instead of ${expected} characters — truncated or copied too much?`,
      );
    }
  }
}

const RECOPY = L(
  'Kopieren Sie Token und Secret noch einmal vollständig und ohne Leerzeichen aus dem Datensatz des API-Benutzers (Extras → Einstellungen → Benutzer). Ist das Secret nicht mehr greifbar: im Datensatz ein neues Secret und API-Token generieren lassen – das Secret wird nur einmal angezeigt, und das neue Token macht das alte ungültig.',
  'Copy token and secret again, completely and without spaces, from the API user\'s record (Extras → Settings → User). If the secret is no longer at hand: "generate new secret and API token" in the record — the secret is shown only once, and the new token invalidates the old one.',
);

const SWAP = L(
  'Tragen Sie den 32-stelligen Wert als Token und den 64-stelligen als Secret ein.',
  'Enter the 32-character value as the token and the 64-character value as the secret.',
);

/** The `credentials` finding from the format alone; null when the format is fine (the server then decides). */
export function formatFinding(r: FormatResult): Finding | null {
  if (r.problems.length === 0) return null;
  const text = r.problems.map((p) => describe(p, r));
  return {
    id: 'credentials',
    status: r.usable ? 'warn' : 'fail',
    title: r.usable
      ? L('Token oder Secret hat eine ungewöhnliche Länge', 'Token or secret has an unusual length')
      : L('Token oder Secret ist so nicht verwendbar', 'Token or secret cannot be used as entered'),
    explanation: L(text.map((t) => t.de).join(' '), text.map((t) => t.en).join(' ')),
    fix: r.problems.some((p) => p.kind === 'swapped') ? SWAP : RECOPY,
    evidence: { message: `token ${r.tokenLength} chars, secret ${r.secretLength} chars` },
    heuristic: false,
  };
}
