/** What a CLI command may touch: its arguments, the environment, two output streams and a stop signal. */
export interface CliIo {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Aborted on SIGINT/SIGTERM (long-running commands end cleanly). */
  signal: AbortSignal;
}

export type Lang = 'de' | 'en';

export const EXIT = { ok: 0, actionFailed: 1, usage: 2, credentials: 3, transport: 4, inconclusive: 5 } as const;

export class UsageError extends Error {}

/** --lang wins; otherwise German when the locale says German, English everywhere else. */
export function pickLang(flag: string | undefined, env: CliIo['env']): Lang {
  if (flag !== undefined) {
    if (flag !== 'de' && flag !== 'en') throw new UsageError(`--lang must be de or en, not ${JSON.stringify(flag)}`);
    return flag;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function parseIntFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}`);
  return n;
}
