/** `doctor`: the onboarding checks from the command line, credentials from the environment only. */
import { parseArgs } from 'node:util';
import { createClient } from '../onoffice/client.ts';
import { runCheck } from '../checks/engine.ts';
import { STATUS_MARK } from '../checks/report.ts';
import type { FieldList } from '../checks/probes.ts';
import { FIELD_MODULES } from '../checks/steps/fields.ts';
import type { CheckRun } from '../checks/types.ts';
import { USE_CASE_NAMES, isUseCaseName, parseRights, type RightRequirement } from '../checks/usecases.ts';
import { CONNECTION_OPTIONS, credentialsFromEnv, missingCredentialsMessage, rejectSecretsInArgv, resolveConnection } from './connection.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

export const DOCTOR_USAGE = `Usage: api-user-desk doctor --endpoint URL|stable|latest --use-case ${USE_CASE_NAMES.join('|')}
       [--rights MODULE:ACTION[:all|own],…[,admin]] (custom only) [--expect-estates ID,ID]
       [--fields MODULE:FIELD,FIELD]… [--language ENG] [--picture-categories Titelbild,Foto,…]
       [--mail-identity ADDRESS [--mail-to ADDRESS --send-test-mail]] [--lang de|en] [--json]
       [--timeout MS] [--connect-timeout MS]
Checks an API user's setup against a use case and says what to fix in enterprise.
--expect-estates explains each estate: on the website, or why not. --fields checks field names (module estate or
address) against the active fields; --language checks the estates in the website's language (ISO 3166-1 alpha-3).
Credentials come from the environment only: ONOFFICE_TOKEN and ONOFFICE_SECRET, and for a marketplace
provider's API user ONOFFICE_API_CLAIM (the apiClaim of the customer's latest activation, sent as extendedclaim).
A real test mail is sent only with --send-test-mail (and --mail-identity, --mail-to), once.
Clock and IP are measured from this computer, not from the web server that runs the integration.
Exit codes: 0 nothing fails, 1 a check fails, 2 usage, 3 credentials or clock unusable, 4 transport or server,
5 inconclusive (a check the use case needs stayed unknown: try again, or check the server).`;

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
    throw new UsageError('--expect-estates must be record ids separated by commas, e.g. 1042,1077');
  }
  return items.map(Number);
}

const FIELD_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** A comma-separated list of names, each matching `pattern`; [] when the option is absent. */
function parseList(raw: string | undefined, option: string, pattern: RegExp): string[] {
  if (raw === undefined) return [];
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = items.find((s) => !pattern.test(s));
  if (items.length === 0 || bad !== undefined) throw new UsageError(`${option}: ${bad === undefined ? 'give at least one name' : `"${bad}" is not a valid name`}`);
  return [...new Set(items)];
}

