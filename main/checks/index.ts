/** The onboarding checks' public face: run a check, the shapes it produces, and reports. */
export type { CheckRun, Evidence, Finding, FindingStatus, Localized, Summary } from './types.ts';
export { ESTATE_REASONS, FINDING_STATUSES, summarize } from './types.ts';
export type { EstateReason } from './types.ts';
export type { RunCheckOptions } from './engine.ts';
export { runCheck, useCaseFor } from './engine.ts';
export type { FieldList, MailOptions } from './probes.ts';
export type { StepName } from './steps/step.ts';
export { STEP_NAMES } from './steps/step.ts';
export type { RightRequirement, UseCase, UseCaseName } from './usecases.ts';
export { RIGHT_ACTIONS, RIGHT_MODULES, USE_CASES, USE_CASE_NAMES, customUseCase, isUseCaseName, parseRights } from './usecases.ts';
export type { FormatResult } from './steps/credentials.ts';
export { checkCredentialFormat } from './steps/credentials.ts';
export type { Lang } from './report.ts';
export { STATUS_MARK, evidenceLine, renderHtml, renderMarkdown } from './report.ts';
