/** The steps of the onboarding check, in report order: defined once, in main/domain/vocabulary.ts. */
export { STEP_NAMES, type StepName } from '../../domain/vocabulary.ts';
