/**
 * The browser host (main/host/main.ts) as a child process on a data folder, for the e2e tests and the benchmarks:
 * resolves with the session address it prints. Keys are derived cheaply (the host's test mode), so no step waits on
 * production scrypt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const URL_LINE = /^(http:\/\/127\.0\.0\.1:\d+\/#session=\S+)$/m;

export interface HostProcess {
  /** The session address, `http://127.0.0.1:<port>/#session=<token>`. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function spawnHost(options: { dataDir: string; rendererDir: string; readyWithinMs: number }): Promise<HostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'main', 'host', 'main.ts'), '--port', '0', '--data-dir', options.dataDir, '--renderer', options.rendererDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1', API_USER_DESK_TEST_KEY_DERIVATION: 'cheap' } },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the browser host printed no address within ${options.readyWithinMs / 1000} s:\n${output}`));
    }, options.readyWithinMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match?.[1] !== undefined && child.pid !== undefined) {
        clearTimeout(timer);
        resolve({ url: match[1], pid: child.pid, stop });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser host exited (${code}) before it was ready:\n${output}`));
    });
  });
}
