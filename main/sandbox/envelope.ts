/**
 * The request envelope judged as ONOFFICE_API.md §2–§5 describes it, and the response envelope built from it.
 * Pure: the caller passes the tenants, the server time and the planned action failures.
 *
 * Levels, as the real API answers:
 * - Whole request (no `response` key): empty body 9, invalid JSON 4, token 13, request 14, actions 15, an action's
 *   actionid 16 (missing) / 17 (not an action URN), resourceid 18, resourcetype 19, parameters 20 — all with
 *   status code 400; an unknown or revoked token 400/22, an inactive API user 400/104 (sent with the HTTP status
 *   of the authErrorHttpStatus switch, server.ts).
 * - Per action (top level stays 200 with errorcode 0, or 97 when switched): HMAC 137, timestamp outside ±120 s of
 *   server time 136, a marketplace API user's `extendedclaim` 193/201/248 and closed calls 240 (marketplace.ts),
 *   then whatever the resource answers.
 */
import { TIMESTAMP_WINDOW_SECONDS } from '../domain/vocabulary.ts';
import { hmacV1, hmacV2, signaturesEqual } from '../onoffice/signing.ts';
import type { ActionKind } from '../onoffice/wire.ts';
import { ACTION_URN_PREFIX, actionKindOf } from '../onoffice/wire.ts';
import type { ActionFault } from './faults.ts';
import { marketplaceRefusal } from './marketplace.ts';
import type { ApiCredential, Tenant, User } from './model.ts';
import { userById } from './model.ts';
import type { ApiError } from './query.ts';
import { isApiError } from './query.ts';
import type { ActionOutcome, ParsedAction } from './resources.ts';
import { runAction } from './resources.ts';
import type { UnknownSwitches } from './unknowns.ts';

export interface TopStatus {
  code: number;
  errorcode: number;
  message: string;
}

export interface EnvelopeAction {
  actionid: string;
  /** null for a URN of the right form but an action the API does not know (answered with 23). */
  kind: ActionKind | null;
  resourceid: string;
  resourcetype: string;
  identifier: string;
  timestamp: unknown;
  hmacVersion: unknown;
  hmac: unknown;
  parameters: Record<string, unknown>;
}

export type Envelope = { ok: true; token: string; actions: EnvelopeAction[] } | { ok: false; status: TopStatus };

export interface Caller {
  tenant: Tenant;
  user: User;
  credential: ApiCredential;
}

export interface ActionResult {
  actionid: string;
  resourceid: string;
  resourcetype: string;
  cacheable: boolean;
  identifier: string;
  data: { meta: { cntabsolute: number | null }; records: unknown[] } | [];
  status: { errorcode: number; message: string };
}

export interface ApiResponse {
  status: TopStatus;
  response?: { results: ActionResult[] };
}

const rejected = (errorcode: number, message: string): Envelope => ({ ok: false, status: { code: 400, errorcode, message } });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalarText(v: unknown): string | undefined {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function parseAction(raw: unknown): EnvelopeAction | Envelope {
  if (!isObject(raw)) return rejected(15, 'Missing or invalid element: actions');
  const { actionid } = raw;
  if (actionid === undefined || actionid === null || actionid === '') return rejected(16, 'Missing element: actionid');
  if (typeof actionid !== 'string' || !actionid.startsWith(ACTION_URN_PREFIX)) return rejected(17, 'Invalid element: actionid');
  const resourceid = scalarText(raw.resourceid);
  if (resourceid === undefined) return rejected(18, 'Invalid element: resourceid');
  if (typeof raw.resourcetype !== 'string' || raw.resourcetype.trim() === '') return rejected(19, 'Missing or invalid element: resourcetype');
  let parameters: Record<string, unknown>;
  // PHP encodes empty parameters as [], so an empty list is an empty parameter set.
  if (raw.parameters === undefined || raw.parameters === null || (Array.isArray(raw.parameters) && raw.parameters.length === 0)) parameters = {};
  else if (isObject(raw.parameters)) parameters = raw.parameters;
  else return rejected(20, 'Missing or invalid element: parameters');
  return {
    actionid,
    kind: actionKindOf(actionid) ?? null,
    resourceid,
    resourcetype: raw.resourcetype,
    identifier: scalarText(raw.identifier) ?? '',
    timestamp: raw.timestamp,
    hmacVersion: raw.hmac_version,
    hmac: raw.hmac,
    parameters,
  };
}

/** Checks the structure of a request body; any fault rejects the whole request. */
export function parseEnvelope(body: string): Envelope {
  if (body.trim() === '') return rejected(9, 'Empty request');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return rejected(4, 'Invalid JSON');
  }
  if (!isObject(json)) return rejected(4, 'Invalid JSON');
  if (typeof json.token !== 'string' || json.token.trim() === '') return rejected(13, 'Missing or invalid element: token');
  if (!isObject(json.request)) return rejected(14, 'Missing or invalid element: request');
  const rawActions = json.request.actions;
  if (!Array.isArray(rawActions) || rawActions.length === 0) return rejected(15, 'Missing or invalid element: actions');
  const actions: EnvelopeAction[] = [];
  for (const raw of rawActions) {
    const action = parseAction(raw);
    if ('ok' in action) return action;
    actions.push(action);
  }
  return { ok: true, token: json.token, actions };
}

