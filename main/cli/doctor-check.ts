/**
 * One check of one API user from the command line, shared by `doctor` and `doctor --profiles`: the run itself, its
 * exit code, a finding as --json prints it, and the parsers of --rights, --expect-estates and --fields.
 */
import type { ClientTimeouts } from '../onoffice/client.ts';
import type { Credentials } from '../onoffice/wire.ts';
import { render, T, verbatim } from '../domain/i18n/index.ts';
import type { FieldList, MailOptions } from '../checks/probes.ts';
import { FIELD_MODULES } from '../checks/steps/fields.ts';
import type { CheckRun, Finding } from '../checks/types.ts';
import { parseRights, type RightRequirement, type UseCaseName } from '../checks/usecases.ts';
import { EXIT, UsageError } from './io.ts';

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

/** What one check asks, apart from where and as whom: the command's options, or one profile of a --profiles file. */
export interface DoctorRequest {
  useCase: UseCaseName;
  customRights: readonly RightRequirement[];
  customAdmin: boolean;
  expectEstates: readonly number[];
  fields: readonly FieldList[];
  language: string | null;
  pictureCategories: readonly string[];
  mail: MailOptions | null;
}

/** Where and as whom one check runs. */
export interface DoctorTarget {
  runId: string;
  endpoint: URL;
  timeouts: Partial<ClientTimeouts>;
  credentials: Credentials;
  signal: AbortSignal;
}

/**
 * One check through the engine, for `doctor` and for each profile of `doctor --profiles`. The engine and the client
 * are loaded here, when a check runs: `doctor --help` and mistakes in the options never load them.
 */
export async function checkApiUser(request: DoctorRequest, target: DoctorTarget): Promise<CheckRun> {
  const [{ runCheck }, { createClient }] = await Promise.all([import('../checks/engine.ts'), import('../onoffice/client.ts')]);
  const { credentials, endpoint, timeouts } = target;
  return runCheck({
    runId: target.runId,
    ...request,
    credentials,
    clientFactory: (onExchange) => createClient({ endpoint, credentials: () => credentials, timeouts, onExchange }),
    signal: target.signal,
  });
}

/**
 * The rights of the custom use case (`--rights`, or a profile's "rights"): module rights, plus "admin", which is a
 * user right rather than a module × action. Null when it names none.
 */
export function parseCustomRights(raw: string): { customRights: RightRequirement[]; customAdmin: boolean } | { error: string } | null {
  const items = raw.split(',').map((s) => s.trim());
  const customAdmin = items.includes('admin');
  const parsed = parseRights(items.filter((s) => s !== 'admin').join(','));
  if ('error' in parsed) return parsed;
  return parsed.length === 0 && !customAdmin ? null : { customRights: parsed, customAdmin };
}

export function parseIds(raw: string | undefined): number[] {
  if (raw === undefined) return [];
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0 || items.some((s) => !/^\d{1,12}$/.test(s) || Number(s) === 0)) {
    throw new UsageError(T('cli.doctor.expectEstates'));
  }
  return items.map(Number);
}

const FIELD_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** A comma-separated list of names, each matching `pattern`; [] when the option is absent. */
export function parseList(raw: string | undefined, option: string, pattern: RegExp): string[] {
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

