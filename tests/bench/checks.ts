/**
 * Check round trips: the onboarding check (use case "website", two expected estates) against the sandbox with
 * 100 ms added to every HTTP answer, as the engine batches its probes, against a naive client that sends the very
 * same actions one per request, one after the other. The naive client's actions are read from the engine's own
 * exchanges of the same run, so both do the same work. `node tests/bench/run.ts --only checks`.
 */
import { performance } from 'node:perf_hooks';
import { runCheck } from '../../main/checks/index.ts';
import { createClient } from '../../main/onoffice/client.ts';
import type { Exchange } from '../../main/onoffice/exchange.ts';
import { actionKindOf, type ActionSpec } from '../../main/onoffice/wire.ts';
import { startSandbox, type SandboxHandle } from '../../main/sandbox/index.ts';
import { ms, note, pct, table } from './common.ts';

const LATENCY_MS = 100;
const SCENARIO = 'healthy-website';
const RUNS = Number(process.env.BENCH_CHECK_RUNS ?? 3);

interface Timed {
  wallMs: number;
  requests: number;
  actions: number;
  failedActions: number;
}

async function withSandbox<T>(work: (sandbox: SandboxHandle, user: { token: string; secret: string }, estates: number[]) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ scenarios: [SCENARIO], seed: 1, latencyMs: LATENCY_MS });
  try {
    const user = sandbox.apiUsers[0];
    if (!user) throw new Error('the sandbox has no API user');
    const estates = sandbox.control.tenant(SCENARIO).estates.slice(0, 2).map((e) => e.Id);
    if (estates.length < 2) throw new Error('the sandbox tenant has fewer than two estates');
    return await work(sandbox, { token: user.token, secret: user.secret }, estates);
  } finally {
    await sandbox.stop();
  }
}

const failedIn = (exchanges: readonly Exchange[]): number => exchanges.reduce((n, x) => n + x.actions.filter((a) => a.status === null || a.status.errorcode !== 0).length, 0);

/** One engine run, as main/api/app.ts starts it (a client per run, every exchange handed to the engine's hook). */
async function engineRun(): Promise<Timed & { exchanges: Exchange[]; findings: number }> {
  return withSandbox(async (sandbox, user, estates) => {
    const exchanges: Exchange[] = [];
    const before = sandbox.control.requestCount();
    const t0 = performance.now();
    const run = await runCheck({
      runId: 'bench',
      useCase: 'website',
      expectEstates: estates,
      credentials: user,
      clientFactory: (onExchange) =>
        createClient({
          endpoint: new URL(sandbox.endpoint),
          credentials: () => user,
          onExchange: (x) => {
            exchanges.push(x);
            onExchange(x);
          },
        }),
    });
    const wallMs = performance.now() - t0;
    return {
      wallMs,
      requests: sandbox.control.requestCount() - before,
      actions: exchanges.reduce((n, x) => n + x.actions.length, 0),
      failedActions: failedIn(exchanges),
      exchanges,
      findings: run.findings.length,
    };
  });
}

/** The actions of the engine's first attempts, as specs: what a client sending one action per request would send. */
function actionsOf(exchanges: readonly Exchange[]): ActionSpec[] {
  return exchanges
    .filter((x) => x.attempt === 1)
    .flatMap((x) => {
      const body = JSON.parse(x.requestBody) as { request: { actions: Array<{ actionid: string; resourcetype: string; resourceid: string; identifier: string | null; parameters?: Record<string, unknown> }> } };
      return body.request.actions.map((a): ActionSpec => {
        const kind = actionKindOf(a.actionid);
        if (kind === undefined) throw new Error(`unknown action ${a.actionid}`);
        return {
          kind,
          resourcetype: a.resourcetype,
          ...(a.resourceid === '' ? {} : { resourceid: a.resourceid }),
          ...(a.identifier === null ? {} : { identifier: a.identifier }),
          ...(a.parameters === undefined ? {} : { parameters: a.parameters }),
        };
      });
    });
}

async function naiveRun(specs: readonly ActionSpec[]): Promise<Timed> {
  return withSandbox(async (sandbox, user) => {
    const exchanges: Exchange[] = [];
    const client = createClient({ endpoint: new URL(sandbox.endpoint), credentials: () => user, onExchange: (x) => exchanges.push(x) });
    const before = sandbox.control.requestCount();
    const t0 = performance.now();
    for (const spec of specs) await client.call([spec]);
    const wallMs = performance.now() - t0;
    return { wallMs, requests: sandbox.control.requestCount() - before, actions: exchanges.reduce((n, x) => n + x.actions.length, 0), failedActions: failedIn(exchanges) };
  });
}

export async function benchChecks(): Promise<string> {
  const engine: Timed[] = [];
  const naive: Timed[] = [];
  let specs: ActionSpec[] = [];
  let findings = 0;
  for (let r = 0; r < RUNS; r++) {
    note(`checks: engine run ${r + 1}/${RUNS}`);
    const e = await engineRun();
    engine.push(e);
    findings = e.findings;
    // The actions come from this run's exchanges, so the naive client always replays what the engine just did.
    specs = actionsOf(e.exchanges);
    note(`checks: naive run ${r + 1}/${RUNS} (${specs.length} actions)`);
    naive.push(await naiveRun(specs));
  }
  const kinds = new Map<string, number>();
  for (const s of specs) kinds.set(`${s.kind} ${s.resourcetype}`, (kinds.get(`${s.kind} ${s.resourcetype}`) ?? 0) + 1);
  const row = (name: string, runs: Timed[]) => {
    const walls = runs.map((t) => t.wallMs);
    const requests = [...new Set(runs.map((t) => t.requests))].join('/');
    const actions = [...new Set(runs.map((t) => t.actions))].join('/');
    const failed = [...new Set(runs.map((t) => t.failedActions))].join('/');
    return [name, String(runs.length), requests, actions, failed, ms(pct(walls, 50)), ms(Math.max(...walls))];
  };
  return [
    `### Check round trips: "website" check with two expected estates, sandbox (${SCENARIO}, seed 1) answering every HTTP request ${LATENCY_MS} ms late`,
    '',
    `The engine's run asked ${specs.length} actions (${[...kinds].map(([k, n]) => `${n}× ${k}`).join(', ')}) and produced ${findings} findings; the naive client sends the same actions, one per request, one at a time.`,
    '',
    table(['client', 'runs', 'HTTP requests', 'actions', 'actions answered with an error', 'wall time p50', 'max'], [
      row('check engine (runCheck, batched probes)', engine),
      row('naive: one action per request, in sequence', naive),
    ]),
  ].join('\n');
}

if (import.meta.main) console.log(await benchChecks());
