/** What a CLI command may touch: its arguments, the environment, two output streams and a stop signal. */
import { languageFromLocale, type Language } from '../domain/i18n/catalogue.ts';
import { render, T, verbatim, type Text } from '../domain/i18n/index.ts';

export interface CliIo {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Aborted on SIGINT/SIGTERM (long-running commands end cleanly). */
  signal: AbortSignal;
}

export type Lang = Language;

export const EXIT = { ok: 0, actionFailed: 1, usage: 2, credentials: 3, transport: 4, inconclusive: 5 } as const;

/** A mistake in the command line, said as a catalogue text so it reaches the person in their language. */
export class UsageError extends Error {
  readonly text: Text;
  constructor(text: Text) {
    super(render('en', text));
    this.name = 'UsageError';
    this.text = text;
  }
}

/** The system's locale when the environment names none (a desktop session often sets no LANG). */
function systemLocale(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

/** --lang wins; otherwise the locale of the environment (LC_ALL, LC_MESSAGES, LANG), then the system's. */
export function pickLang(flag: string | undefined, env: CliIo['env']): Lang {
  if (flag !== undefined) {
    if (flag !== 'de' && flag !== 'en') throw new UsageError(T('cli.lang.invalid', { value: verbatim(JSON.stringify(flag)) }));
    return flag;
  }
  return languageFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG || systemLocale());
}

/** The language for messages before a command has read its options: a valid --lang in argv, else as pickLang. */
export function langOfArgv(argv: readonly string[], env: CliIo['env']): Lang {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag = at < 0 ? undefined : argv[at]?.includes('=') ? argv[at]?.slice('--lang='.length) : argv[at + 1];
  return flag === 'de' || flag === 'en' ? flag : pickLang(undefined, env);
}

export function parseIntFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(T('cli.int.notWhole', { name, value: verbatim(JSON.stringify(value)) }));
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(T('cli.int.range', { name, min, max }));
  return n;
}

/**
 * parseArgs reports bad flags in English (TypeErrors with ERR_PARSE_ARGS_* codes): said again here in the person's
 * language, naming the option it quoted.
 */
export function parseArgsText(e: NodeJS.ErrnoException): Text | null {
  const code = e.code ?? '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return null;
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const option = verbatim(quoted.split(' ')[0] ?? quoted);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return T('cli.args.unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return T('cli.args.positional', { argument: verbatim(quoted) });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(e.message) ? T('cli.args.noValue', { option }) : T('cli.args.missingValue', { option });
  }
  return T('cli.args.invalid', { detail: verbatim(e.message) });
}
