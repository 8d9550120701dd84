/**
 * The headless entry: `sandbox`, `call` and `doctor`. Runs on Node 24 directly from the sources
 * (`npm run cli -- <command>`) and as the bundled package bin `api-user-desk`.
 */
import { runCall, CALL_USAGE } from './cli/call.ts';
import { runDoctor, DOCTOR_USAGE } from './cli/doctor.ts';
import { EXIT, UsageError, type CliIo } from './cli/io.ts';
import { runSandbox, SANDBOX_USAGE } from './cli/sandbox.ts';

const USAGE = `API User Desk — command line

Commands:
  sandbox   run the local onOffice-compatible sandbox server
  call      make one signed API call (credentials from ONOFFICE_TOKEN / ONOFFICE_SECRET)
  doctor    check an API user's setup for a use case and say what to fix

${SANDBOX_USAGE}

${CALL_USAGE}

${DOCTOR_USAGE}`;

const COMMANDS: Record<string, (io: CliIo) => Promise<number>> = { sandbox: runSandbox, call: runCall, doctor: runDoctor };

export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await run({ ...io, argv: rest });
  } catch (e) {
    // parseArgs reports bad flags as TypeErrors with ERR_PARSE_ARGS_* codes.
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (e instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${command}: ${(e as Error).message}\nRun "api-user-desk ${command} --help" for the options.`);
      return EXIT.usage;
    }
    throw e;
  }
}

/** Runs the CLI as a process: real streams, signals, exit code. */
export function main(): void {
  // Output piped into a program that stops reading early (`| head`) is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  runCli({
    argv: process.argv.slice(2),
    env: process.env,
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Unexpected failures print their message only: stacks can carry request data.
      process.stderr.write(`api-user-desk: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 4;
    },
  );
}

if (import.meta.main) main();
