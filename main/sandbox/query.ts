/**
 * List reads as onOffice does them: `filter` ({field: [{op, val}]}), `sortby`, `listlimit`, `listoffset`, over
 * records whose values are the strings the API sends. Values compare as numbers when both sides are numeric,
 * otherwise as case-insensitive text (as the MySQL behind the real API does).
 * `listlimit` defaults to 20; more than 500 is clamped to 500, the most one call returns (less for some resources,
 * e.g. 100 for files); 0 counts only.
 */

export interface ApiError {
  errorcode: number;
  message: string;
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'errorcode' in value && 'message' in value;
}

const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 500;

export interface Row {
  id: number;
  /** Values as the API sends them; null compares as an empty string. */
  values: Readonly<Record<string, string | null>>;
}

const OPS = ['=', '>', '<', '>=', '<=', '!=', '<>', 'between', 'like', 'not like', 'in', 'not in'] as const;
type Op = (typeof OPS)[number];

interface Condition {
  field: string;
  op: Op;
  val: unknown;
}

const invalid = (what: string): ApiError => ({ errorcode: 20, message: `Missing or invalid element: parameters (${what})` });

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return '';
}

function isNumeric(s: string): boolean {
  return s.trim() !== '' && Number.isFinite(Number(s));
}

function compareValues(a: string, b: string): number {
  if (isNumeric(a) && isNumeric(b)) return Number(a) - Number(b);
  return a.toLowerCase().localeCompare(b.toLowerCase(), 'de');
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

function parseFilter(raw: unknown, knownField: (field: string) => boolean, unknownField: (field: string) => ApiError): Condition[] | ApiError {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) return invalid('filter');
  const conditions: Condition[] = [];
  for (const [field, specs] of Object.entries(raw as Record<string, unknown>)) {
    if (!knownField(field)) return unknownField(field);
    if (!Array.isArray(specs)) return invalid(`filter.${field}`);
    for (const spec of specs) {
      if (typeof spec !== 'object' || spec === null) return invalid(`filter.${field}`);
      const op = asText((spec as Record<string, unknown>).op).toLowerCase().trim();
      if (!(OPS as readonly string[]).includes(op)) return invalid(`filter.${field}.op`);
      const val = (spec as Record<string, unknown>).val;
      if (op === 'between' && !(Array.isArray(val) && val.length === 2)) return invalid(`filter.${field}.val`);
      conditions.push({ field, op: op as Op, val });
    }
  }
  return conditions;
}

function holds(value: string, c: Condition): boolean {
  const list = Array.isArray(c.val) ? c.val.map(asText) : [asText(c.val)];
  switch (c.op) {
    case '=':
      return compareValues(value, asText(c.val)) === 0;
    case '!=':
    case '<>':
      return compareValues(value, asText(c.val)) !== 0;
    case '>':
      return compareValues(value, asText(c.val)) > 0;
    case '<':
      return compareValues(value, asText(c.val)) < 0;
    case '>=':
      return compareValues(value, asText(c.val)) >= 0;
    case '<=':
      return compareValues(value, asText(c.val)) <= 0;
    case 'between':
      return compareValues(value, list[0] ?? '') >= 0 && compareValues(value, list[1] ?? '') <= 0;
    case 'like':
      return likeToRegExp(asText(c.val)).test(value);
    case 'not like':
      return !likeToRegExp(asText(c.val)).test(value);
    case 'in':
      return list.some((v) => compareValues(value, v) === 0);
    case 'not in':
      return !list.some((v) => compareValues(value, v) === 0);
  }
}

interface SortKey {
  field: string;
  descending: boolean;
}

/** `sortby` as an object ({field: "ASC"|"DESC"}) or, as older clients send it, a field name plus `sortorder`. */
function parseSort(sortby: unknown, sortorder: unknown, knownField: (field: string) => boolean): SortKey[] | ApiError {
  if (sortby === undefined || sortby === null || sortby === '' || (Array.isArray(sortby) && sortby.length === 0)) return [];
  const entries: [string, unknown][] =
    typeof sortby === 'string'
      ? [[sortby, sortorder]]
      : typeof sortby === 'object' && !Array.isArray(sortby)
        ? Object.entries(sortby as Record<string, unknown>)
        : [];
  if (entries.length === 0) return invalid('sortby');
  const keys: SortKey[] = [];
  for (const [field, order] of entries) {
    if (!knownField(field)) return { errorcode: 212, message: `Unknown sort field: ${field}` };
    keys.push({ field, descending: asText(order).toUpperCase() === 'DESC' });
  }
  return keys;
}

function nonNegativeInt(raw: unknown, fallback: number, what: string): number | ApiError {
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : invalid(what);
}

export interface ListParams {
  filter?: unknown;
  sortby?: unknown;
  sortorder?: unknown;
  listlimit?: unknown;
  listoffset?: unknown;
}

export interface ListPage {
  /** Matches before paging: the API's `cntabsolute`. */
  total: number;
  rows: Row[];
}

/** Filters, sorts (ties by id) and pages rows; `listlimit` is clamped to `maxLimit` (500 for reads). */
export function listRows(
  rows: readonly Row[],
  params: ListParams,
  knownField: (field: string) => boolean,
  unknownField: (field: string) => ApiError,
  maxLimit: number = MAX_LIST_LIMIT,
): ListPage | ApiError {
  const conditions = parseFilter(params.filter, knownField, unknownField);
  if (isApiError(conditions)) return conditions;
  const sort = parseSort(params.sortby, params.sortorder, knownField);
  if (isApiError(sort)) return sort;
  const limit = nonNegativeInt(params.listlimit, DEFAULT_LIST_LIMIT, 'listlimit');
  if (isApiError(limit)) return limit;
  const offset = nonNegativeInt(params.listoffset, 0, 'listoffset');
  if (isApiError(offset)) return offset;

  const matching = rows.filter((r) => conditions.every((c) => holds(r.values[c.field] ?? '', c)));
  const sorted = [...matching].sort((a, b) => {
    for (const key of sort) {
      const d = compareValues(a.values[key.field] ?? '', b.values[key.field] ?? '');
      if (d !== 0) return key.descending ? -d : d;
    }
    return a.id - b.id;
  });
  return { total: matching.length, rows: sorted.slice(offset, offset + Math.min(limit, maxLimit)) };
}

/** Id lists (`recordids`, `estateids`, `recordIds`): integers as numbers or strings; more than 500 fail with 302. */
export function parseIdList(raw: unknown, what: string): number[] | ApiError {
  if (raw === undefined || raw === null) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  if (items.length > MAX_LIST_LIMIT) return { errorcode: 302, message: 'Only up to 500 Ids can be requested' };
  const ids: number[] = [];
  for (const item of items) {
    const n = typeof item === 'number' ? item : typeof item === 'string' && /^\s*\d+\s*$/.test(item) ? Number(item) : Number.NaN;
    if (!Number.isInteger(n)) return invalid(what);
    ids.push(n);
  }
  return ids;
}