/** The tenant and API user a token belongs to. A revoked token is as unknown as one never issued. */
export function identifyCaller(tenants: Iterable<Tenant>, token: string): Caller | TopStatus {
  for (const tenant of tenants) {
    const credential = tenant.credentials.find((c) => c.token === token && c.state !== 'revoked');
    const user = credential && userById(tenant, credential.userId);
    if (!credential || !user) continue;
    if (credential.state === 'inactive' || !user.active) return { code: 400, errorcode: 104, message: 'User is not active' };
    return { tenant, user, credential };
  }
  return { code: 400, errorcode: 22, message: 'Not authenticated' };
}

export function isCaller(value: Caller | TopStatus): value is Caller {
  return 'tenant' in value;
}

/** Integer or digit string, as official material sends both. */
function timestampOf(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : undefined;
  if (typeof raw === 'string' && /^\d{1,15}$/.test(raw)) return Number(raw);
  return undefined;
}

const HMAC_INVALID: ApiError = { errorcode: 137, message: 'The HMAC is invalid' };
const TIMESTAMP_INVALID: ApiError = { errorcode: 136, message: 'Your timestamp is too old or your server time is wrong' };

/** v2 when `hmac_version` is 2, v1 (the legacy md5 form) when it is absent or 1. */
function verifyAction(action: EnvelopeAction, credential: ApiCredential, nowSeconds: number): ApiError | null {
  if (typeof action.hmac !== 'string' || action.hmac === '') return HMAC_INVALID;
  const timestamp = timestampOf(action.timestamp);
  if (timestamp === undefined) return TIMESTAMP_INVALID;
  const version = action.hmacVersion;
  const signed = { secret: credential.secret, token: credential.token, timestamp, resourcetype: action.resourcetype, actionid: action.actionid };
  let expected: string;
  if (version === 2 || version === '2') expected = hmacV2(signed);
  else if (version === undefined || version === null || version === 1 || version === '1') {
    expected = hmacV1({ ...signed, identifier: action.identifier, resourceid: action.resourceid, parameters: action.parameters });
  } else return HMAC_INVALID;
  if (!signaturesEqual(expected, action.hmac)) return HMAC_INVALID;
  if (Math.abs(timestamp - nowSeconds) > TIMESTAMP_WINDOW_SECONDS) return TIMESTAMP_INVALID;
  return null;
}

function toResult(action: EnvelopeAction, outcome: ActionOutcome, unknowns: UnknownSwitches): ActionResult {
  const head = { actionid: action.actionid, resourceid: action.resourceid, resourcetype: action.resourcetype };
  if (isApiError(outcome)) {
    return {
      ...head,
      cacheable: false,
      identifier: action.identifier,
      data: unknowns.failedActionData === 'empty-array' ? [] : { meta: { cntabsolute: null }, records: [] },
      status: { errorcode: outcome.errorcode, message: outcome.message },
    };
  }
  return {
    ...head,
    cacheable: outcome.cacheable,
    identifier: action.identifier,
    data: { meta: { cntabsolute: outcome.cntabsolute }, records: outcome.records },
    status: { errorcode: 0, message: 'OK' },
  };
}

export interface AnswerOptions {
  unknowns: UnknownSwitches;
  /** Server time (local clock plus the tenant's offset), Unix seconds. */
  nowSeconds: number;
  /** Injected failures by action index; such an action is not executed. */
  actionFaults: ReadonlyMap<number, ActionFault>;
}

/** A signed, timely action: a marketplace API user's claim first, then the resource. */
function runVerified(caller: Caller, options: AnswerOptions, action: ParsedAction): ActionOutcome {
  return (
    marketplaceRefusal(caller.tenant, caller.user, action) ??
    runAction({ tenant: caller.tenant, user: caller.user, unknowns: options.unknowns, now: options.nowSeconds }, action)
  );
}

/** One result per action, in request order. */
export function answerActions(actions: readonly EnvelopeAction[], caller: Caller, options: AnswerOptions): ApiResponse {
  const results = actions.map((action, index) => {
    const outcome: ActionOutcome =
      verifyAction(action, caller.credential, options.nowSeconds) ??
      options.actionFaults.get(index) ??
      (action.kind === null
        ? { errorcode: 23, message: 'Missing configuration for actionId' }
        : runVerified(caller, options, { kind: action.kind, resourceid: action.resourceid, resourcetype: action.resourcetype, parameters: action.parameters }));
    return toResult(action, outcome, options.unknowns);
  });
  const failed = results.some((r) => r.status.errorcode !== 0);
  const status: TopStatus =
    failed && options.unknowns.topLevelOnActionFailure === 97
      ? { code: 200, errorcode: 97, message: 'Error in action' }
      : { code: 200, errorcode: 0, message: 'OK' };
  return { status, response: { results } };
}

export function rejection(status: TopStatus): ApiResponse {
  return { status };
}
