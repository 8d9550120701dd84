/** `doctor`: the onboarding checks from the command line, credentials from the environment only. */
import { parseArgs } from 'node:util';
import { STATUS_MARK } from '../checks/report.ts';
import { plural } from '../domain/i18n/catalogue.ts';
import { render, T, verbatim } from '../domain/i18n/index.ts';
import { USE_CASE_NAMES, isUseCaseName, type RightRequirement } from '../checks/usecases.ts';
import { CONNECTION_OPTIONS, credentialsFromEnv, missingCredentialsMessage, rejectSecretsInArgv, resolveConnection } from './connection.ts';
import { EXIT, pickLang, UsageError, type CliIo } from './io.ts';
import { doctorUsage } from './usage.ts';

import { checkApiUser, doctorExitCode, findingJson, parseCustomRights, parseFields, parseIds, parseList } from './doctor-check.ts';

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
      profiles: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.out(doctorUsage(pickLang(values.lang, io.env)));
    return EXIT.ok;
  }
  if (values.profiles !== undefined) {
    // Endpoint, use case and credentials come from the file; the options of a single check have no place beside it.
    const single = (['endpoint', 'use-case', 'rights', 'expect-estates', 'fields', 'language', 'picture-categories', 'mail-identity', 'mail-to'] as const).find(
      (name) => values[name] !== undefined,
    );
    const option = single ?? (values['send-test-mail'] ? 'send-test-mail' : undefined);
    if (option !== undefined) throw new UsageError(T('cli.profiles.conflict', { option: `--${option}` }));
    const { runProfiles } = await import('./doctor-profiles.ts');
    return runProfiles(io, { file: values.profiles, lang: values.lang, json: values.json, timeout: values.timeout, 'connect-timeout': values['connect-timeout'] });
  }
  const { lang, endpoint, timeouts } = resolveConnection(values, io.env);
  const useCase = values['use-case'];
  if (!useCase || !isUseCaseName(useCase)) throw new UsageError(T('cli.doctor.useCase', { useCases: USE_CASE_NAMES.join(', ') }));
  let customRights: RightRequirement[] = [];
  let customAdmin = false;
  if (useCase === 'custom') {
    const rights = parseCustomRights(values.rights ?? '');
    if (rights === null) throw new UsageError(T('cli.doctor.rights.missing'));
    if ('error' in rights) throw new UsageError(T('cli.doctor.rights.invalid', { detail: verbatim(rights.error) }));
    ({ customRights, customAdmin } = rights);
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

  const run = await checkApiUser(
    {
      useCase,
      customRights,
      customAdmin,
      expectEstates,
      fields,
      language: language ?? null,
      pictureCategories,
      mail: identity ? { identity, receiver, consent: values['send-test-mail'] } : null,
    },
    { runId: `doctor-${Date.now()}`, endpoint, timeouts, credentials, signal: io.signal },
  );
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
