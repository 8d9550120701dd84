/**
 * `npm run bench`: how fast the hot paths are on this machine. Prints a Markdown table (copy it into
 * BENCHMARKS.md with the machine's description). Each case runs a fixed amount of work several times and reports
 * the median; nothing here asserts a speed.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '../../main/onoffice/client.ts';
import type { Exchange } from '../../main/onoffice/exchange.ts';
import { hmacV1, hmacV2 } from '../../main/onoffice/signing.ts';
import { ACTION_URN, buildRequest, parseResponse } from '../../main/onoffice/wire.ts';
import { startSandbox } from '../../main/sandbox/index.ts';
import { openDatabase } from '../../main/store/database.ts';
import { Journal } from '../../main/store/journal.ts';
import { createRedactor } from '../../main/onoffice/redact.ts';
import { STORE_MIGRATIONS } from '../../main/store/schema.ts';

interface Row {
  name: string;
  unit: string;
  perRun: number;
  medianMs: number;
}
const rows: Row[] = [];

async function bench(name: string, unit: string, perRun: number, run: () => unknown | Promise<unknown>, repeats = 7): Promise<void> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  rows.push({ name, unit, perRun, medianMs: times[Math.floor(times.length / 2)] as number });
}

const token = 'A'.repeat(32);
const secret = 'B'.repeat(64);

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
const request = JSON.stringify(buildRequest([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }], { token, secret }, () => 1_700_000_000));
const exchange = (i: number): Exchange => ({
  startedAt: Date.now(),
  durationMs: 12,
  endpoint: 'https://api.onoffice.de/api/stable/api.php',
  attempt: 1,
  httpStatus: 200,
  requestBody: request,
  responseBody: `{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[{"status":{"errorcode":${i % 7 === 0 ? 137 : 0},"message":"call ${i}"}}]}}`,
  top: { code: 200, errorcode: 0, message: 'OK' },
  actions: [{ kind: 'read', resourcetype: 'estate', resourceid: '', identifier: 'a1', status: { errorcode: i % 7 === 0 ? 137 : 0, message: `call ${i}` } }],
  failure: null,
  clockOffsetSeconds: 0,
});
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

// A large journal, filled through Journal.record like the app does. BENCH_JOURNAL_ROWS sets the size (0 skips it).
interface Sampled {
  name: string;
  samples: number[];
}
const sampled: Sampled[] = [];
// 1,000,000 takes about half an hour to fill on a shared two-core machine; 200,000 is the default there.
const JOURNAL_ROWS = Number(process.env.BENCH_JOURNAL_ROWS ?? 200_000);
let journalNote = '';
if (JOURNAL_ROWS > 0) {
  const bigDir = mkdtempSync(path.join(os.tmpdir(), 'aud-bench-journal-'));
  const file = path.join(bigDir, 'journal.sqlite');
  const opened = openDatabase({ path: file, migrations: STORE_MIGRATIONS, now: Date.now });
  // Filling only: no fsync per exchange, so the fill takes minutes, not hours. Reads are measured with the app's settings.
  opened.db.exec('PRAGMA synchronous = OFF');
  const base = Date.now() - 5 * 86_400_000;
  const big = new Journal({ db: opened.db, now: Date.now, bodyRetentionDays: () => 90 });
  const people = ['Erika Mustermann', 'Max Meier', 'Jana Schulz', 'Ömer Yılmaz', 'Lukas Becker'];
  const fillStart = performance.now();
  for (let i = 0; i < JOURNAL_ROWS; i++) {
    const records = Array.from({ length: 6 }, (_, k) => ({ id: i * 10 + k, type: 'address', elements: { Name: people[(i + k) % 5], Email: `person${(i * 7 + k) % 100_000}@example.com`, Ort: 'Köln', Notiz: `Rückruf ${i % 1000}` } }));
    // "rarum" is in a quarter of the exchanges, "vulgaris" in three quarters.
    const word = i % 4 === 0 ? 'rarum' : 'vulgaris';
    big.record(
      {
        ...exchange(i),
        startedAt: base + i * 100,
        responseBody: JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 0, message: word }, data: { records } }] } }),
        actions: [{ kind: 'read', resourcetype: 'address', resourceid: '', identifier: `a${i % 50}`, status: { errorcode: 0, message: word } }],
      },
      { profileId: `p${i % 3}`, keys: { token, secret } },
    );
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;
  opened.db.exec('PRAGMA synchronous = FULL');
  opened.close();
  const bytes = statSync(file).size;
  journalNote = `Journal: ${JOURNAL_ROWS.toLocaleString('en')} entries (one per exchange, ~${Math.round(bytes / JOURNAL_ROWS)} bytes each, ${(bytes / 2 ** 30).toFixed(2)} GiB), filled through Journal.record in ${Math.round(fillSeconds)} s`;

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
}

const sandbox = await startSandbox({ scenarios: ['healthy-website'], seed: 1 });
const user = sandbox.apiUsers[0];
if (!user) throw new Error('sandbox has no API user');
const client = createClient({ endpoint: new URL(sandbox.endpoint), credentials: () => ({ token: user.token, secret: user.secret }) });
await bench('signed read of 20 estates against the sandbox over loopback', 'calls', 50, async () => {
  for (let i = 0; i < 50; i++) await client.call([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'objekttitel'], listlimit: 20 } }]);
});
await sandbox.stop();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${os.platform()} ${os.arch()}`);
console.log('Command: npm run bench\n');
console.log('| case | work per run | median time | throughput |');
console.log('|---|---|---|---|');
for (const r of rows) {
  const perSecond = (r.perRun / r.medianMs) * 1000;
  console.log(`| ${r.name} | ${r.perRun} ${r.unit} | ${r.medianMs.toFixed(1)} ms | ${perSecond >= 100 ? Math.round(perSecond).toLocaleString('en') : perSecond.toFixed(1)} ${r.unit}/s |`);
}
if (sampled.length > 0) {
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] as number;
  console.log(`\n${journalNote}\n`);
  console.log('| journal case | runs | p50 | p95 | max |');
  console.log('|---|---|---|---|---|');
  for (const s of sampled) {
    console.log(`| ${s.name} | ${s.samples.length} | ${pct(s.samples, 50).toFixed(1)} ms | ${pct(s.samples, 95).toFixed(1)} ms | ${Math.max(...s.samples).toFixed(1)} ms |`);
  }
}
