/**
 * The credentials format probe, run before any call: lengths (token 32, secret 64), whitespace, swapped values,
 * characters outside printable ASCII. Reports positions and lengths only — never a character of either value.
 */
import { SECRET_LENGTH, TOKEN_LENGTH } from '../../onoffice/errors.ts';
import type { Credentials } from '../../onoffice/wire.ts';
import { T, join, type Text } from '../../domain/i18n/index.ts';
import type { Finding } from '../types.ts';

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

const NAME = { token: T('finding.credentials.token'), secret: T('finding.credentials.secret'), both: T('finding.credentials.token-and-secret') };

function describe(p: FormatProblem, r: FormatResult): Text {
  const n = NAME[p.which];
  switch (p.kind) {
    case 'empty':
      return T('finding.credentials.the-n-is-empty', { n });
    case 'whitespace':
      return T('finding.credentials.the-n-contains-spaces-or-line', { n });
    case 'non-ascii':
      return T('finding.credentials.the-n-contains-characters-that-never', { n });
    case 'swapped':
      return T('finding.credentials.token-and-secret-look-swapped-the', { tokenLength: r.tokenLength, secretLength: r.secretLength });
    case 'length': {
      const expected = p.which === 'token' ? TOKEN_LENGTH : SECRET_LENGTH;
      const got = p.which === 'token' ? r.tokenLength : r.secretLength;
      return T('finding.credentials.the-n-has-got-instead-of', { n, got, expected });
    }
  }
}

const RECOPY = T('finding.credentials.recopy');

const SWAP = T('finding.credentials.swap');

/** The `credentials` finding from the format alone; null when the format is fine (the server then decides). */
export function formatFinding(r: FormatResult): Finding | null {
  if (r.problems.length === 0) return null;
  const text = r.problems.map((p) => describe(p, r));
  return {
    id: 'credentials',
    status: r.usable ? 'warn' : 'fail',
    title: r.usable
      ? T('finding.credentials.token-or-secret-has-an-unusual')
      : T('finding.credentials.token-or-secret-cannot-be-used'),
    explanation: join(...text),
    fix: r.problems.some((p) => p.kind === 'swapped') ? SWAP : RECOPY,
    evidence: { message: `token ${r.tokenLength} chars, secret ${r.secretLength} chars` },
    heuristic: false,
  };
}
