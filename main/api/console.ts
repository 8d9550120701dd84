/**
 * The console's service: one signed call as the person typed it, its outcome explained in their language. What the
 * server answered goes to the page, so it passes the journal's redactor first: a server may echo the token, the
 * secret, a signature or the API claim in any record or message, and the page must never hold one.
 */
import type { ConsoleResult } from '../../preload/contract.ts';
import type { CallOutcome, OnOfficeClient } from '../onoffice/client.ts';
import { explainApiError, explainTransportError, type ExplainedError } from '../onoffice/errors.ts';
import type { Exchange } from '../onoffice/exchange.ts';
import { createRedactor, hmacsIn, redactDeep } from '../onoffice/redact.ts';
import type { ActionSpec, Credentials } from '../onoffice/wire.ts';
import type { Profile } from '../store/profiles.ts';
import type { Handlers } from './dispatch.ts';

export interface ConsoleServiceOptions {
  requireProfile(id: string): Profile;
  /** A client whose every exchange lands in the journal; `onRecorded` hears each one. */
  clientFor(profile: Profile, onRecorded: (exchange: Exchange) => void): OnOfficeClient;
  /** The profile's keys, to redact with (the same the journal redacts with). */
  readCredentials(profileId: string): Promise<Credentials>;
  /** The language of the explanations. */
  language(): 'de' | 'en';
}

function explainOutcome(outcome: CallOutcome, profile: Profile, lang: 'de' | 'en'): ConsoleResult {
  const ctx = { clockOffsetSeconds: outcome.clockOffsetSeconds, endpointHost: new URL(profile.endpoint.url).host, apiClaimSent: profile.hasApiClaim };
  const text = (e: ExplainedError) => ({ code: e.code, category: e.category, message: e.serverMessage || e.title[lang], explanation: e.explanation[lang], fix: e.fix[lang] });
  const base = { ok: outcome.ok, attempts: outcome.attempts, durationMs: outcome.durationMs, clockOffsetSeconds: outcome.clockOffsetSeconds };
  if (!outcome.ok) {
    const e = outcome.error;
    const explained = e.kind === 'api' ? explainApiError(e.errorcode, e.message, ctx) : explainTransportError(e.code, { ...ctx, httpStatus: e.httpStatus, detail: e.message });
    return { ...base, error: text(explained), results: [] };
  }
  const results = outcome.results.map((r) => {
    if (r.ok) return { ok: true as const, kind: r.kind, resourcetype: r.resourcetype, resourceid: r.resourceid, records: r.records, cntabsolute: r.cntabsolute };
    const t = text(explainApiError(r.errorcode, r.message, ctx));
    return { ok: false as const, kind: r.kind, resourcetype: r.resourcetype, resourceid: r.resourceid, errorcode: r.errorcode, message: r.message, category: t.category, explanation: t.explanation, fix: t.fix };
  });
  const firstFailure = results.find((r) => !r.ok);
  return { ...base, ok: firstFailure === undefined, error: null, results };
}

export function consoleHandlers(options: ConsoleServiceOptions): Pick<Handlers, 'consoleCall'> {
  return {
    consoleCall: async ({ profileId, kind, resourcetype, resourceid, parameters }, { signal }) => {
      const profile = options.requireProfile(profileId);
      const keys = await options.readCredentials(profileId);
      const spec: ActionSpec = { kind, resourcetype, parameters, ...(resourceid ? { resourceid } : {}) };
      const exchanges: Exchange[] = [];
      const outcome = await options.clientFor(profile, (x) => exchanges.push(x)).call([spec], { signal });
      // The signatures of every attempt, as the journal knows them, so an echo of one is found anywhere.
      const hmacs = exchanges.flatMap((x) => [...hmacsIn(x.requestBody), ...(x.responseBody === null ? [] : hmacsIn(x.responseBody))]);
      // The whole result, not only the server's fields: explanations quote server text too (a transport detail).
      return redactDeep(explainOutcome(outcome, profile, options.language()), createRedactor(keys, hmacs));
    },
  };
}
