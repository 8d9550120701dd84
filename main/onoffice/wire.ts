/**
 * The onOffice wire format (ONOFFICE_API.md §2 and §4): action URNs, the request envelope, and the parsed
 * response shapes. Pure data and pure functions; no I/O.
 */
import { z } from 'zod';
import { hmacV2, sortTopLevel } from './signing.ts';

export const ACTION_KINDS = ['read', 'create', 'modify', 'delete', 'get', 'do'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_URN_PREFIX = 'urn:onoffice-de-ns:smart:2.5:smartml:action:';
export const ACTION_URN: Record<ActionKind, string> = Object.fromEntries(
  ACTION_KINDS.map((k) => [k, `${ACTION_URN_PREFIX}${k}`]),
) as Record<ActionKind, string>;

/** The action kind of a URN, or undefined for anything that is not one of the six documented URNs. */
export function actionKindOf(actionid: string): ActionKind | undefined {
  if (!actionid.startsWith(ACTION_URN_PREFIX)) return undefined;
  const kind = actionid.slice(ACTION_URN_PREFIX.length);
  return (ACTION_KINDS as readonly string[]).includes(kind) ? (kind as ActionKind) : undefined;
}

/** Kinds that only read: the only ones the transport may retry on its own. */
export const isReadOnlyKind = (kind: ActionKind): boolean => kind === 'read' || kind === 'get';

/** One action as the caller describes it, before signing. */
export interface ActionSpec {
  kind: ActionKind;
  resourcetype: string;
  resourceid?: string;
  /** Free label echoed back by the server; the client fills one in when missing so results can be matched. */
  identifier?: string;
  parameters?: Record<string, unknown>;
}

/** One signed action as it travels. `timestamp` and `hmac` sit beside `parameters`, never inside. */
export interface WireAction {
  actionid: string;
  resourceid: string;
  resourcetype: string;
  /** null when the caller gave none, as the official SDK sends it. */
  identifier: string | null;
  timestamp: number;
  hmac_version: 2;
  hmac: string;
  parameters: Record<string, unknown>;
}

export interface WireRequest {
  token: string;
  request: { actions: WireAction[] };
}

export interface Credentials {
  token: string;
  secret: string;
  /**
   * A marketplace provider's API user only: the `apiClaim` of the customer's latest activation (§8). A credential
   * like the secret, sent as the `extendedclaim` parameter of every action.
   */
  apiClaim?: string;
}

/**
 * The parameters as they travel: sorted at the top level, with the claim of a marketplace API user added. The
 * profile's claim wins over one the caller put in: the server accepts only the claim that matches the token.
 */
function wireParameters(parameters: Record<string, unknown>, apiClaim: string | undefined): Record<string, unknown> {
  return sortTopLevel(apiClaim ? { ...parameters, extendedclaim: apiClaim } : parameters);
}

/**
 * Signs one action. The timestamp is taken once by the caller and used for both the body and the HMAC:
 * taking it twice breaks signatures across a second boundary.
 */
export function signAction(spec: ActionSpec, credentials: Credentials, timestamp: number): WireAction {
  const actionid = ACTION_URN[spec.kind];
  return {
    actionid,
    resourceid: spec.resourceid ?? '',
    resourcetype: spec.resourcetype,
    identifier: spec.identifier ?? null,
    timestamp,
    hmac_version: 2,
    hmac: hmacV2({ secret: credentials.secret, timestamp, token: credentials.token, resourcetype: spec.resourcetype, actionid }),
    // HMAC v2 does not sign the parameters, so the claim changes nothing above.
    parameters: wireParameters(spec.parameters ?? {}, credentials.apiClaim),
  };
}

/** Builds a whole request; `now` is asked once per action (Unix seconds). */
export function buildRequest(specs: readonly ActionSpec[], credentials: Credentials, now: () => number): WireRequest {
  return {
    token: credentials.token,
    request: { actions: specs.map((spec) => signAction(spec, credentials, Math.floor(now()))) },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Responses. The schemas are lenient where real results vary (fixtures/recorded-results): `type` may be null,
// `elements` an object, an array or `[]`, ids numbers or strings, `cntabsolute` null.

const looseInt = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]);

export const wireRecordSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  type: z.string().nullish(),
  elements: z.unknown(),
});

const actionStatusSchema = z.looseObject({
  errorcode: looseInt,
  message: z.string().nullish(),
});

export const wireResultSchema = z.looseObject({
  actionid: z.string().nullish(),
  resourceid: z.union([z.string(), z.number()]).nullish(),
  resourcetype: z.string().nullish(),
  identifier: z.string().nullish(),
  cacheable: z.union([z.boolean(), z.string(), z.number()]).nullish(),
  // PHP encodes an empty data member as `[]`, so an array stands for "no data".
  data: z
    .union([
      z.looseObject({
        meta: z.looseObject({ cntabsolute: looseInt.nullish() }).nullish(),
        records: z.array(wireRecordSchema).nullish(),
      }),
      z.array(z.unknown()).transform(() => null),
    ])
    .nullish(),
  status: actionStatusSchema,
});

