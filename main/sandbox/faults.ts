/**
 * Faults the sandbox can inject, and the plan of which ones hit a given request. The plan is a pure function of
 * (seed, request number, config): the same seed and the same sequence of requests give the same faults every run.
 */
import { deriveSeed, seededRandom } from './random.ts';

export const FAULT_KINDS = [
  'http500',
  'http502',
  'malformedJson',
  'truncatedBody',
  'connectionReset',
  'hang',
  'actionFailure',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Faults of the whole HTTP exchange (every kind but the per-action failure). */
export type TransportFault = Exclude<FaultKind, 'actionFailure'>;

/**
 * Rates are probabilities per request (0..1), except `actionFailure`, which is per action.
 * - http500 / http502: an HTML error page with that status; the request is not processed.
 * - malformedJson: status 200, the answer preceded by a PHP warning, so it is not JSON; the request is processed.
 * - truncatedBody: the answer's Content-Length is promised, half is sent, then the socket closes; processed.
 * - connectionReset: the TCP connection is reset once the request is read; not processed.
 * - hang: the request is read and never answered (for client timeouts); not processed.
 * - actionFailure: an action fails with code 1 ("Unknown error") or 500; that action is not executed.
 */
export interface FaultConfig {
  latencyMs: number;
  jitterMs: number;
  http500: number;
  http502: number;
  malformedJson: number;
  truncatedBody: number;
  connectionReset: number;
  hang: number;
  actionFailure: number;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  jitterMs: 0,
  http500: 0,
  http502: 0,
  malformedJson: 0,
  truncatedBody: 0,
  connectionReset: 0,
  hang: 0,
  actionFailure: 0,
};

const TRANSPORT_ORDER: readonly TransportFault[] = [
  'http500',
  'http502',
  'malformedJson',
  'truncatedBody',
  'connectionReset',
  'hang',
];

/** Sandbox-wide faults and a tenant's own: each setting takes the larger of the two. */
export function combineFaults(...configs: readonly Partial<FaultConfig>[]): FaultConfig {
  const combined = { ...NO_FAULTS };
  for (const config of configs) {
    for (const key of Object.keys(NO_FAULTS) as (keyof FaultConfig)[]) {
      const value = config[key];
      if (typeof value === 'number' && Number.isFinite(value)) combined[key] = Math.max(combined[key], value);
    }
  }
  return combined;
}

export interface ActionFault {
  errorcode: number;
  message: string;
}

export interface FaultPlan {
  /** Extra delay before answering, in ms. */
  delayMs: number;
  transport: TransportFault | null;
  /** Per-action failures by action index. */
  actionFaults: ReadonlyMap<number, ActionFault>;
}

const ACTION_FAULTS: readonly ActionFault[] = [
  { errorcode: 1, message: 'Unknown error' },
  { errorcode: 500, message: 'Internal server error' },
];

/**
 * Which faults hit request number `requestNo`. A forced fault (from the queue) replaces the random transport
 * draw; a forced `actionFailure` fails the first action.
 */
export function planFaults(
  seed: number,
  requestNo: number,
  config: FaultConfig,
  actionCount: number,
  forced?: FaultKind,
): FaultPlan {
  const rnd = seededRandom(deriveSeed(seed, 'faults', requestNo));
  const delayMs = Math.max(0, config.latencyMs) + Math.floor(rnd() * Math.max(0, config.jitterMs));
  const draw = rnd();
  let transport: TransportFault | null = null;
  if (forced !== undefined) {
    transport = forced === 'actionFailure' ? null : forced;
  } else {
    let threshold = 0;
    for (const kind of TRANSPORT_ORDER) {
      threshold += Math.max(0, config[kind]);
      if (draw < threshold) {
        transport = kind;
        break;
      }
    }
  }
  const actionFaults = new Map<number, ActionFault>();
  for (let i = 0; i < actionCount; i++) {
    const hit = rnd() < config.actionFailure || (forced === 'actionFailure' && i === 0);
    const which = rnd();
    if (hit) actionFaults.set(i, ACTION_FAULTS[which < 0.5 ? 0 : 1] as ActionFault);
  }
  return { delayMs, transport, actionFaults };
}
