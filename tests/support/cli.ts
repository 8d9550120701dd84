/** Runs the CLI in-process with captured output, and the sandboxes its tests call, as every command's tests do. */
import { runCli } from '../../main/cli.ts';
import { startSandbox, type SandboxHandle } from '../../main/sandbox/index.ts';

export async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli({ argv, env, out: (t) => out.push(t), err: (t) => err.push(t), signal: new AbortController().signal });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const running: SandboxHandle[] = [];

/**
 * A sandbox with one scenario and the environment a CLI call needs for its API user. Stopped by
 * `stopScenarios()` (call it in afterEach).
 */
export async function startScenario(scenario: string) {
  const sandbox = await startSandbox({ scenarios: [scenario], seed: 3 });
  running.push(sandbox);
  const user = sandbox.apiUsers.find((u) => u.scenario === scenario);
  if (!user) throw new Error(`no API user for ${scenario}`);
  return { sandbox, user, endpoint: sandbox.endpoint, env: { ONOFFICE_TOKEN: user.token, ONOFFICE_SECRET: user.secret } };
}

export async function stopScenarios(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.stop()));
}
