/**
 * Pure derivations for fields: searching the field catalogue, a field's label in the person's language, and the
 * check form's field list ("estate:objekttitel, kaufpreis" lines) as the contract wants it.
 */
import type { FieldModule, FieldSummary, Localized } from '../../preload/contract.ts';
import { FIELD_MODULES, FIELD_NAME_PATTERN, MAX_CHECK_FIELDS } from '../../main/domain/vocabulary.ts';

/** The label in the person's language; the other language's where the API gave none in it. */
export const labelIn = (label: Localized, language: 'de' | 'en'): string => label[language] || label[language === 'de' ? 'en' : 'de'];

/** Lower case without accents: "flache" finds "Wohnfläche", as people often type without umlauts. */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** What a search compares against, built once per catalogue. */
export interface SearchableField {
  field: FieldSummary;
  text: string;
}

export const searchable = (fields: readonly FieldSummary[]): SearchableField[] =>
  fields.map((field) => ({ field, text: fold(`${field.name}\n${field.label.de}\n${field.label.en}`) }));

/** Fields whose name or label (German or English) holds every word of the query, in catalogue order. */
export function searchFields(fields: readonly SearchableField[], query: string): FieldSummary[] {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return fields.map((f) => f.field);
  return fields.filter((f) => words.every((w) => f.text.includes(w))).map((f) => f.field);
}

/** "varchar (80)", "singleselect", or "—" where the API named no type. */
export const typeLabel = (f: Pick<FieldSummary, 'type' | 'length'>): string => (f.type === '' ? '—' : f.length === null ? f.type : `${f.type} (${f.length})`);

// ---------------------------------------------------------------------------------------------------------------
// The check form's field list.

export interface FieldList {
  module: FieldModule;
  names: string[];
}

export type FieldListProblem =
  | { reason: 'unknownModule'; line: number; item: string }
  | { reason: 'invalidName'; line: number; item: string }
  | { reason: 'tooMany'; count: number };

export type ParsedFieldList = { ok: true; lists: FieldList[]; count: number } | { ok: false; problems: FieldListProblem[] };

/** A line's optional `module:` prefix; a colon later on belongs to no prefix and makes the name invalid. */
const PREFIX = /^\s*([A-Za-z]+)\s*:(.*)$/;

/**
 * One list per module from text: each line either `MODULE:FIELD,FIELD` (estate or address) or just field names,
 * which belong to estates. Names are separated by commas, semicolons, tabs or spaces (so CSV and TSV files load as
 * they are), may be quoted, and repeat only once; empty lines and lines starting with # are skipped.
 */
export function parseFieldList(text: string): ParsedFieldList {
  const names = new Map<FieldModule, string[]>();
  const problems: FieldListProblem[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const prefixed = PREFIX.exec(raw);
    let module: FieldModule = 'estate';
    let rest = raw;
    if (prefixed !== null) {
      const wanted = (prefixed[1] ?? '').toLowerCase();
      const known = FIELD_MODULES.find((m) => m === wanted);
      if (known === undefined) {
        problems.push({ reason: 'unknownModule', line, item: prefixed[1] ?? '' });
        return;
      }
      module = known;
      rest = prefixed[2] ?? '';
    }
    for (const quoted of rest.split(/[,;\s]+/)) {
      const item = quoted.replace(/^["']|["']$/g, '');
      if (item === '') continue;
      if (!FIELD_NAME_PATTERN.test(item)) {
        problems.push({ reason: 'invalidName', line, item });
        continue;
      }
      const list = names.get(module) ?? [];
      if (!list.includes(item)) list.push(item);
      names.set(module, list);
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  const lists = FIELD_MODULES.flatMap((module) => {
    const list = names.get(module);
    return list === undefined ? [] : [{ module, names: list }];
  });
  const count = lists.reduce((n, l) => n + l.names.length, 0);
  // The same limits as the contract's schema (one list per module, names by the same pattern, at most
  // MAX_CHECK_FIELDS): fieldSelectors.test.ts holds the two against each other, so the form refuses exactly what main would.
  if (count > MAX_CHECK_FIELDS) return { ok: false, problems: [{ reason: 'tooMany', count }] };
  return { ok: true, lists, count };
}
