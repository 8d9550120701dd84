/** The sandbox's public face: start a local onOffice-compatible server, and the names of its scenarios. */
export type { SandboxControl, SandboxHandle, SandboxOptions, RecordedRequest } from './server.ts';
export { startSandbox, MAX_BODY_BYTES } from './server.ts';
export type { SandboxApiUser } from './scenarios.ts';
export { SCENARIO_NAMES, describeScenario } from './scenarios.ts';
export type { UnknownSwitches } from './unknowns.ts';
export { DEFAULT_UNKNOWNS, UNKNOWN_CHOICES } from './unknowns.ts';
export type { FaultConfig, FaultKind } from './faults.ts';
export { FAULT_KINDS } from './faults.ts';
export type { Tenant, User, Estate, Address, Mailbox, LogEntry, OutboxMail, Rights, Scope, Module, RightAction } from './model.ts';
