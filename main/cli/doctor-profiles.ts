/**
 * `doctor --profiles FILE`: the check of `doctor` for several API users at once, for scripts and CI. The file names
 * each profile's endpoint, use case and the environment variables that hold its credentials — never the credentials:
 * a file like this ends up in repositories and build logs.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CheckRun } from '../checks/types.ts';
import { plural } from '../domain/i18n/catalogue.ts';
import { render, T, verbatim, type Text } from '../domain/i18n/index.ts';
import { USE_CASE_NAMES } from '../domain/usecases.ts';
import { checkEndpoint } from '../onoffice/endpoint.ts';
import type { Credentials } from '../onoffice/wire.ts';
import { resolveTimeouts } from './connection.ts';
import { checkApiUser, doctorExitCode, findingJson, parseCustomRights, type DoctorRequest } from './doctor-check.ts';
import { EXIT, pickLang, UsageError, type CliIo, type Lang } from './io.ts';

/** Checks running at once: enough to finish a CI matrix quickly, few enough not to trip a server's rate limit. */
export const PROFILE_CONCURRENCY = 4;
export const MAX_PROFILES = 100;
const MAX_FILE_BYTES = 1024 * 1024;

const KEYS = ['label', 'endpoint', 'useCase', 'rights', 'tokenEnv', 'secretEnv', 'claimEnv'] as const;
type Key = (typeof KEYS)[number];

/**
 * A variable's name, not its value. A long run of hex digits is what a pasted token or secret looks like: refused
 * (and, like every value here, never repeated in a message).
 */
const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]{0,99}$/)
  .refine((name) => !/^[0-9A-F]{24,}$/.test(name));

const PROFILE = z.strictObject({
  label: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[^\p{Cc}]+$/u),
  endpoint: z.string().min(1).max(2000),
  useCase: z.enum(USE_CASE_NAMES),
  rights: z.string().max(2000).optional(),
  tokenEnv: envName,
  secretEnv: envName,
  claimEnv: envName.optional(),
});

/** Keys that would carry a credential itself; the …Env keys that name its variable are fine. */
const CREDENTIAL_KEY = /token|secret|claim|passw|passphrase|signature/i;

/** One valid profile, ready to run. */
export interface Profile {
  label: string;
  request: DoctorRequest;
  endpoint: URL;
  tokenEnv: string;
  secretEnv: string;
  claimEnv?: string;
}

/** The result of one profile: its run, or why it has none (its variables are missing, or the check broke off). */
interface Outcome {
  profile: Profile;
  exitCode: number;
  run: CheckRun | null;
  problem: 'config' | 'error' | null;
}

/** A problem of one entry of the file, naming it by position and (when it has a usable one) its label. */
function entryText(index: number, entry: unknown, problem: Text): Text {
  const label = typeof entry === 'object' && entry !== null && 'label' in entry ? (entry as { label: unknown }).label : undefined;
  const usable = typeof label === 'string' && /^[^\p{Cc}]{1,60}$/u.test(label.trim());
  return usable ? T('cli.profiles.entry.labelled', { number: index + 1, label: verbatim(label.trim()), problem }) : T('cli.profiles.entry', { number: index + 1, problem });
}

const entryError = (index: number, entry: unknown, problem: Text): UsageError => new UsageError(entryText(index, entry, problem));

/** What is wrong with a key, said for the file (zod's own messages are English and speak of types). */
function keyProblem(key: Key, missing: boolean): Text {
  if (missing) return T('cli.profiles.key.missing', { key });
  switch (key) {
    case 'label':
      return T('cli.profiles.key.label');
    case 'endpoint':
      return T('cli.profiles.key.endpoint');
    case 'useCase':
      return T('cli.profiles.key.useCase', { useCases: USE_CASE_NAMES.join(', ') });
    case 'rights':
      return T('cli.profiles.key.rights');
    default:
      return T('cli.profiles.key.env', { key });
  }
}

