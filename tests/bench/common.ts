/**
 * What the bench cases share: percentiles, Markdown tables, and a journal filled through Journal.record the way the
 * app fills it (one exchange per call, redacted, full-text indexed).
 */
import { performance } from 'node:perf_hooks';
import type { Exchange } from '../../main/onoffice/exchange.ts';
import { buildRequest } from '../../main/onoffice/wire.ts';
import { openDatabase } from '../../main/store/database.ts';
import { Journal } from '../../main/store/journal.ts';
import { STORE_MIGRATIONS } from '../../main/store/schema.ts';

export const token = 'A'.repeat(32);
export const secret = 'B'.repeat(64);

/** The p-th percentile (nearest rank) of the samples. */
export function pct(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const ms = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '–');
export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Progress on stderr, so stdout stays the tables. */
export const note = (text: string): void => {
  process.stderr.write(`bench: ${text}\n`);
};

const request = JSON.stringify(buildRequest([{ kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'] } }], { token, secret }, () => 1_700_000_000));

/** A read of one action as the client reports it; every seventh answered with error 137. */
export function sampleExchange(i: number): Exchange {
  return {
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
  };
}

const PEOPLE = ['Erika Mustermann', 'Max Meier', 'Jana Schulz', 'Ömer Yılmaz', 'Lukas Becker'];

/**
 * Fills the database at `file` (created with the app's migrations when missing) with `rows` exchanges of one action
 * each, a six-address response apiece, spread 100 ms apart ending `rows` × 100 ms after five days ago, three
 * profiles. "rarum" is in a quarter of the exchanges, "vulgaris" in three quarters. Closed cleanly afterwards, so the
 * next open skips the integrity check. Returns the seconds the fill took.
 */
export function fillJournal(file: string, rows: number, profileIds: readonly string[] = ['p0', 'p1', 'p2']): number {
  const opened = openDatabase({ path: file, migrations: STORE_MIGRATIONS, now: Date.now });
  // Filling only: no fsync per exchange, so the fill takes minutes, not hours. Reads are measured with the app's settings.
  opened.db.exec('PRAGMA synchronous = OFF');
  const base = Date.now() - 5 * 86_400_000;
  const journal = new Journal({ db: opened.db, now: Date.now, bodyRetentionDays: () => 90 });
  const fillStart = performance.now();
  for (let i = 0; i < rows; i++) {
    const records = Array.from({ length: 6 }, (_, k) => ({ id: i * 10 + k, type: 'address', elements: { Name: PEOPLE[(i + k) % 5], Email: `person${(i * 7 + k) % 100_000}@example.com`, Ort: 'Köln', Notiz: `Rückruf ${i % 1000}` } }));
    const word = i % 4 === 0 ? 'rarum' : 'vulgaris';
    journal.record(
      {
        ...sampleExchange(i),
        startedAt: base + i * 100,
        responseBody: JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 0, message: word }, data: { records } }] } }),
        actions: [{ kind: 'read', resourcetype: 'address', resourceid: '', identifier: `a${i % 50}`, status: { errorcode: 0, message: word } }],
      },
      { profileId: profileIds[i % profileIds.length] ?? null, keys: { token, secret } },
    );
  }
  const seconds = (performance.now() - fillStart) / 1000;
  opened.db.exec('PRAGMA synchronous = FULL');
  opened.close();
  return seconds;
}
