/**
 * The headless entry: `sandbox`, `call` and `doctor`. Runs on Node 24 directly from the sources
 * (`npm run cli -- <command>`) and as the bundled package bin `api-user-desk`.
 *
 * Each command's module is imported only when that command runs (from a checkout, loading all of them costs about
 * half a second before anything starts); the overall help loads all three for their usage texts.
 */
import { EXIT, UsageError, type CliIo } from './cli/io.ts';

interface Command {
  run: (io: CliIo) => Promise<number>;
  usage: string;
}

const COMMANDS = {
  sandbox: async () => {
    const m = await import('./cli/sandbox.ts');
    return { run: m.runSandbox, usage: m.SANDBOX_USAGE };
  },
  call: async () => {
    const m = await import('./cli/call.ts');
    return { run: m.runCall, usage: m.CALL_USAGE };
  },
  doctor: async () => {
    const m = await import('./cli/doctor.ts');
    return { run: m.runDoctor, usage: m.DOCTOR_USAGE };
  },
} satisfies Record<string, () => Promise<Command>>;
type CommandName = keyof typeof COMMANDS;

async function usage(): Promise<string> {
  const [sandbox, call, doctor] = await Promise.all([COMMANDS.sandbox(), COMMANDS.call(), COMMANDS.doctor()]);
  return `API User Desk — command line

Commands:
  sandbox   run the local onOffice-compatible sandbox server
  call      make one signed API call (credentials from ONOFFICE_TOKEN / ONOFFICE_SECRET)
  doctor    check an API user's setup for a use case and say what to fix

${sandbox.usage}

${call.usage}

${doctor.usage}`;
}

export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(await usage());
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    io.err(`unknown command ${JSON.stringify(command)}\n\n${await usage()}`);
    return EXIT.usage;
  }
  const { run } = await COMMANDS[command as CommandName]();
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
