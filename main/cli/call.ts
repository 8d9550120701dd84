/** `call`: one signed action against an endpoint, credentials from the environment only. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClient, type CallError } from '../onoffice/client.ts';
import { categoryOf, explainApiError, explainTransportError, type ErrorCategory, type ErrorContext, type ExplainedError } from '../onoffice/errors.ts';
import { plural } from '../domain/i18n/catalogue.ts';
import { render, T, verbatim } from '../domain/i18n/index.ts';
import { ACTION_KINDS, type ActionKind, type ActionResult, type Credentials } from '../onoffice/wire.ts';
import { CONNECTION_OPTIONS, credentialsFromEnv, missingCredentialsMessage, rejectSecretsInArgv, resolveConnection } from './connection.ts';
import { EXIT, pickLang, UsageError, type CliIo, type Lang } from './io.ts';
import { callUsage } from './usage.ts';

function readParams(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) return {};
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = readFileSync(raw.slice(1), 'utf8');
    } catch (e) {
      throw new UsageError(T('cli.params.unreadable', { file: verbatim(raw.slice(1)), code: verbatim((e as NodeJS.ErrnoException).code ?? 'error') }));
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // The parser's own words are technical detail: they name the place, in English.
    throw new UsageError(T('cli.params.invalidJson', { detail: verbatim((e as Error).message) }));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(T('cli.params.notObject', { example: verbatim('{"data":["Id"],"listlimit":5}') }));
  }
  return value as Record<string, unknown>;
}

function errorContext(credentials: Credentials, clockOffsetSeconds: number | null, host: string): ErrorContext {
  return {
    tokenLength: credentials.token.length,
    secretLength: credentials.secret.length,
    apiClaimSent: credentials.apiClaim !== undefined,
    clockOffsetSeconds,
    endpointHost: host,
  };
}

function explainCallError(error: CallError, ctx: ErrorContext): ExplainedError {
  return error.kind === 'api'
    ? explainApiError(error.errorcode, error.message, { ...ctx, httpStatus: error.httpStatus })
    : explainTransportError(error.code, { ...ctx, httpStatus: error.httpStatus, detail: error.message });
}

/** Authentication problems outrank transport, which outranks a plain failed action. */
function exitCodeFor(categories: readonly ErrorCategory[]): number {
  if (categories.some((c) => c === 'credentials' || c === 'clock' || c === 'marketplace')) return EXIT.credentials;
  if (categories.some((c) => c === 'transport' || c === 'server')) return EXIT.transport;
  return categories.length > 0 ? EXIT.actionFailed : EXIT.ok;
}

const MARK = { ok: '✓', fail: '✗' };

function formatElements(elements: unknown): string {
  if (Array.isArray(elements)) return elements.map((e) => (typeof e === 'object' ? JSON.stringify(e) : String(e))).join(', ');
  if (elements && typeof elements === 'object') {
    return Object.entries(elements as Record<string, unknown>)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join('  ');
  }
  return String(elements ?? '');
}

function printExplained(io: CliIo, lang: Lang, e: ExplainedError): void {
  io.out(`  ${render(lang, e.title)} [${e.category}${typeof e.code === 'number' ? `, ${e.code}` : ''}]`);
  io.out(`  ${render(lang, e.explanation)}`);
  io.out(`  → ${render(lang, e.fix)}`);
}

const RECORDS_SHOWN = 50;

export async function runCall(io: CliIo): Promise<number> {
  rejectSecretsInArgv(io.argv);
  const { values } = parseArgs({
    args: [...io.argv],
    options: {
      ...CONNECTION_OPTIONS,
      action: { type: 'string' },
      resource: { type: 'string' },
      id: { type: 'string' },
      params: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.out(callUsage(pickLang(values.lang, io.env)));
    return EXIT.ok;
  }
  const { lang, endpoint, timeouts } = resolveConnection(values, io.env);
  if (!values.action || !(ACTION_KINDS as readonly string[]).includes(values.action)) {
    throw new UsageError(T('cli.action.invalid', { kinds: ACTION_KINDS.join(', ') }));
  }
  if (!values.resource || !/^[A-Za-z][A-Za-z0-9_]*$/.test(values.resource)) throw new UsageError(T('cli.resource.invalid'));
  const parameters = readParams(values.params);

  const credentials = credentialsFromEnv(io.env);
  if (!credentials) {
    const message = missingCredentialsMessage(lang);
    if (values.json) io.out(JSON.stringify({ ok: false, results: [], error: { code: 'credentials-missing', category: 'credentials', message, hint: message } }));
    else io.err(message);
    return EXIT.credentials;
  }

  const client = createClient({
    endpoint,
    credentials: () => credentials,
    timeouts,
  });
  const kind = values.action as ActionKind;
  const outcome = await client.call([{ kind, resourcetype: values.resource, resourceid: values.id, parameters }], { signal: io.signal });
  const ctx = errorContext(credentials, outcome.clockOffsetSeconds, endpoint.host);

  if (!outcome.ok) {
    const explained = explainCallError(outcome.error, ctx);
    if (values.json) {
      io.out(JSON.stringify({ ok: false, results: [], attempts: outcome.attempts, error: jsonError(explained, lang) }, null, 2));
    } else {
      io.out(`${MARK.fail} ${kind} ${values.resource}: ${explained.serverMessage || render(lang, explained.title)}`);
      printExplained(io, lang, explained);
    }
    return exitCodeFor([explained.category]);
  }

  const failures = outcome.results.filter((r): r is Extract<ActionResult, { ok: false }> => !r.ok);
  const explainedFailures = failures.map((f) => explainApiError(f.errorcode, f.message, ctx));
  if (values.json) {
    const results = outcome.results.map((r) =>
      r.ok ? r : { ...r, category: categoryOf(r.errorcode), hint: render(lang, explainApiError(r.errorcode, r.message, ctx).fix) },
    );
    const first = explainedFailures[0];
    io.out(JSON.stringify({ ok: failures.length === 0, results, ...(first ? { error: jsonError(first, lang) } : {}) }, null, 2));
  } else {
    for (const r of outcome.results) {
      const label = `${r.kind} ${r.resourcetype}${r.resourceid ? ` ${r.resourceid}` : ''}`;
      if (!r.ok) {
        io.out(`${MARK.fail} ${label}: ${r.errorcode} ${r.message}`);
        printExplained(io, lang, explainedFailures[failures.indexOf(r)] as ExplainedError);
        continue;
      }
      const total = r.cntabsolute === null ? '' : ` ${render(lang, T('cli.call.total', { total: r.cntabsolute }))}`;
      io.out(`${MARK.ok} ${label}: ${plural(lang, 'cli.call.records', r.records.length)}${total}`);
      for (const rec of r.records.slice(0, RECORDS_SHOWN)) io.out(`  #${rec.id}${rec.type ? ` (${rec.type})` : ''}  ${formatElements(rec.elements)}`);
      if (r.records.length > RECORDS_SHOWN) io.out(`  ${render(lang, T('cli.call.more', { count: r.records.length - RECORDS_SHOWN }))}`);
    }
  }
  return exitCodeFor(explainedFailures.map((e) => e.category));
}

function jsonError(e: ExplainedError, lang: Lang) {
  return { code: e.code, category: e.category, message: e.serverMessage || render(lang, e.title), hint: `${render(lang, e.explanation)} ${render(lang, e.fix)}` };
}
