/**
 * Makes a request or response body safe to keep: the token becomes its hint, every HMAC goes, and the secret —
 * which should never be in a body, since it only keys the HMAC — is removed too if it ever shows up. A marketplace
 * API user's claim travels in every request (`extendedclaim`) and is removed like the secret. Bodies are JSON
 * (from PHP on the server side), so the escaped and URL-encoded spellings of each value are removed as well.
 */
import { tokenHint } from './mask.ts';

export interface RedactionKeys {
  token: string;
  secret: string;
  apiClaim?: string;
}

export const HMAC_REMOVED = '[hmac removed]';
export const SECRET_REMOVED = '[secret removed]';
export const API_CLAIM_REMOVED = '[api claim removed]';

/** `"hmac": "…"`, also when a capped body ends inside the value. */
const HMAC_STRING = /"hmac"\s*:\s*"((?:[^"\\]|\\.)*)"?/g;
const HMAC_OTHER = /"hmac"\s*:\s*(?!["\s])([^,}\]\s]+)/g;
/** A real HMAC is 44 base64 characters; short values are not worth hunting for everywhere. */
const MIN_HUNTED = 8;
/** A body cut off by the client may end with the beginning of a value: longer than a hint shows, it goes. */
const MIN_TRAILING = 5;

function jsonDecoded(escaped: string): string | null {
  try {
    const decoded: unknown = JSON.parse(`"${escaped}"`);
    return typeof decoded === 'string' ? decoded : null;
  } catch {
    return null;
  }
}

/** Every way `value` can be spelled inside a JSON body or a URL. */
function spellings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const forms = [value, json, json.replaceAll('/', '\\/'), encodeURIComponent(value), jsonDecoded(value)];
  return [...new Set(forms.filter((f): f is string => f !== null && f.length >= MIN_HUNTED))];
}

function replaceEverywhere(text: string, value: string, by: string): string {
  // A value spelled like its own replacement (a crafted body) would never go away: one pass is all it gets.
  // A function, not a string, as replacement: `$&` and friends in a token must stay literal.
  if (by.includes(value)) return text.replaceAll(value, () => by);
  let out = text;
  // Overlapping occurrences need more than one pass; the bound only guards against a crafted body.
  for (let pass = 0; pass < 64 && out.includes(value); pass++) out = out.replaceAll(value, () => by);
  return out;
}

/** What a shortened excerpt ends with after the cut (wire.ts snippets): the cut value sits just before it. */
const CUT_MARK = /…\s*$/;

function dropTrailingPrefix(text: string, value: string, by: string): string {
  const mark = CUT_MARK.exec(text)?.[0] ?? '';
  const body = text.slice(0, text.length - mark.length);
  for (let k = value.length - 1; k >= MIN_TRAILING; k--) {
    if (body.endsWith(value.slice(0, k))) return body.slice(0, body.length - k) + by + mark;
  }
  return text;
}

/** The HMAC values in a body, so they can also be removed where they are echoed (e.g. in a message). */
export function hmacsIn(text: string): string[] {
  const found = [...text.matchAll(HMAC_STRING)].map((m) => jsonDecoded(m[1] as string) ?? (m[1] as string));
  return [...found, ...[...text.matchAll(HMAC_OTHER)].map((m) => m[1] as string)];
}

/**
 * Returns a redactor for one exchange: the profile's keys, plus the HMACs found in its bodies (`hmacsIn`), which
 * a server may echo in any field.
 */
export function createRedactor(keys: RedactionKeys, knownHmacs: readonly string[] = []): (text: string) => string {
  const hint = tokenHint(keys.token);
  return (text) => {
    const hmacs = [...knownHmacs, ...hmacsIn(text)];
    let out = text.replace(HMAC_STRING, `"hmac":"${HMAC_REMOVED}"`).replace(HMAC_OTHER, `"hmac":"${HMAC_REMOVED}"`);
    // Longest first, so that a value inside another is not left half-replaced.
    const plan: [string, string][] = [
      ...(keys.secret ? spellings(keys.secret).map((s): [string, string] => [s, SECRET_REMOVED]) : []),
      ...(keys.apiClaim ? spellings(keys.apiClaim).map((s): [string, string] => [s, API_CLAIM_REMOVED]) : []),
      ...hmacs.flatMap((h) => spellings(h).map((s): [string, string] => [s, HMAC_REMOVED])),
      ...(keys.token ? spellings(keys.token).map((s): [string, string] => [s, hint]) : []),
    ].sort((a, b) => b[0].length - a[0].length);
    for (const [value, by] of plan) out = replaceEverywhere(out, value, by);
    // A cut can fall inside any spelling: an excerpt of a JSON body ends in the escaped one.
    const trailing: [string, string][] = [
      ...(keys.secret ? [keys.secret, ...spellings(keys.secret)].map((s): [string, string] => [s, SECRET_REMOVED]) : []),
      ...(keys.apiClaim ? [keys.apiClaim, ...spellings(keys.apiClaim)].map((s): [string, string] => [s, API_CLAIM_REMOVED]) : []),
      ...(keys.token ? [keys.token, ...spellings(keys.token)].map((s): [string, string] => [s, hint]) : []),
    ];
    for (const [value, by] of trailing) out = dropTrailingPrefix(out, value, by);
    return out;
  };
}

/** Every string in `value`, object keys included, through `redact`; numbers, booleans and null stay as they are. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redact(k), walk(inner)]));
    return v;
  };
  return walk(value) as T;
}

/** Cuts `text` to at most `maxBytes` of UTF-8 (on a character boundary) and says so at the end. */
export function capText(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  const kept = bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
  return `${kept}…[cut: ${bytes.length} bytes in total, first ${maxBytes} kept]`;
}
