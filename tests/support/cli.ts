/** Runs the CLI in-process with captured output, as the tests of every command do. */
import { runCli } from '../../main/cli.ts';

export async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli({ argv, env, out: (t) => out.push(t), err: (t) => err.push(t), signal: new AbortController().signal });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
