/** `sandbox`: runs the local onOffice-compatible server until SIGINT/SIGTERM and prints its sandbox credentials. */
import { parseArgs } from 'node:util';
import { FAULT_KINDS, UNKNOWN_CHOICES, SCENARIO_NAMES, describeScenario, startSandbox, type FaultConfig, type UnknownSwitches } from '../sandbox/index.ts';
import { render, T, verbatim } from '../domain/i18n/index.ts';
import { EXIT, UsageError, parseIntFlag, pickLang, type CliIo } from './io.ts';
import { sandboxUsage } from './usage.ts';

export async function runSandbox(io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...io.argv],
    options: {
      port: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      latency: { type: 'string' },
      seed: { type: 'string' },
      list: { type: 'boolean', default: false },
      fault: { type: 'string', multiple: true },
      unknown: { type: 'string', multiple: true },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const lang = pickLang(values.lang, io.env);
  if (values.help) {
    io.out(sandboxUsage(lang));
    return EXIT.ok;
  }
  if (values.list) {
    for (const name of SCENARIO_NAMES) io.out(`${name.padEnd(32)} ${describeScenario(name)}`);
    return EXIT.ok;
  }
  if (values.all && values.scenario) throw new UsageError(T('cli.sandbox.scenarioAndAll'));
  const unknown = (values.scenario ?? []).filter((s) => !SCENARIO_NAMES.includes(s));
  if (unknown.length > 0) throw new UsageError(T('cli.sandbox.unknownScenario', { names: verbatim(unknown.join(', ')) }));
  const port = parseIntFlag('port', values.port, 0, 65_535);
  const latencyMs = parseIntFlag('latency', values.latency, 0, 60_000);
  const seed = parseIntFlag('seed', values.seed, 0, 2 ** 31 - 1);

  const faults = parseFaults(values.fault ?? []);
  const unknowns = parseUnknowns(values.unknown ?? []);

  const sandbox = await startSandbox({
    port,
    scenarios: values.all ? 'all' : (values.scenario ?? ['healthy-website']),
    latencyMs,
    seed,
    faults,
    unknowns,
  });
  io.out(`endpoint: ${sandbox.endpoint}`);
  // The endpoint and the ONOFFICE_…= lines are for programs and stay as they are; the # lines are for people.
  io.out(render(lang, T('cli.sandbox.credentialsNote')));
  for (const user of sandbox.apiUsers) {
    io.out('');
    io.out(render(lang, T('cli.sandbox.user', { scenario: user.scenario, user: verbatim(user.userName), id: user.userId, description: verbatim(user.description) })));
    io.out(`ONOFFICE_TOKEN=${user.token}`);
    io.out(`ONOFFICE_SECRET=${user.secret}`);
    if (user.apiClaim) io.out(`ONOFFICE_API_CLAIM=${user.apiClaim}`);
  }
  io.out('');
  io.out(render(lang, T('cli.sandbox.running')));
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.stop();
  return EXIT.ok;
}

function splitPair(flag: string, raw: string): [string, string] {
  const at = raw.indexOf('=');
  if (at <= 0) throw new UsageError(T('cli.sandbox.pair', { flag, value: verbatim(JSON.stringify(raw)) }));
  return [raw.slice(0, at), raw.slice(at + 1)];
}

function parseFaults(raws: readonly string[]): Partial<FaultConfig> {
  const faults: Partial<FaultConfig> = {};
  for (const raw of raws) {
    const [kind, value] = splitPair('fault', raw);
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new UsageError(T('cli.sandbox.unknownFault', { kind: verbatim(kind), kinds: FAULT_KINDS.join(', ') }));
    const rate = Number(value);
    if (value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new UsageError(T('cli.sandbox.faultRate', { kind: verbatim(kind) }));
    faults[kind as keyof FaultConfig] = rate;
  }
  return faults;
}

function parseUnknowns(raws: readonly string[]): Partial<UnknownSwitches> {
  const unknowns: Record<string, unknown> = {};
  for (const raw of raws) {
    const [name, value] = splitPair('unknown', raw);
    if (!Object.hasOwn(UNKNOWN_CHOICES, name)) throw new UsageError(T('cli.sandbox.unknownSwitch', { name: verbatim(name), names: Object.keys(UNKNOWN_CHOICES).join(', ') }));
    const choices: readonly unknown[] = UNKNOWN_CHOICES[name as keyof UnknownSwitches];
    const choice = choices.find((c) => String(c) === value);
    if (choice === undefined) throw new UsageError(T('cli.sandbox.switchValue', { name: verbatim(name), choices: choices.join(', ') }));
    unknowns[name] = choice;
  }
  return unknowns as Partial<UnknownSwitches>;
}