/** `--fields estate:Id,kaufpreis` (repeatable), one list per module; names without a module belong to estate. */
export function parseFields(raw: readonly string[]): FieldList[] {
  const byModule = new Map<string, string[]>();
  for (const item of raw) {
    const colon = item.indexOf(':');
    const module = colon > 0 ? item.slice(0, colon).trim() : 'estate';
    if (!(FIELD_MODULES as readonly string[]).includes(module)) throw new UsageError(`--fields: module must be ${FIELD_MODULES.join(' or ')}, not "${module}"`);
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
    io.out(DOCTOR_USAGE);
    return EXIT.ok;
  }
  const { lang, endpoint, timeouts } = resolveConnection(values, io.env);
  const useCase = values['use-case'];
  if (!useCase || !isUseCaseName(useCase)) throw new UsageError(`--use-case must be one of ${USE_CASE_NAMES.join(', ')}`);
  let customRights: RightRequirement[] = [];
  let customAdmin = false;
  if (useCase === 'custom') {
    // "admin" stands beside the module rights: it is a user right, not a module × action.
    const items = (values.rights ?? '').split(',').map((s) => s.trim());
    customAdmin = items.includes('admin');
    const parsed = parseRights(items.filter((s) => s !== 'admin').join(','));
    if ('error' in parsed) throw new UsageError(`--rights: ${parsed.error}`);
    if (parsed.length === 0 && !customAdmin) throw new UsageError('--use-case custom needs --rights, e.g. estate:read,address:create');
    customRights = parsed;
  } else if (values.rights !== undefined) throw new UsageError('--rights belongs to --use-case custom');
  const expectEstates = parseIds(values['expect-estates']);
  const fields = parseFields(values.fields ?? []);
  const language = values.language?.trim().toUpperCase();
  if (language !== undefined && !/^[A-Z]{3}$/.test(language)) throw new UsageError('--language must be a three-letter language code (ISO 3166-1 alpha-3), e.g. ENG');
  const pictureCategories = parseList(values['picture-categories'], '--picture-categories', /^[A-Za-z][A-Za-z0-9_-]{0,40}$/);
  const identity = values['mail-identity']?.trim();
  const receiver = values['mail-to']?.trim();
  if (values['send-test-mail'] && (!identity || !receiver)) throw new UsageError('--send-test-mail needs --mail-identity and --mail-to');
  if (receiver !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(receiver)) throw new UsageError('--mail-to must be an e-mail address');
  if (identity === '') throw new UsageError('--mail-identity must not be empty');

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
        { ok: run.ok, useCase: run.useCase, endpointHost: run.endpointHost, findings: run.findings, requests: run.requests, inconclusive: run.inconclusive ?? 0, summary: run.summary },
        null,
        2,
      ),
    );
    return code;
  }
  io.out(lang === 'de' ? `Prüfung „${useCase}“ gegen ${run.endpointHost}` : `Check "${useCase}" against ${run.endpointHost}`);
  const heuristic = lang === 'de' ? ' (Schlussfolgerung)' : ' (heuristic)';
  for (const f of run.findings) {
    io.out(`${STATUS_MARK[f.status]} ${f.title[lang]}${f.heuristic ? heuristic : ''}  [${f.id}]`);
    if (f.status === 'pass') continue;
    io.out(`    ${f.explanation[lang]}`);
    if (f.reasons) io.out(`    ${lang === 'de' ? 'Gründe' : 'reasons'}: ${f.reasons.join(', ')}${f.possibleReasons ? ` (${lang === 'de' ? 'möglich' : 'possible'}: ${f.possibleReasons.join(', ')})` : ''}`);
    if (f.fix) io.out(`    → ${f.fix[lang]}`);
  }
  const s = run.summary;
  const inconclusive = run.inconclusive ?? 0;
  if (inconclusive > 0 && s.fail === 0) {
    io.out(
      lang === 'de'
        ? `Ergebnis offen: ${inconclusive} ${inconclusive === 1 ? 'nötige Prüfung blieb' : 'nötige Prüfungen blieben'} unbekannt. Bitte erneut prüfen; bleibt es so, den Server prüfen (status.onoffice.de).`
        : `Inconclusive: ${inconclusive} required ${inconclusive === 1 ? 'check' : 'checks'} stayed unknown. Please check again; if it stays so, check the server (status.onoffice.de).`,
    );
  }
  io.out(
    lang === 'de'
      ? `${s.fail} Fehler, ${s.warn} ${s.warn === 1 ? 'Warnung' : 'Warnungen'}, ${s.pass} in Ordnung, ${s.unknown} unbekannt, ${s.skipped} nicht geprüft – ${run.requests} ${run.requests === 1 ? 'Anfrage' : 'Anfragen'}.`
      : `${s.fail} failed, ${s.warn} ${s.warn === 1 ? 'warning' : 'warnings'}, ${s.pass} passed, ${s.unknown} unknown, ${s.skipped} skipped — ${run.requests} ${run.requests === 1 ? 'request' : 'requests'}.`,
  );
  return code;
}
