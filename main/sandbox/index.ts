/** The sandbox's public face: start a local onOffice-compatible server, and the names of its scenarios. */
export type { SandboxControl, SandboxHandle, SandboxOptions, RecordedRequest } from './server.ts';
export { startSandbox, MAX_BODY_BYTES } from './server.ts';
export type { SandboxApiUser } from './scenarios.ts';
export { SCENARIO_NAMES, ESTATE_VARIETY, describeScenario } from './scenarios.ts';
export { INACTIVE_FIELDS } from './fields.ts';
export type { UnknownSwitches } from './unknowns.ts';
export { DEFAULT_UNKNOWNS, UNKNOWN_CHOICES } from './unknowns.ts';
export type { FaultConfig, FaultKind } from './faults.ts';
export { FAULT_KINDS } from './faults.ts';
export type {
  Tenant,
  User,
  Estate,
  EstateLanguageVersion,
  Picture,
  Portal,
  Address,
  Mailbox,
  LogEntry,
  OutboxMail,
  MarketplaceActivation,
  Rights,
  Scope,
  Module,
  RightAction,
} from './model.ts';