export const wireResponseSchema = z.looseObject({
  status: z.looseObject({
    code: looseInt,
    errorcode: looseInt.nullish(),
    message: z.string().nullish(),
  }),
  response: z.looseObject({ results: z.array(wireResultSchema) }).nullish(),
});

export type WireResponse = z.infer<typeof wireResponseSchema>;
export type WireResult = z.infer<typeof wireResultSchema>;

export interface ApiRecord {
  id: string;
  type: string | null;
  elements: unknown;
}

export interface ActionSuccess {
  ok: true;
  kind: ActionKind;
  resourcetype: string;
  resourceid: string;
  identifier: string;
  records: ApiRecord[];
  /** Total number of matches (not the page); null where the server gives none. */
  cntabsolute: number | null;
  cacheable: boolean;
}

export interface ActionFailure {
  ok: false;
  kind: ActionKind;
  resourcetype: string;
  resourceid: string;
  identifier: string;
  errorcode: number;
  message: string;
}

export type ActionResult = ActionSuccess | ActionFailure;

/** A failure of the whole exchange: nothing per action can be trusted. */
export type EnvelopeError =
  /** `errorcode` is the most precise code (the top level's, else the first failed action's); `top` is as sent. */
  | { kind: 'api'; httpStatus: number; code: number; errorcode: number; message: string; top: { code: number; errorcode: number; message: string } }
  /**
   * `hasStatus`: the body is an onOffice envelope (JSON with a `status` object) whose results are unusable. It
   * tells an API answer sent with an HTTP error status from a proxy's or web server's error page.
   */
  | { kind: 'malformed'; httpStatus: number; reason: string; snippet: string; hasStatus: boolean };

export type ParsedResponse =
  | { ok: true; top: { code: number; errorcode: number; message: string }; results: ActionResult[] }
  | { ok: false; error: EnvelopeError };

const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

/** A safe excerpt of a body for error messages: one line, bounded. */
function snippetOf(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Parses a response body against the actions that were sent. Checks both status levels and the number of
 * results; maps results to actions by position (as every official SDK does) and types each as success or failure.
 * Never throws: broken JSON, HTML error pages and wrong shapes come back as `malformed`. The HTTP status is only
 * passed on: the body's status object decides, as in the official SDK, which ignores the HTTP status.
 */
export function parseResponse(httpStatus: number, body: string, sent: readonly WireAction[]): ParsedResponse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const html = /^\s*</.test(body);
    return {
      ok: false,
      error: {
        kind: 'malformed',
        httpStatus,
        reason: body.trim() === '' ? 'empty body' : html ? 'HTML instead of JSON' : 'invalid JSON',
        snippet: snippetOf(body),
        hasStatus: false,
      },
    };
  }
  const parsed = wireResponseSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        kind: 'malformed',
        httpStatus,
        reason: `unexpected shape: ${z.prettifyError(parsed.error).split('\n')[0] ?? ''}`,
        snippet: snippetOf(body),
        hasStatus: false,
      },
    };
  }
  const top = {
    code: parsed.data.status.code,
    errorcode: parsed.data.status.errorcode ?? 0,
    message: parsed.data.status.message ?? '',
  };
  const results = parsed.data.response?.results;
  // Top-level failure: a non-200 code, or an errorcode other than 97 ("an action failed", which the per-action
  // statuses then explain). A top-level failure may come without a `response` key at all.
  const actionsExplain = top.errorcode === 97 && results !== undefined && results !== null && results.length > 0;
  if (top.code !== 200 || (top.errorcode !== 0 && !actionsExplain)) {
    const firstFailure = results?.find((r) => r.status.errorcode !== 0);
    return {
      ok: false,
      error: {
        kind: 'api',
        httpStatus,
        code: top.code,
        errorcode: top.errorcode !== 0 ? top.errorcode : (firstFailure?.status.errorcode ?? 0),
        message: top.message || firstFailure?.status.message || '',
        top,
      },
    };
  }
  if (!results) {
    return { ok: false, error: { kind: 'malformed', httpStatus, reason: 'no results in a successful response', snippet: snippetOf(body), hasStatus: true } };
  }
  if (results.length !== sent.length) {
    return {
      ok: false,
      error: { kind: 'malformed', httpStatus, reason: `expected ${sent.length} result(s), got ${results.length}`, snippet: snippetOf(body), hasStatus: true },
    };
  }
  return { ok: true, top, results: results.map((r, i) => toActionResult(r, sent[i] as WireAction)) };
}

function toActionResult(r: WireResult, sent: WireAction): ActionResult {
  const base = {
    kind: actionKindOf(sent.actionid) ?? 'read',
    resourcetype: sent.resourcetype,
    resourceid: sent.resourceid,
    identifier: sent.identifier ?? '',
  };
  if (r.status.errorcode !== 0) {
    return { ok: false, ...base, errorcode: r.status.errorcode, message: r.status.message ?? '' };
  }
  const records: ApiRecord[] = (r.data?.records ?? []).map((rec) => ({
    id: rec.id === null || rec.id === undefined ? '' : String(rec.id),
    type: rec.type ?? null,
    elements: rec.elements,
  }));
  return {
    ok: true,
    ...base,
    records,
    cntabsolute: r.data?.meta?.cntabsolute ?? null,
    cacheable: truthy(r.cacheable),
  };
}
