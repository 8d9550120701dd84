/** `sandbox`: runs the local onOffice-compatible server until SIGINT/SIGTERM and prints its sandbox credentials. */
import { parseArgs } from 'node:util';
import { FAULT_KINDS, UNKNOWN_CHOICES, SCENARIO_NAMES, describeScenario, startSandbox, type FaultConfig, type UnknownSwitches } from '../sandbox/index.ts';
import { EXIT, UsageError, parseIntFlag, type CliIo } from './io.ts';

export const SANDBOX_USAGE = `Usage: api-user-desk sandbox [--port N] [--scenario NAME ... | --all] [--latency MS] [--seed N] [--list]
       [--fault KIND=RATE ...] [--unknown NAME=VALUE ...]
Faults (rate 0..1 per request): ${FAULT_KINDS.join(', ')}. Undocumented behaviour to switch: ${Object.keys(UNKNOWN_CHOICES).join(', ')}.
Starts a local onOffice-compatible server on 127.0.0.1 and prints its endpoint and, per API user, sandbox
credentials as ONOFFICE_TOKEN=… / ONOFFICE_SECRET=… lines (plus ONOFFICE_API_CLAIM=… for a marketplace API user,
to send as extendedclaim). Stops on Ctrl+C (SIGINT) or SIGTERM.`;

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
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.out(SANDBOX_USAGE);
    return EXIT.ok;
  }
  if (values.list) {
    for (const name of SCENARIO_NAMES) io.out(`${name.padEnd(32)} ${describeScenario(name)}`);
    return EXIT.ok;
  }
  if (values.all && values.scenario) throw new UsageError('use either --scenario or --all, not both');
  const unknown = (values.scenario ?? []).filter((s) => !SCENARIO_NAMES.includes(s));
  if (unknown.length > 0) throw new UsageError(`unknown scenario ${unknown.join(', ')}; --list shows them all`);
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
  io.out('# Sandbox credentials only: they open nothing but this local server.');
  for (const user of sandbox.apiUsers) {
    io.out('');
    io.out(`# ${user.scenario} — ${user.userName} (user id ${user.userId}): ${user.description}`);
    io.out(`ONOFFICE_TOKEN=${user.token}`);
    io.out(`ONOFFICE_SECRET=${user.secret}`);
    if (user.apiClaim) io.out(`ONOFFICE_API_CLAIM=${user.apiClaim}`);
  }
  io.out('');
  io.out('# Running; stop with Ctrl+C.');
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.stop();
  return EXIT.ok;
}

function splitPair(flag: string, raw: string): [string, string] {
  const at = raw.indexOf('=');
  if (at <= 0) throw new UsageError(`--${flag} takes NAME=VALUE, not ${JSON.stringify(raw)}`);
  return [raw.slice(0, at), raw.slice(at + 1)];
}

function parseFaults(raws: readonly string[]): Partial<FaultConfig> {
  const faults: Partial<FaultConfig> = {};
  for (const raw of raws) {
    const [kind, value] = splitPair('fault', raw);
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown fault ${kind}; one of ${FAULT_KINDS.join(', ')}`);
    const rate = Number(value);
    if (value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new UsageError(`--fault ${kind}: the rate must be a number from 0 to 1`);
    faults[kind as keyof FaultConfig] = rate;
  }
  return faults;
}

function parseUnknowns(raws: readonly string[]): Partial<UnknownSwitches> {
  const unknowns: Record<string, unknown> = {};
  for (const raw of raws) {
    const [name, value] = splitPair('unknown', raw);
    if (!Object.hasOwn(UNKNOWN_CHOICES, name)) throw new UsageError(`unknown switch ${name}; one of ${Object.keys(UNKNOWN_CHOICES).join(', ')}`);
    const choices: readonly unknown[] = UNKNOWN_CHOICES[name as keyof UnknownSwitches];
    const choice = choices.find((c) => String(c) === value);
    if (choice === undefined) throw new UsageError(`--unknown ${name}: one of ${choices.join(', ')}`);
    unknowns[name] = choice;
  }
  return unknowns as Partial<UnknownSwitches>;
}
