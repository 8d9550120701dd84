/**
 * Step: field names. An integration that asks for a field the API user cannot use gets "Unknown field" (75, 141,
 * 145; the WordPress plugin's most frequent failure). `get fields` lists only active fields, so a name missing there
 * is either misspelt or inactive in enterprise; the closest existing names are suggested.
 */
import { evidenceOf, join, make, noAnswer, okResult, probe, type FieldList, type PlanInput, type Probes, type StepFinding } from '../probes.ts';
import { T, verbatim, type Text } from '../../domain/i18n/index.ts';
import { listOf } from '../texts.ts';
import type { Step } from './step.ts';

export const FIELD_MODULES = ['estate', 'address'] as const;

const modulesOf = (input: PlanInput): string[] => [...new Set(input.fields.filter((f) => f.names.length > 0).map((f) => f.module))];

/** One field of the configuration: its name and its labels (for suggestions when a label was used as a name). */
export interface KnownField {
  name: string;
  label: string;
}

/** The active fields per module from `get fields`: records `{id: module, elements: {label, <field>: {…, label}}}`. */
export function knownFields(probes: Probes): Map<string, KnownField[]> | null {
  const r = okResult(probe(probes, 'fields'));
  if (!r) return null;
  const out = new Map<string, KnownField[]>();
  for (const rec of r.records) {
    const el = rec.elements;
    if (!el || typeof el !== 'object' || Array.isArray(el)) continue;
    const list: KnownField[] = [];
    for (const [name, def] of Object.entries(el as Record<string, unknown>)) {
      // The module's own label sits beside its fields as a plain string.
      if (!def || typeof def !== 'object') continue;
      list.push({ name, label: String((def as Record<string, unknown>).label ?? '') });
    }
    out.set(rec.id, list);
  }
  return out;
}

/** Levenshtein distance, case-insensitive, bounded: the suggestions only need small distances. */
export function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Up to three existing names close to `wanted`: by spelling, by case, or because `wanted` is a field's label. */
export function suggestions(wanted: string, known: readonly KnownField[]): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  return known
    .map((f) => ({ name: f.name, d: f.label.toLowerCase() === wanted.toLowerCase() ? 0 : distance(wanted, f.name) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((c) => c.name);
}

const MODULE_WORD: Readonly<Record<string, Text>> = { estate: T('finding.fields.estate'), address: T('finding.fields.address') };

function fieldsFinding(list: FieldList, probes: Probes): StepFinding {
  const id = `fields:${list.module}`;
  const o = probe(probes, 'fields');
  const evidence = evidenceOf(o);
  const word = MODULE_WORD[list.module] ?? verbatim(list.module);
  const known = knownFields(probes);
  if (!known) return make(id, { status: 'unknown', title: T('finding.fields.fields-word-unknown', { word }), explanation: noAnswer(o), evidence });
  const fields = known.get(list.module) ?? [];
  const names = new Set(fields.map((f) => f.name));
  const unknown = [...new Set(list.names)].filter((n) => !names.has(n));
  if (unknown.length === 0) {
    return make(id, {
      status: 'pass',
      title: T('finding.fields.all-namescount-word-fields-known-and', { namesCount: list.names.length, word }),
      explanation: T('finding.fields.every-field-is-in-the-field'),
      evidence,
    });
  }
  const lines = unknown.map((n) => {
    const s = suggestions(n, fields);
    return s.length > 0 ? T('finding.fields.n-did-you-mean-s', { n, s: s.join(', ') }) : verbatim(n);
  });
  return make(id, {
    status: 'fail',
    title: T('finding.fields.unknowncount-unknown-or-inactive-word-fields', { unknownCount: unknown.length, word }),
    explanation: join(
      T('finding.fields.names-missing', { names: listOf(lines, 'semicolon') }),
      T('finding.fields.the-api-lists-active-fields-only'),
    ),
    fix: T('finding.fields.correct-the-name-in-the-integration'),
    fixWhere: 'integration',
    evidence,
  });
}

export const fieldsStep: Step = {
  name: 'fields',
  findingIds: (input) => modulesOf(input).map((m) => `fields:${m}`),
  firstBatch: (input) => {
    const modules = modulesOf(input);
    return modules.length === 0 ? [] : [{ key: 'fields', request: `get fields (${modules.join(', ')})`, spec: { kind: 'get', resourcetype: 'fields', parameters: { modules, labels: true, language: 'DEU' } } }];
  },
  secondBatch: () => [],
  findings: (input, probes) =>
    modulesOf(input).map((module) => fieldsFinding({ module, names: input.fields.filter((f) => f.module === module).flatMap((f) => f.names) }, probes)),
};
