/** `doctor`: the onboarding checks from the command line, credentials from the environment only. */
import { parseArgs } from 'node:util';
import { createClient } from '../onoffice/client.ts';
import { runCheck } from '../checks/engine.ts';
import { STATUS_MARK } from '../checks/report.ts';
import { plural } from '../domain/i18n/catalogue.ts';
import { render, T, verbatim } from '../domain/i18n/index.ts';
import type { FieldList } from '../checks/probes.ts';
import { FIELD_MODULES } from '../checks/steps/fields.ts';
import type { CheckRun, Finding } from '../checks/types.ts';
import { USE_CASE_NAMES, isUseCaseName, parseRights, type RightRequirement } from '../checks/usecases.ts';
import { CONNECTION_OPTIONS, credentialsFromEnv, missingCredentialsMessage, rejectSecretsInArgv, resolveConnection } from './connection.ts';
import { EXIT, pickLang, UsageError, type CliIo, type Lang } from './io.ts';

export const doctorUsage = (lang: Lang): string => render(lang, T('cli.usage.doctor', { useCases: USE_CASE_NAMES.join('|') }));

/** Both languages, rendered: what --json prints, so a script reads plain strings whatever the locale. */
const bothLanguages = (text: Parameters<typeof render>[1]) => ({ de: render('de', text), en: render('en', text) });

/** A finding as --json prints it: its texts rendered in both languages, everything else as the engine made it. */
export function findingJson(f: Finding) {
  const { requestText, ...evidence } = f.evidence;
  return {
    ...f,
    title: bothLanguages(f.title),
    explanation: bothLanguages(f.explanation),
    fix: f.fix === null ? null : bothLanguages(f.fix),
    evidence: requestText === undefined ? evidence : { ...evidence, requestText: bothLanguages(requestText) },
  };
}

/**
 * Credentials and clock outrank the connection, which outranks any other failing finding; a run without failures
 * whose required findings stayed unknown is inconclusive, never ok.
 */
export function doctorExitCode(run: CheckRun): number {
  const failed = new Set(run.findings.filter((f) => f.status === 'fail').map((f) => f.id));
  if (failed.has('credentials') || failed.has('clock')) return EXIT.credentials;
  if (failed.has('connection')) return EXIT.transport;
  if (failed.size > 0) return EXIT.actionFailed;
  return (run.inconclusive ?? 0) > 0 ? EXIT.inconclusive : EXIT.ok;
}

function parseIds(raw: string | undefined): number[] {
  if (raw === undefined) return [];
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0 || items.some((s) => !/^\d{1,12}$/.test(s) || Number(s) === 0)) {
    throw new UsageError(T('cli.doctor.expectEstates'));
  }
  return items.map(Number);
}

const FIELD_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** A comma-separated list of names, each matching `pattern`; [] when the option is absent. */
function parseList(raw: string | undefined, option: string, pattern: RegExp): string[] {
  if (raw === undefined) return [];
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = items.find((s) => !pattern.test(s));
  if (items.length === 0) throw new UsageError(T('cli.doctor.list.empty', { option }));
  if (bad !== undefined) throw new UsageError(T('cli.doctor.list.invalid', { option, name: verbatim(bad) }));
  return [...new Set(items)];
}

/** `--fields estate:Id,kaufpreis` (repeatable), one list per module; names without a module belong to estate. */
export function parseFields(raw: readonly string[]): FieldList[] {
  const byModule = new Map<string, string[]>();
  for (const item of raw) {
    const colon = item.indexOf(':');
    const module = colon > 0 ? item.slice(0, colon).trim() : 'estate';
    if (!(FIELD_MODULES as readonly string[]).includes(module)) throw new UsageError(T('cli.doctor.fields.module', { modules: FIELD_MODULES.join(' | '), module: verbatim(module) }));
    const names = parseList(colon > 0 ? item.slice(colon + 1) : item, '--fields', FIELD_NAME);
    byModule.set(module, [...new Set([...(byModule.get(module) ?? []), ...names])]);
  }
  return [...byModule].map(([module, names]) => ({ module, names }));
}

