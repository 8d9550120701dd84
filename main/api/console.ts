/**
 * The console's service: one signed call as the person typed it, its outcome explained in their language. What the
 * server answered goes to the page, so it passes the journal's redactor first: a server may echo the token, the
 * secret, a signature or the API claim in any record or message, and the page must never hold one.
 */
import { WRITE_ACTION_KINDS, type ConsoleResult } from '../../preload/contract.ts';
import { render, translate } from '../domain/i18n/index.ts';
import type { CallOutcome, OnOfficeClient } from '../onoffice/client.ts';
import { explainApiError, explainTransportError, type ExplainedError } from '../onoffice/errors.ts';
import type { Exchange } from '../onoffice/exchange.ts';
import { capText, createRedactor, hmacsIn, redactDeep } from '../onoffice/redact.ts';
import type { ActionSpec, Credentials } from '../onoffice/wire.ts';
import type { Profile } from '../store/profiles.ts';
import { BoundaryFailure, type Handlers } from './dispatch.ts';

/** The raw answer the page may show is cut off here: the table and the journal hold the rest. */
const RESPONSE_CAP_BYTES = 1024 * 1024;

export interface ConsoleServiceOptions {
  requireProfile(id: string): Profile;
  /** A client whose every exchange lands in the journal; `onRecorded` hears each one. */
  clientFor(profile: Profile, onRecorded: (exchange: Exchange) => void): OnOfficeClient;
  /** The profile's keys, to redact with (the same the journal redacts with). */
  readCredentials(profileId: string): Promise<Credentials>;
  /** The language of the explanations. */
  language(): 'de' | 'en';
}

function explainOutcome(outcome: CallOutcome, profile: Profile, lang: 'de' | 'en'): Omit<ConsoleResult, 'response'> {
  const ctx = { clockOffsetSeconds: outcome.clockOffsetSeconds, endpointHost: new URL(profile.endpoint.url).host, apiClaimSent: profile.hasApiClaim };
  const text = (e: ExplainedError) => ({ code: e.code, category: e.category, message: e.serverMessage || render(lang, e.title), explanation: render(lang, e.explanation), fix: render(lang, e.fix) });
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

/**
 * The server's answer for the page's JSON view, pretty-printed. JSON is redacted string by string (a value a server
 * cut off is caught at that string's end, which a scan of the whole text would miss) and then as a whole; anything
 * else (an error page) as text.
 */
function rawAnswer(body: string, redact: (text: string) => string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return redact(body);
  }
  return redact(JSON.stringify(redactDeep(parsed, redact), null, 2));
}

export function consoleHandlers(options: ConsoleServiceOptions): Pick<Handlers, 'consoleCall'> {
  return {
    consoleCall: async ({ profileId, kind, resourcetype, resourceid, parameters, confirmed }, { signal }) => {
      // A call that changes data goes out only when the person confirmed it; the page asks, main makes sure.
      if ((WRITE_ACTION_KINDS as readonly string[]).includes(kind) && confirmed !== true) {
        throw new BoundaryFailure('confirmation-required', translate(options.language(), 'console.confirm.required', { kind }));
      }
      const profile = options.requireProfile(profileId);
      const keys = await options.readCredentials(profileId);
      const spec: ActionSpec = { kind, resourcetype, parameters, ...(resourceid ? { resourceid } : {}) };
      const exchanges: Exchange[] = [];
      const outcome = await options.clientFor(profile, (x) => exchanges.push(x)).call([spec], { signal });
      // The signatures of every attempt, as the journal knows them, so an echo of one is found anywhere.
      const hmacs = exchanges.flatMap((x) => [...hmacsIn(x.requestBody), ...(x.responseBody === null ? [] : hmacsIn(x.responseBody))]);
      const redact = createRedactor(keys, hmacs);
      const answer = exchanges.findLast((x) => x.responseBody !== null)?.responseBody ?? null;
      // The whole result, not only the server's fields: explanations quote server text too (a transport detail).
      return {
        ...redactDeep(explainOutcome(outcome, profile, options.language()), redact),
        response: answer === null ? null : capText(rawAnswer(answer, redact), RESPONSE_CAP_BYTES),
      };
    },
  };
}
