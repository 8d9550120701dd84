/**
 * `npm run bench`: how fast the hot paths are on this machine. Prints a Markdown table (copy it into
 * BENCHMARKS.md with the machine's description). Each case runs a fixed amount of work several times and reports
 * the median; nothing here asserts a speed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