export async function runDoctor(io: CliIo): Promise<number> {
  rejectSecretsInArgv(io.argv);
  const { values } = parseArgs({
    args: [...io.argv],
    options: {
      ...CONNECTION_OPTIONS,
      'use-case': { type: 'string' },
      rights: { type: 'string' },
      'expect-estates': { type: 'string' },
      'mail-identity': { type: 'string' },
      'mail-to': { type: 'string' },
      'send-test-mail': { type: 'boolean', default: false },
      fields: { type: 'string', multiple: true },
      language: { type: 'string' },
      'picture-categories': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.out(doctorUsage(pickLang(values.lang, io.env)));
    return EXIT.ok;
  }
  const { lang, endpoint, timeouts } = resolveConnection(values, io.env);
  const useCase = values['use-case'];
  if (!useCase || !isUseCaseName(useCase)) throw new UsageError(T('cli.doctor.useCase', { useCases: USE_CASE_NAMES.join(', ') }));
  let customRights: RightRequirement[] = [];
  let customAdmin = false;
  if (useCase === 'custom') {
    // "admin" stands beside the module rights: it is a user right, not a module × action.
    const items = (values.rights ?? '').split(',').map((s) => s.trim());
    customAdmin = items.includes('admin');
    const parsed = parseRights(items.filter((s) => s !== 'admin').join(','));
    if ('error' in parsed) throw new UsageError(T('cli.doctor.rights.invalid', { detail: verbatim(parsed.error) }));
    if (parsed.length === 0 && !customAdmin) throw new UsageError(T('cli.doctor.rights.missing'));
    customRights = parsed;
  } else if (values.rights !== undefined) throw new UsageError(T('cli.doctor.rights.notCustom'));
  const expectEstates = parseIds(values['expect-estates']);
  const fields = parseFields(values.fields ?? []);
  const language = values.language?.trim().toUpperCase();
  if (language !== undefined && !/^[A-Z]{3}$/.test(language)) throw new UsageError(T('cli.doctor.language'));
  const pictureCategories = parseList(values['picture-categories'], '--picture-categories', /^[A-Za-z][A-Za-z0-9_-]{0,40}$/);
  const identity = values['mail-identity']?.trim();
  const receiver = values['mail-to']?.trim();
  if (values['send-test-mail'] && (!identity || !receiver)) throw new UsageError(T('cli.doctor.mail.testNeeds'));
  if (receiver !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(receiver)) throw new UsageError(T('cli.doctor.mail.to'));
  if (identity === '') throw new UsageError(T('cli.doctor.mail.identity'));

  const credentials = credentialsFromEnv(io.env);
  if (!credentials) {
    const message = missingCredentialsMessage(lang);
    if (values.json) io.out(JSON.stringify({ ok: false, useCase, findings: [], requests: 0, error: { code: 'credentials-missing', message } }));
    else io.err(message);
    return EXIT.credentials;
  }

  const startedAt = Date.now();
  const run = await runCheck({
    runId: `doctor-${startedAt}`,
    useCase,
    customRights,
    customAdmin,
    expectEstates,
    fields,
    language: language ?? null,
    ...(pictureCategories.length > 0 ? { pictureCategories } : {}),
    mail: identity ? { identity, receiver, consent: values['send-test-mail'] } : null,
    credentials,
    clientFactory: (onExchange) =>
      createClient({
        endpoint,
        credentials: () => credentials,
        timeouts,
        onExchange,
      }),
    signal: io.signal,
  });
  const code = doctorExitCode(run);

  if (values.json) {
    io.out(
      JSON.stringify(
        { ok: run.ok, useCase: run.useCase, endpointHost: run.endpointHost, findings: run.findings.map(findingJson), requests: run.requests, inconclusive: run.inconclusive ?? 0, summary: run.summary },
        null,
        2,
      ),
    );
    return code;
  }
  const say = (text: Parameters<typeof render>[1]) => io.out(render(lang, text));
  say(T('cli.doctor.title', { useCase, host: run.endpointHost }));
  const heuristic = ` ${render(lang, T('cli.doctor.heuristic'))}`;
  for (const f of run.findings) {
    io.out(`${STATUS_MARK[f.status]} ${render(lang, f.title)}${f.heuristic ? heuristic : ''}  [${f.id}]`);
    if (f.status === 'pass') continue;
    io.out(`    ${render(lang, f.explanation)}`);
    if (f.reasons) {
      const reasons = f.reasons.join(', ');
      io.out(`    ${render(lang, f.possibleReasons ? T('cli.doctor.reasons.possible', { reasons, possible: f.possibleReasons.join(', ') }) : T('cli.doctor.reasons', { reasons }))}`);
    }
    if (f.fix) io.out(`    → ${render(lang, f.fix)}`);
  }
  const s = run.summary;
  const inconclusive = run.inconclusive ?? 0;
  if (inconclusive > 0 && s.fail === 0) io.out(plural(lang, 'cli.doctor.inconclusive', inconclusive));
  say(
    T('cli.doctor.summary', {
      fail: s.fail,
      warnings: plural(lang, 'cli.doctor.warnings', s.warn),
      pass: s.pass,
      unknown: s.unknown,
      skipped: s.skipped,
      requests: plural(lang, 'cli.doctor.requests', run.requests),
    }),
  );
  return code;
}
