/** The steps of the onboarding check, in report order. Apart from step.ts so the contract reads them without the engine's types. */
export const STEP_NAMES = ['connection', 'rights', 'publish', 'estates', 'fields', 'mailbox', 'log'] as const;
export type StepName = (typeof STEP_NAMES)[number];
