/**
 * The headless entry: `sandbox`, `call` and `doctor`. Runs on Node 24 directly from the sources
 * (`npm run cli -- <command>`) and as the bundled package bin `api-user-desk`.
 *
 * Each command's module is imported only when that command runs (from a checkout, loading all of them costs about
 * half a second before anything starts); the usage texts live apart (cli/usage.ts), so help loads no command.
 */
import { render, T, verbatim } from './domain/i18n/index.ts';
import { EXIT, langOfArgv, parseArgsText, UsageError, type CliIo } from './cli/io.ts';
import { cliUsage } from './cli/usage.ts';

type Run = (io: CliIo) => Promise<number>;

const COMMANDS = {
  sandbox: async () => (await import('./cli/sandbox.ts')).runSandbox,
  call: async () => (await import('./cli/call.ts')).runCall,
  doctor: async () => (await import('./cli/doctor.ts')).runDoctor,
} satisfies Record<string, () => Promise<Run>>;
type CommandName = keyof typeof COMMANDS;

export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  // Messages before and around a command are in the language it will use: --lang, else the locale.
  const lang = langOfArgv(rest, io.env);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(cliUsage(lang));
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    io.err(`${render(lang, T('cli.unknownCommand', { command: verbatim(JSON.stringify(command)) }))}\n\n${cliUsage(lang)}`);
    return EXIT.usage;
  }
  const run = await COMMANDS[command as CommandName]();
  try {
    return await run({ ...io, argv: rest });
  } catch (e) {
    const text = e instanceof UsageError ? e.text : e instanceof Error ? parseArgsText(e as NodeJS.ErrnoException) : null;
    if (text !== null) {
      io.err(`${command}: ${render(lang, text)}\n${render(lang, T('cli.seeHelp', { command }))}`);
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
      const message = verbatim(e instanceof Error ? e.message : String(e));
      process.stderr.write(`${render(langOfArgv(process.argv.slice(3), process.env), T('cli.unexpected', { message }))}\n`);
      process.exitCode = 4;
    },
  );
}

if (import.meta.main) main();