function parseEntry(entry: unknown, index: number): Profile {
  const fail: (problem: Text) => never = (problem) => {
    throw entryError(index, entry, problem);
  };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(T('cli.profiles.notObject'));
  const credentialKey = Object.keys(entry).find((k) => !(KEYS as readonly string[]).includes(k) && !/Env$/i.test(k) && CREDENTIAL_KEY.test(k));
  if (credentialKey !== undefined) fail(T('cli.profiles.credentialsInFile', { key: verbatim(JSON.stringify(credentialKey)) }));
  const parsed = PROFILE.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') fail(T('cli.profiles.key.unknown', { keys: verbatim(issue.keys.map((k) => JSON.stringify(k)).join(', ')), allowed: KEYS.join(', ') }));
    const key = issue?.path[0];
    const missing = typeof key === 'string' && (entry as Record<string, unknown>)[key] === undefined;
    fail((KEYS as readonly unknown[]).includes(key) ? keyProblem(key as Key, missing) : T('cli.profiles.notObject'));
  }
  const p = parsed.data;
  const endpoint = checkEndpoint(p.endpoint);
  if (!endpoint.ok) fail(T('cli.profiles.key.endpointInvalid', { reason: endpoint.reason }));
  let rights: Pick<DoctorRequest, 'customRights' | 'customAdmin'> = { customRights: [], customAdmin: false };
  if (p.useCase === 'custom') {
    const picked = parseCustomRights(p.rights ?? '');
    if (picked === null) fail(T('cli.profiles.rights.missing'));
    if ('error' in picked) fail(T('cli.profiles.rights.invalid', { detail: verbatim(picked.error) }));
    rights = picked;
  } else if (p.rights !== undefined) fail(T('cli.profiles.rights.notCustom'));
  return {
    label: p.label,
    request: { useCase: p.useCase, ...rights, expectEstates: [], fields: [], language: null, pictureCategories: [], mail: null },
    endpoint: endpoint.url,
    tokenEnv: p.tokenEnv,
    secretEnv: p.secretEnv,
    ...(p.claimEnv !== undefined ? { claimEnv: p.claimEnv } : {}),
  };
}

/** Reads and checks the whole file before anything runs: a mistake in it stops the run with exit 2, naming the entry. */
export function readProfiles(file: string): Profile[] {
  const name = verbatim(JSON.stringify(file));
  let text: string;
  try {
    const buffer = readFileSync(file);
    if (buffer.length > MAX_FILE_BYTES) throw new UsageError(T('cli.profiles.file.tooLarge', { file: name }));
    text = buffer.toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(T('cli.profiles.file.unreadable', { file: name, code: verbatim((e as NodeJS.ErrnoException).code ?? 'error') }));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // Only where the parser stopped: its message quotes the file, and a wrongly written file may hold a credential.
    const position = /at position (\d+)/.exec((e as Error).message)?.[1];
    if (position === undefined) throw new UsageError(T('cli.profiles.file.invalidJson', { file: name }));
    const before = text.slice(0, Number(position)).split('\n');
    throw new UsageError(T('cli.profiles.file.invalidJsonAt', { file: name, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }));
  }
  if (!Array.isArray(data)) throw new UsageError(T('cli.profiles.file.notArray', { file: name, example: verbatim(EXAMPLE) }));
  if (data.length === 0) throw new UsageError(T('cli.profiles.file.empty', { file: name }));
  if (data.length > MAX_PROFILES) throw new UsageError(T('cli.profiles.file.tooMany', { file: name, count: data.length, max: MAX_PROFILES }));
  const profiles = data.map((entry: unknown, index) => parseEntry(entry, index));
  const seen = new Map<string, number>();
  profiles.forEach((p, index) => {
    const first = seen.get(p.label);
    if (first !== undefined) throw entryError(index, p, T('cli.profiles.duplicate', { first: first + 1 }));
    seen.set(p.label, index);
  });
  return profiles;
}

const EXAMPLE = '[{"label":"Website","endpoint":"stable","useCase":"website","tokenEnv":"WEBSITE_TOKEN","secretEnv":"WEBSITE_SECRET"}]';

/** The credentials a profile names, or the names of its variables that are unset or empty (their values never). */
function credentialsOf(profile: Profile, env: CliIo['env']): Credentials | { missing: string[] } {
  const names = [profile.tokenEnv, profile.secretEnv, ...(profile.claimEnv !== undefined ? [profile.claimEnv] : [])];
  const missing = names.filter((n) => !env[n]?.trim());
  if (missing.length > 0) return { missing: [...new Set(missing)] };
  const apiClaim = profile.claimEnv !== undefined ? env[profile.claimEnv]?.trim() : undefined;
  return { token: env[profile.tokenEnv] ?? '', secret: env[profile.secretEnv] ?? '', ...(apiClaim ? { apiClaim } : {}) };
}

/** Runs `work` on every item, at most `limit` at once; the results in the items' order. */
export async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The exit code of several profiles: the worst of theirs. A setup that is certainly wrong (3: credentials or clock,
 * then 1: a check fails) outranks one that could not be judged (4: transport or server, then 5: inconclusive),
 * since checking again will not mend it; 0 only when every profile is fine.
 */
