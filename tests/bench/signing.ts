/**
 * Signing: the client's hmacV2 against a bare node:crypto HMAC over the very same string, so the table shows what
 * the helper adds on top of the hash itself. `node tests/bench/run.ts --only signing`.
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hmacV2 } from '../../main/onoffice/signing.ts';
import { ACTION_URN } from '../../main/onoffice/wire.ts';
import { ms, pct, secret, table, token } from './common.ts';

const PER_RUN = 10_000;
const RUNS = 15;

/** Runs the two alternately, so a change in the machine's load falls on both alike. */
function sampleBoth(a: () => void, b: () => void): [number[], number[]] {
  a();
  b();
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    a();
    as.push(performance.now() - t0);
    t0 = performance.now();
    b();
    bs.push(performance.now() - t0);
  }
  return [as, bs];
}

export function benchSigning(): string {
  const resourcetype = 'estate';
  const actionid = ACTION_URN.read;
  let sink = 0;
  const [helper, bare] = sampleBoth(
    () => {
      for (let i = 0; i < PER_RUN; i++) sink += hmacV2({ secret, token, timestamp: 1_700_000_000 + i, resourcetype, actionid }).length;
    },
    () => {
      for (let i = 0; i < PER_RUN; i++) sink += createHmac('sha256', secret).update(`${1_700_000_000 + i}${token}${resourcetype}${actionid}`, 'utf8').digest('base64').length;
    },
  );
  if (sink === 0) throw new Error('no signatures were made');
  const row = (name: string, s: number[]) => [name, String(s.length), ms(pct(s, 50)), ms(pct(s, 95)), `${((pct(s, 50) * 1000) / PER_RUN).toFixed(2)} µs`];
  return [
    `### Signing: hmacV2 against a bare HMAC-SHA256 (${PER_RUN.toLocaleString('en')} signatures per run, same strings: timestamp + 32-char token + "estate" + read URN, 64-char secret, base64)`,
    '',
    table(['case', 'runs', `p50 per ${PER_RUN.toLocaleString('en')}`, 'p95', 'per signature (p50)'], [
      row('hmacV2 (main/onoffice/signing.ts)', helper),
      row('createHmac(sha256).update(same string).digest(base64)', bare),
    ]),
  ].join('\n');
}

if (import.meta.main) console.log(benchSigning());
