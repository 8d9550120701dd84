/**
 * A step of the onboarding check owns its probes' requests and their reading: what it asks in the first batch,
 * what it asks once the first answers are in, and the findings it makes of the answers. The plan only merges
 * and batches what the steps ask for, so one step can run alone (re-checking a single step of the setup guide).
 */
import type { PlanInput, Probe, Probes, StepFinding } from '../probes.ts';
import type { StepName } from './names.ts';

export { STEP_NAMES, type StepName } from './names.ts';

export interface Step {
  name: StepName;
  /** The finding ids this step produces for the input, in report order. */
  findingIds(input: PlanInput): string[];
  /** Probes that need nothing from another answer. */
  firstBatch(input: PlanInput): Probe[];
  /** Probes that need ids from the first batch (user id, sample records). */
  secondBatch(input: PlanInput, probes: Probes): Probe[];
  findings(input: PlanInput, probes: Probes): StepFinding[];
}
