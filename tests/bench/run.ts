/**
 * `npm run bench`: how fast the hot paths are on this machine. Prints Markdown tables (copy them into
 * BENCHMARKS.md with the machine's description). Each case runs a fixed amount of work several times and reports
 * the median or percentiles; nothing here asserts a speed.
 *
 * `--only` picks cases (comma-separated or repeated): core, journal, signing, checks, start, scroll, memory, or ui
 * (start, scroll and memory). Without it every case runs: `npm run bench -- --only ui`, `node tests/bench/run.ts --only checks`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '../../main/onoffice/client.ts';
import { hmacV1, hmacV2 } from '../../main/onoffice/signing.ts';
import { ACTION_URN, buildRequest, parseResponse } from '../../main/onoffice/wire.ts';
import { startSandbox } from '../../main/sandbox/index.ts';
import { openDatabase } from '../../main/store/database.ts';
import { Journal } from '../../main/store/journal.ts';
import { createRedactor } from '../../main/onoffice/redact.ts';
import { STORE_MIGRATIONS } from '../../main/store/schema.ts';
import { benchChecks } from './checks.ts';
import { fillJournal, note, pct, sampleExchange as exchange, secret, token } from './common.ts';
import { benchSigning } from './signing.ts';
import { benchUi } from './ui.ts';

const CASES = ['core', 'signing', 'checks', 'start', 'scroll', 'memory', 'journal'] as const;
type Case = (typeof CASES)[number];
const GROUPS: Record<string, readonly Case[]> = { ui: ['start', 'scroll', 'memory'] };

const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
const asked = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
const unknown = asked.filter((v) => !(CASES as readonly string[]).includes(v) && !(v in GROUPS));
if (unknown.length > 0) {
  console.error(`Unknown bench case ${unknown.join(', ')}; choose from ${[...CASES, ...Object.keys(GROUPS)].join(', ')}.`);
  process.exit(2);
}
const chosen = new Set<Case>(asked.length === 0 ? CASES : asked.flatMap((v) => GROUPS[v] ?? [v as Case]));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${os.platform()} ${os.arch()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the start`);
console.log(`Command: npm run bench${asked.length === 0 ? '' : ` -- --only ${asked.join(',')}`}\n`);

interface Row {
  name: string;
  unit: string;
  perRun: number;
  medianMs: number;
}

/** The median of `repeats` timed runs after one warm-up. */
async function median(run: () => unknown | Promise<unknown>, repeats: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

async function benchCore(): Promise<string> {
  const rows: Row[] = [];
  const bench = async (name: string, unit: string, perRun: number, run: () => unknown | Promise<unknown>, repeats = 7): Promise<void> => {
    rows.push({ name, unit, perRun, medianMs: await median(run, repeats) });
  };
  await bench('HMAC v2 signatures', 'signatures', 10_000, () => {
    for (let i = 0; i < 10_000; i++) hmacV2({ secret, token, timestamp: 1_700_000_000 + i, resourcetype: 'estate', actionid: ACTION_URN.read });
  });
  await bench('HMAC v1 signatures (sandbox verification of legacy clients)', 'signatures', 10_000, () => {
    for (let i = 0; i < 10_000; i++) {
      hmacV1({ secret, token, timestamp: i, resourcetype: 'estate', actionid: ACTION_URN.read, identifier: '', resourceid: '', parameters: { data: ['Id', 'ort'], listlimit: 20 } });
    }
  });

  const records = Array.from({ length: 500 }, (_, i) => ({
    id: 1000 + i,
    type: 'estate',
    elements: { Id: String(1000 + i), objekttitel: `Wohnung ${i} in Köln`, veroeffentlichen: i % 2 ? '1' : '0', kaufpreis: '350000.00', ort: 'Köln', plz: '50667' },
  }));
  const bigBody = JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ actionid: ACTION_URN.read, resourceid: '', resourcetype: 'estate', identifier: 'a1', cacheable: true, data: { meta: { cntabsolute: 500 }, records }, status: { errorcode: 0, message: 'OK' } }] } });
  const sent = buildRequest([{ kind: 'read', resourcetype: 'estate', identifier: 'a1' }], { token, secret }, () => 1_700_000_000).request.actions;
  await bench(`parse a 500-record read (${Math.round(bigBody.length / 1024)} KiB)`, 'responses', 20, () => {
    for (let i = 0; i < 20; i++) parseResponse(200, bigBody, sent);
  });

  const redact = createRedactor({ token, secret });
  await bench('redact a 500-record response body', 'bodies', 20, () => {
    for (let i = 0; i < 20; i++) redact(bigBody);
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'aud-bench-'));
  const { db } = openDatabase({ path: path.join(dir, 'bench.sqlite'), migrations: STORE_MIGRATIONS, now: Date.now });
  const journal = new Journal({ db, now: Date.now });
  let n = 0;
  await bench('journal: record exchanges (one transaction each, WAL)', 'exchanges', 500, () => {
    for (let i = 0; i < 500; i++) journal.record(exchange(n++), { profileId: 'p1', keys: { token, secret } });
  });
  await bench(`journal: newest page of 100 of ${journal.count()} entries`, 'queries', 50, () => {
    for (let i = 0; i < 50; i++) journal.query({}, { limit: 100 });
  });
  await bench('journal: full-text search, page of 100', 'queries', 50, () => {
    for (let i = 0; i < 50; i++) journal.query({ text: 'call 42' }, { limit: 100 });
  });
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const sandbox = await startSandbox({ scenarios: ['healthy-website'], seed: 1 });
  const user = sandbox.apiUsers[0];
  if (!user) throw new Error('sandbox has no API user');
  const client = createClient({ endpoint: new URL(sandbox.endpoint), credentials: () => ({ token: user.token, secret: user.secret }) });
  await bench('signed read of 20 estates against the sandbox over loopback', 'calls', 50, async () => {
    for (let i = 0; i < 50; i++) await client.call([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'objekttitel'], listlimit: 20 } }]);
  });
  await sandbox.stop();

  return [
    '| case | work per run | median time | throughput |',
    '|---|---|---|---|',
    ...rows.map((r) => {
      const perSecond = (r.perRun / r.medianMs) * 1000;
      return `| ${r.name} | ${r.perRun} ${r.unit} | ${r.medianMs.toFixed(1)} ms | ${perSecond >= 100 ? Math.round(perSecond).toLocaleString('en') : perSecond.toFixed(1)} ${r.unit}/s |`;
    }),
  ].join('\n');
}

