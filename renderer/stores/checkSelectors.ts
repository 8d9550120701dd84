/**
 * Pure derivations for the onboarding check: which step a finding belongs to, how a step stands, the summary
 * counts, progress, and the form's inputs (expected estate ids, custom rights) as the contract wants them.
 */
import type { CheckRun, CheckRunMeta, Finding, RequestOf, StepName, UseCase, WebsiteLanguage } from '../../preload/contract.ts';
import type { EstateReason, FindingStatus, RightAction, RightModule, Summary } from '../../preload/contract.ts';
import { RIGHT_ACTIONS, RIGHT_MODULES, USE_CASE_NAMES as USE_CASES } from '../../main/domain/usecases.ts';
import { ESTATE_REASONS, FINDING_STATUSES, STEP_NAMES, WEBSITE_LANGUAGES } from '../../main/domain/vocabulary.ts';

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

// ---------------------------------------------------------------------------------------------------------------
// The results screen: problems first, passes folded, the verdict, and the actions inside findings.

/** Failures, answers that stayed open, and warnings: what a person has to look at. */
export const isProblem = (f: Pick<Finding, 'status'>): boolean => f.status === 'fail' || f.status === 'unknown' || f.status === 'warn';

/** Fail, then required unknowns, then other unknowns, then warnings; notes and passes after them. */
function urgency(f: Pick<Finding, 'status' | 'required'>): number {
  switch (f.status) {
    case 'fail':
      return 0;
    case 'unknown':
      return f.required ? 1 : 2;
    case 'warn':
      return 3;
    case 'info':
      return 4;
    case 'skipped':
      return 5;
    default:
      return 6;
  }
}

/** Most urgent first; equal ones keep the check's order (flow order, then arrival). */
export function problemsFirst(findings: readonly Finding[]): Finding[] {
  const flow = (f: Finding) => CHECK_STEPS.indexOf(stepOf(f.id));
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => urgency(a.f) - urgency(b.f) || flow(a.f) - flow(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

export interface ArrangedFindings {
  /** Fail, unknown, warn, most urgent first. */
  problems: Finding[];
  /** Notes and skipped checks; hidden while only problems are shown. */
  notes: Finding[];
  /** Folded into one line ("12 checks passed"). */
  passed: Finding[];
  /** How many notes the problems-only filter hides. */
  hiddenNotes: number;
}

/** The results as the screen lists them. */
export function arrangeFindings(findings: readonly Finding[], problemsOnly: boolean): ArrangedFindings {
  const ordered = problemsFirst(findings);
  const notes = ordered.filter((f) => f.status === 'info' || f.status === 'skipped');
  return {
    problems: ordered.filter(isProblem),
    notes: problemsOnly ? [] : notes,
    passed: ordered.filter((f) => f.status === 'pass'),
    hiddenNotes: problemsOnly ? notes.length : 0,
  };
}

/** Only problems are shown by default when there is any. */
export const problemsOnlyByDefault = (findings: readonly Finding[]): boolean => findings.some(isProblem);

/** A row of a findings list: one finding, or the expected estates together under their module. */
export type FindingRow = { kind: 'finding'; finding: Finding } | { kind: 'estates'; findings: Finding[] };

/** Per-estate findings (`estate:<id>`) are gathered where the first of them stands, so the list stays short. */
export function groupEstates(findings: readonly Finding[]): FindingRow[] {
  const rows: FindingRow[] = [];
  let estates: Finding[] | null = null;
  for (const f of findings) {
    if (!f.id.startsWith('estate:')) {
      rows.push({ kind: 'finding', finding: f });
    } else if (estates === null) {
      estates = [f];
      rows.push({ kind: 'estates', findings: estates });
    } else {
      estates.push(f);
    }
  }
  return rows;
}

export type Verdict = 'passed' | 'problems' | 'inconclusive';

/**
 * The run's verdict, as main judges a run (`ok`): failures outrank everything; required checks without an answer
 * make it inconclusive, never green; warnings alone do not fail it (they are listed first all the same).
 */
export function verdictOf(run: Pick<CheckRun, 'findings' | 'inconclusive'>): { verdict: Verdict; failed: number; inconclusive: number } {
  const inconclusive = Math.max(run.inconclusive ?? 0, run.findings.filter((f) => f.status === 'unknown' && f.required === true).length);
  const failed = run.findings.filter((f) => f.status === 'fail').length;
  return { verdict: failed > 0 ? 'problems' : inconclusive > 0 ? 'inconclusive' : 'passed', failed, inconclusive };
}

/** The check step (as the engine names it) a finding comes from: re-checking a finding runs only that step. */
export function engineStepOf(findingId: string): StepName {
  const head = findingId.split(':')[0];
  switch (head) {
    case 'rights':
      return 'rights';
    case 'publish':
      return 'publish';
    case 'estate':
    case 'contacts':
    case 'language':
      return 'estates';
    case 'fields':
      return 'fields';
    case 'mailbox':
      return 'mailbox';
    case 'server-log':
      return 'log';
    // Credentials, connection, clock and the API user come with every run; the connection step is the smallest.
    default:
      return 'connection';
  }
}

/** onOffice's answers to a wrong token or secret (HMAC invalid, credentials not accepted). */
const CREDENTIAL_CODES = new Set(['22', '137']);

/** The finding rests on onOffice refusing the credentials: replacing them is the fix. */
export const needsNewCredentials = (f: Pick<Finding, 'evidence'>): boolean => f.evidence.code !== undefined && CREDENTIAL_CODES.has(String(f.evidence.code).trim());

/**
 * The request that re-checks one step of a run: the run's own request when it is known (never with the mail
 * consent: a real test mail needs a new tick), else what the run itself tells (use case, expected estates, language).
 */
export function recheckRequest(
  run: Pick<CheckRun, 'profileId' | 'useCase' | 'findings'>,
  step: StepName,
  original: RequestOf<'checksRun'> | null,
): RequestOf<'checksRun'> | null {
  if (original !== null) {
    return { ...original, mail: original.mail === null || original.mail === undefined ? null : { ...original.mail, consent: false }, steps: [step] };
  }
  if (run.profileId === undefined) return null;
  const estates = run.findings.flatMap((f) => {
    const m = /^estate:(\d+)$/.exec(f.id);
    return m ? [Number(m[1])] : [];
  });
  const language = run.findings.map((f) => /^language:([A-Z]{3})$/.exec(f.id)?.[1]).find((c) => c !== undefined);
  return {
    profileId: run.profileId,
    ...((USE_CASES as readonly string[]).includes(run.useCase) ? { useCase: run.useCase as UseCase } : {}),
    expectEstates: estates,
    ...(language !== undefined && (WEBSITE_LANGUAGES as readonly string[]).includes(language) ? { language: language as WebsiteLanguage } : {}),
    steps: [step],
  };
}

/** The steps a partial run covered, in check order; empty for a full run. */
export const partialSteps = (run: { steps?: readonly StepName[] }): StepName[] => STEP_NAMES.filter((n) => run.steps?.includes(n) ?? false);
