/**
 * The plan: which steps a run has, and their probes batched into the fewest requests — one request with every
 * independent probe, a second with those that need ids from the first, and, only after consent, the mail test
 * alone. Probes several steps ask for are sent once (they share one definition, so one key means one request).
 */
import type { Probe, PlanInput, Probes } from './probes.ts';
import { HEALTH, connectionStep } from './steps/connection.ts';
import { estatesStep } from './steps/estates.ts';
import { fieldsStep } from './steps/fields.ts';
import { logStep } from './steps/log.ts';
import { mailboxStep } from './steps/mailbox.ts';
import { publishStep } from './steps/publish.ts';
import { rightsStep } from './steps/rights.ts';
import { STEP_NAMES, type Step, type StepName } from './steps/step.ts';

export const STEPS: Readonly<Record<StepName, Step>> = {
  connection: connectionStep,
  rights: rightsStep,
  publish: publishStep,
  estates: estatesStep,
  fields: fieldsStep,
  mailbox: mailboxStep,
  log: logStep,
};

/** The steps to run, in report order; all of them unless some are picked. */
export function stepsFor(picked?: readonly StepName[]): Step[] {
  return STEP_NAMES.filter((n) => !picked || picked.length === 0 || picked.includes(n)).map((n) => STEPS[n]);
}

/** Findings every run has: they come from the first request, whichever steps run. */
export const GATE_FINDING_IDS = ['credentials', 'connection', 'clock'] as const;

export function plannedFindingIds(input: PlanInput, steps: readonly Step[] = stepsFor()): string[] {
  return [...new Set([...GATE_FINDING_IDS, ...steps.flatMap((s) => s.findingIds(input))])];
}

function merge(probes: readonly Probe[]): Probe[] {
  const byKey = new Map<string, Probe>();
  for (const p of probes) if (!byKey.has(p.key)) byKey.set(p.key, p);
  return [...byKey.values()];
}

/** Batch 1: the health probe first (the connection finding rests on it), then every step's independent probes. */
export function firstBatch(input: PlanInput, steps: readonly Step[] = stepsFor()): Probe[] {
  return merge([HEALTH, ...steps.flatMap((s) => s.firstBatch(input))]);
}

/** Batch 2: probes that need the answers of batch 1; may be empty. */
export function secondBatch(input: PlanInput, probes: Probes, steps: readonly Step[] = stepsFor()): Probe[] {
  return merge(steps.flatMap((s) => s.secondBatch(input, probes)));
}
