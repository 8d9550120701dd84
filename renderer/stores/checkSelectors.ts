/**
 * Pure derivations for the onboarding check: which step a finding belongs to, how a step stands, the summary
 * counts, progress, and the form's inputs (expected estate ids, custom rights) as the contract wants them.
 */
import type { CheckRunMeta, Finding, WebsiteLanguage } from '../../preload/contract.ts';
import { ESTATE_REASONS, FINDING_STATUSES, RIGHT_ACTIONS, RIGHT_MODULES, type EstateReason, type FindingStatus, type RightAction, type RightModule, type Summary } from '../../preload/contract.ts';

export { FINDING_STATUSES, type FindingStatus };

/** The guided flow, in the order the check works through it. */
export const CHECK_STEPS = ['credentials', 'connection', 'rights', 'publish', 'fields', 'mailbox', 'serverLog'] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];

/** Icons shown next to the status text, so a status never depends on colour alone. */
export const STATUS_ICON: Readonly<Record<FindingStatus, string>> = {
  pass: '✓',
  fail: '✗',
  warn: '⚠',
  info: 'ℹ',
  unknown: '?',
  skipped: '–',
};

/**
 * Finding ids are `credentials`, `connection`, `clock`, `identity`, `rights:…`, `publish:…`, `estate:<id>`,
 * `contacts`, `language:…`, `fields:<module>`, `mailbox`, `server-log`. What the website shows (estates, their
 * contact persons and languages) is one step with the publishing; the field list is a step of its own, so a
 * missing field is not lost among the estates.
 */
export function stepOf(findingId: string): CheckStep {
  const head = findingId.split(':')[0];
  switch (head) {
    case 'credentials':
      return 'credentials';
    case 'rights':
      return 'rights';
    case 'publish':
    case 'estate':
    case 'contacts':
    case 'language':
      return 'publish';
    case 'fields':
      return 'fields';
    case 'mailbox':
      return 'mailbox';
    case 'server-log':
      return 'serverLog';
    default:
      return 'connection';
  }
}

const isEstateReason = (r: string): r is EstateReason => (ESTATE_REASONS as readonly string[]).includes(r);

/**
 * Why an expected estate is or is not on the website, as far as this version can name it (a run stored by a newer
 * one may hold reasons it does not know). `possible`: what an undetermined answer leaves open.
 */
export function estateReasons(finding: Pick<Finding, 'reasons' | 'possibleReasons'>): { reasons: EstateReason[]; possible: EstateReason[] } {
  const reasons = (finding.reasons ?? []).filter(isEstateReason);
  return { reasons, possible: reasons.includes('undetermined') ? (finding.possibleReasons ?? []).filter(isEstateReason) : [] };
}

export interface StepGroup {
  step: CheckStep;
  findings: Finding[];
}

/** Findings by step, in flow order; a step keeps the order its findings arrived in. */
export function groupByStep(findings: readonly Finding[]): StepGroup[] {
  return CHECK_STEPS.map((step) => ({ step, findings: findings.filter((f) => stepOf(f.id) === step) }));
}

/** Worst first: a step shows the most urgent status among its findings. */
const SEVERITY: readonly FindingStatus[] = ['fail', 'warn', 'unknown', 'pass', 'info', 'skipped'];

export type StepState = FindingStatus | 'pending' | 'notPlanned';

/** How a step stands: its worst finding; without findings it waits (while running) or was not part of the run. */
export function stepState(findings: readonly Finding[], running: boolean): StepState {
  if (findings.length === 0) return running ? 'pending' : 'notPlanned';
  return SEVERITY.find((s) => findings.some((f) => f.status === s)) ?? 'info';
}

/** The statuses that occurred, in a fixed order, with their counts. */
export function summaryCounts(summary: Partial<Summary>): Array<{ status: FindingStatus; count: number }> {
  return SEVERITY.map((status) => ({ status, count: summary[status] ?? 0 })).filter((c) => c.count > 0);
}

/** Counts for findings that are still arriving. */
export function countStatuses(findings: readonly Finding[]): Summary {
  const summary = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Summary;
  for (const f of findings) summary[f.status] += 1;
  return summary;
}

/** 0…100, for the progress bar; an unknown total counts as not started. */
export const progressPercent = (done: number, total: number): number => (total <= 0 ? 0 : Math.min(100, Math.round((done / total) * 100)));

/** The newest run first; runs that never finished sort by their start. */
export const sortHistory = (runs: readonly CheckRunMeta[]): CheckRunMeta[] => [...runs].sort((a, b) => b.startedAt - a.startedAt);

/** BCP 47 tags of onOffice's language codes, so the browser names each language in the person's language. */
const LANGUAGE_TAGS: Readonly<Record<WebsiteLanguage, string>> = {
  DEU: 'de',
  ENG: 'en',
  FRA: 'fr',
  ITA: 'it',
  ESP: 'es',
  NLD: 'nl',
  POL: 'pl',
  CZE: 'cs',
  DAN: 'da',
  SWE: 'sv',
  NOR: 'no',
  FIN: 'fi',
  PRT: 'pt',
  RUS: 'ru',
  TUR: 'tr',
  HUN: 'hu',
  GRC: 'el',
  HRV: 'hr',
};

/** "Englisch (ENG)": the language's name in the person's language, with the code the integration sends. */
export function websiteLanguageName(code: WebsiteLanguage, language: 'de' | 'en'): string {
  const name = new Intl.DisplayNames([language], { type: 'language', fallback: 'none' }).of(LANGUAGE_TAGS[code]);
  return name === undefined ? code : `${name} (${code})`;
}

export const MAX_EXPECTED_ESTATES = 500;

export type ParsedEstateIds = { ok: true; ids: number[] } | { ok: false; reason: 'notPositiveInteger'; item: string } | { ok: false; reason: 'tooMany' };

/** "12, 15 17" → [12, 15, 17]: commas or spaces between, each a positive whole number, repeats dropped. */
export function parseEstateIds(text: string): ParsedEstateIds {
  const items = text.split(/[\s,;]+/).filter((s) => s !== '');
  const ids: number[] = [];
  for (const item of items) {
    const n = Number(item);
    if (!/^\d+$/.test(item) || !Number.isSafeInteger(n) || n <= 0) return { ok: false, reason: 'notPositiveInteger', item };
    if (!ids.includes(n)) ids.push(n);
  }
  if (ids.length > MAX_EXPECTED_ESTATES) return { ok: false, reason: 'tooMany' };
  return { ok: true, ids };
}

export interface CustomRight {
  module: RightModule;
  action: RightAction;
  scope: 'all' | 'own';
}
/** The custom picker: ticked `module:action` keys, and one scope per module. */
export interface CustomPick {
  picked: readonly string[];
  scopes: Partial<Record<RightModule, 'all' | 'own'>>;
}

export const EMPTY_CUSTOM_PICK: CustomPick = { picked: [], scopes: {} };

/** Only rights the contract's `checksRun` accepts (create/read/modify/delete), in picker order. */
export function toCustomRights(pick: CustomPick): CustomRight[] {
  const rights: CustomRight[] = [];
  for (const module of RIGHT_MODULES) {
    for (const action of RIGHT_ACTIONS) {
      if (pick.picked.includes(`${module}:${action}`)) rights.push({ module, action, scope: pick.scopes[module] ?? 'all' });
    }
  }
  return rights;
}

export const togglePick = (pick: CustomPick, module: RightModule, action: RightAction): CustomPick => {
  const key = `${module}:${action}`;
  return { ...pick, picked: pick.picked.includes(key) ? pick.picked.filter((k) => k !== key) : [...pick.picked, key] };
};
