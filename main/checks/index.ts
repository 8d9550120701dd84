/** The onboarding checks' public face: run a check, the shapes it produces, and reports. */
export type { CheckRun, Evidence, Finding, FindingStatus, FixWhere, Summary, Text } from './types.ts';
export { ESTATE_REASONS, FINDING_STATUSES, FIX_WHERE, summarize } from './types.ts';
export type { EstateReason } from './types.ts';
export type { RunCheckOptions } from './engine.ts';
export { runCheck, useCaseFor } from './engine.ts';
export type { FieldList, MailOptions } from './probes.ts';
export type { StepName } from './steps/step.ts';
export { STEP_NAMES } from './steps/step.ts';
export type { RightRequirement, UseCase, UseCaseName } from './usecases.ts';
export { RIGHT_ACTIONS, RIGHT_MODULES, USE_CASES, USE_CASE_NAMES, USE_CASE_TEXT, customUseCase, isUseCaseName, parseRights, useCaseTitle } from './usecases.ts';
export type { FormatResult } from './steps/credentials.ts';
export { checkCredentialFormat } from './steps/credentials.ts';
export type { Lang } from './report.ts';
export type { ReportContext } from './report.ts';
export { STATUS_MARK, evidenceLine, localDateTime, renderHtml, renderMarkdown, reportFileName } from './report.ts';
