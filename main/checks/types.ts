/**
 * The shapes the onboarding checks produce: findings with their evidence, and a whole run as a store can save it
 * (plain JSON: no Dates, no Maps, no functions). Texts are catalogue keys with parameters (main/domain/i18n), so a
 * stored run renders in the language chosen when it is shown; runs stored earlier carry German/English pairs,
 * which render too.
 */
import type { Text } from '../domain/i18n/text.ts';
import type { StepName } from './steps/names.ts';

export type { Text };

// The vocabulary is defined once, in main/domain/vocabulary.ts.
import { FINDING_STATUSES, type EstateReason, type FindingStatus, type FixWhere } from '../domain/vocabulary.ts';
export { ESTATE_REASONS, FINDING_STATUSES, FIX_WHERE, type EstateReason, type FindingStatus, type FixWhere } from '../domain/vocabulary.ts';

/**
 * What a finding rests on. Exchange ids are assigned by the engine (or returned by the caller's journal hook as
 * strings); journal ids are the numbers the caller's hook returned. Never carries a token or secret.
 */
export interface Evidence {
  exchangeIds?: string[];
  journalIds?: number[];
  /** The onOffice error code or transport failure seen, if any. */
  code?: number | string;
  message?: string;
  /** Which action(s) the finding rests on, technically, e.g. "read estate (filter veroeffentlichen = 0)". */
  request?: string;
  /** The same action(s) in words a person reads, in their language (absent in runs stored before it existed). */
  requestText?: Text;
}


export interface Finding {
  /** Stable id, e.g. `credentials`, `rights:estate:read`, `publish:estates`. */
  id: string;
  status: FindingStatus;
  title: Text;
  explanation: Text;
  /** The exact enterprise menu path or step that fixes it; null when there is nothing to do. */
  fix: Text | null;
  /** Where the fix is made; absent when there is no fix (and in runs stored before it existed: enterprise). */
  fixWhere?: FixWhere;
  evidence: Evidence;
  /** True when the result is inferred (ONOFFICE_API.md §9), not read from a definite API answer. */
  heuristic: boolean;
  /**
   * The finding that names the common cause of this one (one cause, one fix): set on symptoms, whose own fix is
   * then left out so a person never gets two competing fixes for one problem.
   */
  causedBy?: string;
  /** The use case depends on this finding: when it stays `unknown`, the run is inconclusive. */
  required?: boolean;
  /**
   * Per-estate findings (`estate:<id>`): why the estate is or is not on the website, from ESTATE_REASONS; several
   * can apply. `undetermined` comes with `possibleReasons`, the reasons the API answers leave open.
   */
  reasons?: EstateReason[];
  possibleReasons?: EstateReason[];
}


export type Summary = Record<FindingStatus, number>;

export interface CheckRun {
  id: string;
  profileId?: string;
  useCase: string;
  /** Host (and port) of the endpoint, never the full URL with any query. */
  endpointHost: string;
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
  /** HTTP exchanges made, retries included. */
  requests: number;
  /** True when no finding failed and no required finding stayed unknown. */
  ok: boolean;
  /** Required findings that stayed `unknown` (absent in runs stored before it existed). */
  inconclusive?: number;
  /** Only on a partial run (a re-check of some steps): the steps it covered. A full run has none. */
  steps?: readonly StepName[];
  findings: Finding[];
  summary: Summary;
}

export function summarize(findings: readonly Finding[]): Summary {
  const summary = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Summary;
  for (const f of findings) summary[f.status] += 1;
  return summary;
}
