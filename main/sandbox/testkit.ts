/**
 * Helpers for tests that talk to the sandbox over HTTP: build and sign requests with the project's signing
 * functions directly (no client in between), post them, and read results.
 */
import { hmacV1, hmacV2, sortTopLevel } from '../onoffice/signing.ts';
import type { ActionKind } from '../onoffice/wire.ts';
import { ACTION_URN } from '../onoffice/wire.ts';
import type { ActionResult, ApiResponse } from './envelope.ts';

export interface TestAction {
  kind: ActionKind;
  resourcetype: string;
  resourceid?: string;
  identifier?: string;
  parameters?: Record<string, unknown>;
}

export interface Credentials {
  token: string;
  secret: string;
}

export interface SignOptions {
  /** 2 (default) or 1 (legacy md5; `hmac_version` is then left out). */
  version?: 1 | 2;
  /** Unix seconds; default now. */
  timestamp?: number;
}

export function signAction(creds: Credentials, spec: TestAction, options: SignOptions = {}): Record<string, unknown> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const actionid = ACTION_URN[spec.kind];
  const parameters = sortTopLevel(spec.parameters ?? {});
  const base = {
    actionid,
    resourceid: spec.resourceid ?? '',
    resourcetype: spec.resourcetype,
    identifier: spec.identifier ?? '',
    timestamp,
  };
  if (options.version === 1) {
    return { ...base, hmac: hmacV1({ ...creds, ...base, parameters }), parameters };
  }
  return { ...base, hmac_version: 2, hmac: hmacV2({ ...creds, ...base }), parameters };
}

export function buildBody(creds: Credentials, specs: readonly TestAction[], options: SignOptions = {}): string {
  return JSON.stringify({ token: creds.token, request: { actions: specs.map((s) => signAction(creds, s, options)) } });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

export async function post(endpoint: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(endpoint, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Parses an API answer; throws when the body is not JSON, which tests then see as a failure. */
export function apiResponse(reply: Reply): ApiResponse {
  return JSON.parse(reply.text) as ApiResponse;
}

export async function callApi(
  endpoint: string,
  creds: Credentials,
  specs: readonly TestAction[],
  options: SignOptions = {},
): Promise<ApiResponse> {
  return apiResponse(await post(endpoint, buildBody(creds, specs, options)));
}

export function resultAt(response: ApiResponse, index = 0): ActionResult {
  const result = response.response?.results[index];
  if (!result) throw new Error(`no result #${index} in ${JSON.stringify(response.status)}`);
  return result;
}

export interface TestRecord {
  id: number | string;
  type: string | null;
  elements: unknown;
}

export function recordsOf(result: ActionResult): TestRecord[] {
  return Array.isArray(result.data) ? [] : (result.data.records as TestRecord[]);
}

export function cntabsoluteOf(result: ActionResult): number | null | undefined {
  return Array.isArray(result.data) ? undefined : result.data.meta.cntabsolute;
}

/** The elements of each record, as string maps (the shape of estate, address, user and log reads). */
export function elementsOf(result: ActionResult): Record<string, unknown>[] {
  return recordsOf(result).map((r) => r.elements as Record<string, unknown>);
}