// A large journal, filled through Journal.record like the app does. BENCH_JOURNAL_ROWS sets the size (0 skips it).
// 1,000,000 takes about half an hour to fill on a shared two-core machine; 200,000 is the default there.
const JOURNAL_ROWS = Number(process.env.BENCH_JOURNAL_ROWS ?? 200_000);

interface Sampled {
  name: string;
  samples: number[];
}

function benchJournal(): string {
  const sampled: Sampled[] = [];
  const bigDir = mkdtempSync(path.join(os.tmpdir(), 'aud-bench-journal-'));
  const file = path.join(bigDir, 'journal.sqlite');
  const fillSeconds = fillJournal(file, JOURNAL_ROWS);
  const bytes = statSync(file).size;
  const journalNote = `Journal: ${JOURNAL_ROWS.toLocaleString('en')} entries (one per exchange, ~${Math.round(bytes / JOURNAL_ROWS)} bytes each, ${(bytes / 2 ** 30).toFixed(2)} GiB), filled through Journal.record in ${Math.round(fillSeconds)} s`;

  const timeOpen = (label: string, clean: boolean) => {
    const samples: number[] = [];
    for (let r = 0; r < 3; r++) {
      if (!clean) rmSync(`${file}-clean`, { force: true });
      const t0 = performance.now();
      const o = openDatabase({ path: file, migrations: STORE_MIGRATIONS, now: Date.now });
      samples.push(performance.now() - t0);
      o.close();
    }
    sampled.push({ name: label, samples });
  };
  timeOpen('open after a clean shutdown (marker present)', true);
  timeOpen('open after a crash (marker missing: quick_check)', false);

  const { db: bigDb, close } = openDatabase({ path: file, migrations: STORE_MIGRATIONS, now: Date.now });
  const j = new Journal({ db: bigDb, now: Date.now });
  const sample = (name: string, times: number, run: (k: number) => unknown) => {
    run(0);
    const samples: number[] = [];
    for (let k = 0; k < times; k++) {
      const t0 = performance.now();
      run(k);
      samples.push(performance.now() - t0);
    }
    sampled.push({ name, samples });
  };
  sample('start-up pruning with nothing to remove (90 d / 30 d bodies / 100,000,000 rows)', 5, () => j.prune({ maxAgeDays: 90, maxEntries: 100_000_000, bodyMaxAgeDays: 30 }));
  const cursors = (bigDb.prepare('SELECT time, id FROM journal_entries WHERE id % 997 = 0').all() as { time: number; id: number }[])
    .map((c) => ({ time: c.time, id: c.id }))
    .filter((_, k) => k % Math.max(1, Math.floor(JOURNAL_ROWS / 997 / 200)) === 0);
  sample('newest page of 100', 100, () => j.query({}, { limit: 100 }));
  sample(`keyset page of 100 at a random depth (${cursors.length} cursors)`, 200, (k) => j.query({}, { limit: 100, cursor: cursors[k % cursors.length] ?? null }));
  sample('keyset page of 100 of one profile at a random depth', 200, (k) => j.query({ profileId: 'p1' }, { limit: 100, cursor: cursors[k % cursors.length] ?? null }));
  sample('search, a word in 1/4 of the entries, newest page of 100', 100, () => j.query({ text: 'rarum' }, { limit: 100 }));
  sample('search, a word in 3/4 of the entries, newest page of 100', 100, () => j.query({ text: 'vulgaris' }, { limit: 100 }));
  sample('search, a word in 1/4, page of 100 at a random depth', 200, (k) => j.query({ text: 'rarum' }, { limit: 100, cursor: cursors[k % cursors.length] ?? null }));
  sample('search, two words (a name and a word in 1/4), newest page of 100', 100, () => j.query({ text: 'Erika rarum' }, { limit: 100 }));
  close();
  rmSync(bigDir, { recursive: true, force: true });

  return [
    journalNote,
    '',
    '| journal case | runs | p50 | p95 | max |',
    '|---|---|---|---|---|',
    ...sampled.map((s) => `| ${s.name} | ${s.samples.length} | ${pct(s.samples, 50).toFixed(1)} ms | ${pct(s.samples, 95).toFixed(1)} ms | ${Math.max(...s.samples).toFixed(1)} ms |`),
  ].join('\n');
}

// Printed as each case finishes, in this order; the long journal fill comes last.
if (chosen.has('core')) {
  note('core cases');
  console.log(`${await benchCore()}\n`);
}
if (chosen.has('signing')) console.log(`${benchSigning()}\n`);
if (chosen.has('checks')) console.log(`${await benchChecks()}\n`);
if (chosen.has('start') || chosen.has('scroll') || chosen.has('memory')) {
  console.log(`${await benchUi({ start: chosen.has('start'), scroll: chosen.has('scroll'), memory: chosen.has('memory') })}\n`);
}
if (chosen.has('journal') && JOURNAL_ROWS > 0) {
  note(`journal: filling ${JOURNAL_ROWS.toLocaleString('en')} entries`);
  console.log(benchJournal());
}
