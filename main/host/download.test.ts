/**
 * The browser host's journal download: session-protected, an attachment sent chunked as rows are read, the same
 * bytes as the in-memory export, flat memory for a big journal, and cancellable.
 */
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../preload/contract.ts';
import { createAppServices, DATABASE_FILE } from '../api/app.ts';
import type { AppServices } from '../api/app-types.ts';
import { openDatabase } from '../store/database.ts';
import { seedJournal, SEED_KEYS } from '../store/fixtures/seed-journal.ts';
import { Journal } from '../store/journal.ts';
import { STORE_MIGRATIONS } from '../store/schema.ts';
import { startBrowserHost, type BrowserHost } from './server.ts';

const SESSION = 'd'.repeat(43);
let dir: string;
let services: AppServices;
let host: BrowserHost;

/** A host over a journal seeded with `exchanges` × `actions` entries; returns the old in-memory export of it. */
async function start(exchanges: number, actions: number): Promise<{ inMemory: (format: 'jsonl' | 'csv') => string }> {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-download-'));
  const renderer = path.join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>API User Desk</title>');
  const dataDir = path.join(dir, 'data');
  const { db } = openDatabase({ path: path.join(dataDir, DATABASE_FILE), migrations: STORE_MIGRATIONS, now: Date.now });
  const journal = new Journal({ db, now: Date.now });
  seedJournal(journal, { exchanges, actionsPerExchange: actions, startedAt: Date.now() - 3_600_000 });
  // The old in-memory export, for small journals only (it is what the big one must not hold).
  const exports = exchanges * actions <= 1000 ? { jsonl: [...journal.exportJsonLines()].join(''), csv: [...journal.exportCsv()].join('') } : null;
  db.close();
  services = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir });
  host = await startBrowserHost({ services, rendererDir: renderer, sessionToken: SESSION });
  return {
    inMemory: (format) => {
      if (exports === null) throw new Error('no in-memory export of a big journal');
      return exports[format];
    },
  };
}

afterEach(async () => {
  await host.stop();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Download {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The whole body, unless `keep` was false. */
  body: string;
  bytes: number;
  lines: number;
  aborted: boolean;
}

/** Reads a download; with `onChunk`, each chunk is seen as it arrives (and may stop the reader). */
function download(
  method: 'GET' | 'POST',
  request: unknown,
  options: { session?: string; keep?: boolean; onChunk?: (chunk: Buffer, res: http.IncomingMessage) => void } = {},
): Promise<Download> {
  const session = options.session ?? SESSION;
  const url = new URL(host.origin);
  const query = method === 'GET' ? `?${new URLSearchParams({ session, request: JSON.stringify(request) }).toString()}` : '';
  const headers: Record<string, string> = method === 'POST' ? { 'Content-Type': 'application/json', 'X-Desk-Session': session } : {};
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: `/bridge/download/journalExport${query}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let lines = 0;
      const done = (aborted: boolean) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), bytes, lines, aborted });
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        for (const b of c) if (b === 10) lines += 1;
        if (options.keep !== false) chunks.push(c);
        options.onChunk?.(c, res);
      });
      res.on('end', () => done(false));
      res.on('error', () => done(true));
      res.on('aborted', () => done(true));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify(request) : undefined);
  });
}

const events = (): EventPayloads['journalExportProgress'][] => {
  const seen: EventPayloads['journalExportProgress'][] = [];
  services.onEvent((event, payload) => {
    if (event === 'journalExportProgress') seen.push(payload as EventPayloads['journalExportProgress']);
  });
  return seen;
};

describe('journal download', () => {
  it('answers only with the session, as an attachment, with the same bytes as the in-memory export', async () => {
    const { inMemory } = await start(12, 5);
    expect((await download('GET', { format: 'csv', filter: {}, exportId: 'no-session-1' }, { session: 'x'.repeat(43) })).status).toBe(403);
    expect((await download('POST', { format: 'csv', filter: {}, exportId: 'no-session-2' }, { session: '' })).status).toBe(403);
    const invalid = await download('GET', { format: 'xlsx', filter: {}, exportId: 'invalid-1' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    const progress = events();
    for (const [method, format] of [['GET', 'csv'], ['POST', 'jsonl']] as const) {
      const got = await download(method, { format, filter: {}, exportId: `small-${format}` });
      expect(got.status).toBe(200);
      expect(got.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="api-user-desk-journal-[0-9-]+\\.${format}"$`));
      expect(got.headers['transfer-encoding']).toBe('chunked');
      expect(got.headers['content-type']).toContain('charset=utf-8');
      expect(got.body).toBe(inMemory(format));
      expect(got.body).not.toContain(SEED_KEYS.token);
    }
    expect(progress.filter((p) => p.state === 'done').map((p) => [p.exportId, p.written, p.total])).toEqual([
      ['small-csv', 60, 60],
      ['small-jsonl', 60, 60],
    ]);
  });

  it('streams 100,000 rows with flat memory', { timeout: 180_000 }, async () => {
    await start(1000, 100);
    // A collection first, so the baseline is live memory, not the seeding's garbage.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage();
    let peakHeap = -Infinity;
    let peakRss = -Infinity;
    let n = 0;
    const got = await download('GET', { format: 'jsonl', filter: {}, exportId: 'big-one-1' }, {
      keep: false,
      onChunk: () => {
        if (++n % 100 !== 0) return;
        // Live memory while the rows stream (garbage collected first): what the export holds on to.
        gc();
        const m = process.memoryUsage();
        peakHeap = Math.max(peakHeap, m.heapUsed);
        peakRss = Math.max(peakRss, m.rss);
      },
    });
    expect(got.status).toBe(200);
    expect(got.lines).toBe(100_000);
    // Loose bounds: the export is tens of megabytes; building it in memory (as before) would hold all of it at once.
    expect(n).toBeGreaterThan(300);
    const heapGrowth = peakHeap - before.heapUsed;
    const rssGrowth = peakRss - before.rss;
    console.log(`journal download: ${(got.bytes / 1e6).toFixed(1)} MB, heap +${(heapGrowth / 1e6).toFixed(1)} MB, rss +${(rssGrowth / 1e6).toFixed(1)} MB`);
    expect(got.bytes).toBeGreaterThan(40e6);
    expect(heapGrowth).toBeLessThan(Math.min(20e6, got.bytes / 4));
    expect(rssGrowth).toBeLessThan(got.bytes);
  });

  it('stops when cancelled through the bridge, and the download ends unfinished', async () => {
    await start(400, 100);
    const progress = events();
    let cancelled = false;
    const got = await download('GET', { format: 'csv', filter: {}, exportId: 'cancel-dl-1' }, {
      keep: false,
      onChunk: (_chunk, res) => {
        if (cancelled) return;
        cancelled = true;
        // The reader holds still until the cancel is answered, so the export cannot finish first.
        res.pause();
        void fetch(`${host.origin}/bridge/call/journalExportCancel`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Desk-Session': SESSION },
          body: JSON.stringify({ exportId: 'cancel-dl-1' }),
        })
          .then((r) => r.json())
          .then((answer) => {
            expect(answer).toEqual({ ok: true, value: { cancelled: true } });
            res.resume();
          });
      },
    });
    expect(got.aborted).toBe(true);
    expect(got.lines).toBeLessThan(40_000);
    expect(progress.at(-1)).toMatchObject({ exportId: 'cancel-dl-1', state: 'cancelled' });
  });
});