const SEVERITY: readonly number[] = [EXIT.credentials, EXIT.actionFailed, EXIT.transport, EXIT.inconclusive, EXIT.ok];
export function worstExitCode(codes: readonly number[]): number {
  return SEVERITY.find((code) => codes.includes(code)) ?? EXIT.ok;
}

const RESULT_KEY = {
  [EXIT.ok]: 'cli.profiles.result.ok',
  [EXIT.actionFailed]: 'cli.profiles.result.fail',
  [EXIT.credentials]: 'cli.profiles.result.credentials',
  [EXIT.transport]: 'cli.profiles.result.transport',
  [EXIT.inconclusive]: 'cli.profiles.result.inconclusive',
} as const;

function resultText({ problem, exitCode }: Outcome): Text {
  if (problem === 'config') return T('cli.profiles.result.config');
  if (problem === 'error') return T('cli.profiles.result.error');
  return T(RESULT_KEY[exitCode as keyof typeof RESULT_KEY] ?? 'cli.profiles.result.fail');
}

/** The summary table: one row per profile, numbers right-aligned. */
function table(lang: Lang, outcomes: readonly Outcome[]): string[] {
  const head = (['label', 'useCase', 'endpoint', 'result', 'pass', 'warn', 'fail', 'unknown', 'requests', 'exit'] as const).map((c) => render(lang, T(`cli.profiles.column.${c}`)));
  const numeric = [false, false, false, false, true, true, true, true, true, true];
  const rows = outcomes.map((outcome) => {
    const { profile, run, exitCode } = outcome;
    const count = (n: number | undefined) => (n === undefined ? '–' : String(n));
    return [
      profile.label,
      profile.request.useCase,
      run?.endpointHost ?? profile.endpoint.host,
      render(lang, resultText(outcome)),
      count(run?.summary.pass),
      count(run?.summary.warn),
      count(run?.summary.fail),
      count(run?.summary.unknown),
      String(run?.requests ?? 0),
      String(exitCode),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

export interface ProfilesOptions {
  file: string;
  lang?: string;
  json: boolean;
  timeout?: string;
  'connect-timeout'?: string;
}

export async function runProfiles(io: CliIo, options: ProfilesOptions): Promise<number> {
  const lang = pickLang(options.lang, io.env);
  const timeouts = resolveTimeouts(options);
  const profiles = readProfiles(options.file);
  const startedAt = Date.now();
  const outcomes = await eachLimited(profiles, PROFILE_CONCURRENCY, async (profile, index): Promise<Outcome> => {
    const credentials = credentialsOf(profile, io.env);
    // A problem of one profile is said on stderr, naming it, and the others still run.
    const say = (problem: Text) => io.err(render(lang, entryText(index, profile, problem)));
    if ('missing' in credentials) {
      // As for one check without its credentials: exit code 3.
      say(verbatim(plural(lang, 'cli.profiles.envMissing', credentials.missing.length, { names: credentials.missing.join(', ') })));
      return { profile, exitCode: EXIT.credentials, run: null, problem: 'config' };
    }
    try {
      const run = await checkApiUser(profile.request, { runId: `doctor-${startedAt}-${index + 1}`, endpoint: profile.endpoint, timeouts, credentials, signal: io.signal });
      return { profile, exitCode: doctorExitCode(run), run, problem: null };
    } catch (e) {
      // What an unexpected failure of one check exits with (see main/cli.ts); its message only, as there.
      say(T('cli.profiles.failed', { message: verbatim(e instanceof Error ? e.message : String(e)) }));
      return { profile, exitCode: EXIT.transport, run: null, problem: 'error' };
    }
  });
  const exitCode = worstExitCode(outcomes.map((o) => o.exitCode));

  if (options.json) {
    const profilesJson = outcomes.map(({ profile, run, exitCode: code }) => ({
      label: profile.label,
      ok: code === EXIT.ok,
      exitCode: code,
      findings: run?.findings.map(findingJson) ?? [],
      requests: run?.requests ?? 0,
    }));
    io.out(JSON.stringify({ ok: exitCode === EXIT.ok, profiles: profilesJson }, null, 2));
    return exitCode;
  }
  for (const row of table(lang, outcomes)) io.out(row);
  const ok = outcomes.filter((o) => o.exitCode === EXIT.ok).length;
  io.out(render(lang, T('cli.profiles.summary', { ok, ofTotal: plural(lang, 'cli.profiles.ofTotal', outcomes.length), code: exitCode })));
  return exitCode;
}
