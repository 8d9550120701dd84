/**
 * Step: field names. An integration that asks for a field the API user cannot use gets "Unknown field" (75, 141,
 * 145; the WordPress plugin's most frequent failure). `get fields` lists only active fields, so a name missing there
 * is either misspelt or inactive in enterprise; the closest existing names are suggested.
 */
import { evidenceOf, join, make, noAnswer, okResult, probe, type FieldList, type PlanInput, type Probes, type StepFinding } from '../probes.ts';
import { L } from '../types.ts';
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

const MODULE_WORD: Readonly<Record<string, { de: string; en: string }>> = { estate: L('Immobilien', 'estate'), address: L('Adressen', 'address') };

function fieldsFinding(list: FieldList, probes: Probes): StepFinding {
  const id = `fields:${list.module}`;
  const o = probe(probes, 'fields');
  const evidence = evidenceOf(o);
  const word = MODULE_WORD[list.module] ?? L(list.module, list.module);
  const known = knownFields(probes);
  if (!known) return make(id, { status: 'unknown', title: L(`Felder (${word.de}): unbekannt`, `Fields (${word.en}): unknown`), explanation: noAnswer(o), evidence });
  const fields = known.get(list.module) ?? [];
  const names = new Set(fields.map((f) => f.name));
  const unknown = [...new Set(list.names)].filter((n) => !names.has(n));
  if (unknown.length === 0) {
    return make(id, {
      status: 'pass',
      title: L(`Alle ${list.names.length} ${word.de}-Felder bekannt und aktiv`, `All ${list.names.length} ${word.en} fields known and active`),
      explanation: L(`Jedes Feld steht in der Feldkonfiguration, die die API liefert.`, `Every field is in the field configuration the API returns.`),
      evidence,
    });
  }
  const lines = unknown.map((n) => {
    const s = suggestions(n, fields);
    return s.length > 0 ? L(`${n} (gemeint: ${s.join(', ')}?)`, `${n} (did you mean ${s.join(', ')}?)`) : L(n, n);
  });
  return make(id, {
    status: 'fail',
    title: L(`${unknown.length} unbekannte oder inaktive ${word.de}-Felder`, `${unknown.length} unknown or inactive ${word.en} fields`),
    explanation: join(
      L(
        `Diese Namen fehlen in der Feldkonfiguration der API; eine Abfrage damit scheitert mit „Unknown field“ (75, 141, 145): ${lines.map((l) => l.de).join('; ')}.`,
        `These names are missing from the API's field configuration; a request with them fails with "Unknown field" (75, 141, 145): ${lines.map((l) => l.en).join('; ')}.`,
      ),
      L('Die API nennt nur aktive Felder: Ein Name fehlt, wenn er falsch geschrieben oder das Feld in enterprise inaktiv ist. Eigene Felder (ind_…) gibt es nur bei diesem Kunden.', 'The API lists active fields only: a name is missing when it is misspelt or the field is inactive in enterprise. Custom fields (ind_…) exist for this customer only.'),
    ),
    fix: L(
      'Den Namen in der Anbindung korrigieren (Vorschläge oben) – oder, wenn das Feld gebraucht wird, es in enterprise in der Feldkonfiguration der Administration für das Modul aktivieren.',
      'Correct the name in the integration (suggestions above) — or, if the field is needed, activate it for the module in the field configuration of enterprise\'s administration.',
    ),
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
