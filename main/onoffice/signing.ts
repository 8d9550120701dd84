/**
 * onOffice request signing (ONOFFICE_API.md §3).
 * Version 2 is what the client sends; version 1 is legacy and kept so the sandbox can verify old clients.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface HmacV2Input {
  secret: string;
  timestamp: number;
  token: string;
  resourcetype: string;
  actionid: string;
}

/** base64(HMAC-SHA256(secret, timestamp + token + resourcetype + actionid)) — no separators. */
export function hmacV2({ secret, timestamp, token, resourcetype, actionid }: HmacV2Input): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}${token}${resourcetype}${actionid}`, 'utf8')
    .digest('base64');
}

export interface HmacV1Input {
  secret: string;
  timestamp: number;
  token: string;
  resourcetype: string;
  actionid: string;
  identifier: string;
  resourceid: string;
  parameters: Record<string, unknown>;
}

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** md5(secret + md5(phpJson(ksort(parameters)) + "," + [token, actionid, identifier, resourceid, secret, timestamp, resourcetype].join(","))) */
export function hmacV1(input: HmacV1Input): string {
  const fields = [
    input.token,
    input.actionid,
    input.identifier,
    input.resourceid,
    input.secret,
    String(input.timestamp),
    input.resourcetype,
  ].join(',');
  return md5(input.secret + md5(`${phpJsonEncode(sortTopLevel(input.parameters))},${fields}`));
}

/** Parameters are sorted by key at the top level only (PHP's ksort), never recursively. */
export function sortTopLevel<T>(parameters: Record<string, T>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(parameters).sort(compareBytes)) sorted[key] = parameters[key] as T;
  return sorted;
}

/**
 * Matches PHP's ksort for the non-numeric ASCII names onOffice parameters use. (PHP compares numeric keys as
 * numbers, and JS objects put integer-like keys first anyway: neither occurs among top-level parameter names.)
 */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * PHP's json_encode with default flags: no spaces, `/` escaped as `\/`, non-ASCII as `\uXXXX` (UTF-16 units),
 * an empty array or empty object both as `[]` (PHP cannot tell them apart once decoded to an array).
 */
export function phpJsonEncode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('phpJsonEncode: non-finite number');
    return String(value);
  }
  if (typeof value === 'string') return phpString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // PHP encodes a list (keys 0..n-1) as a JSON array.
    return `[${value.map((v) => phpJsonEncode(v)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '[]';
    // A PHP array whose keys are exactly 0..n-1 in order is a list and encodes as a JSON array.
    if (entries.every(([k], i) => k === String(i))) return `[${entries.map(([, v]) => phpJsonEncode(v)).join(',')}]`;
    return `{${entries.map(([k, v]) => `${phpString(k)}:${phpJsonEncode(v)}`).join(',')}}`;
  }
  throw new TypeError(`phpJsonEncode: cannot encode ${typeof value}`);
}

function phpString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '/') out += '\\/';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Constant-time comparison of two signatures (strings of any length). */
export function signaturesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
