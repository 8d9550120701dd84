/**
 * Streamed journal exports: the same bytes as the in-memory export they replace, progress as rows are written,
 * cancellation, and files only their owner can read.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../preload/contract.ts';
import { openDatabase } from '../store/database.ts';
import { seedJournal, SEED_KEYS } from '../store/fixtures/seed-journal.ts';
import { Journal, type JournalFilter } from '../store/journal.ts';
import { STORE_MIGRATIONS } from '../store/schema.ts';
import { exportToFile, JournalExports, type ExportSource } from './journal-export.ts';

type Progress = EventPayloads['journalExportProgress'];

let dir: string;
let journal: Journal;
let close: () => void;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-export-'));
  const { db } = openDatabase({ path: path.join(dir, 'db.sqlite'), migrations: STORE_MIGRATIONS, now: Date.now });
  journal = new Journal({ db, now: () => Date.UTC(2026, 0, 2) });
  close = () => db.close();
  seedJournal(journal, { exchanges: 30, actionsPerExchange: 9 });
});
afterEach(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

/** What app.ts hands the exporter: the journal's own generators, the CSV header apart. */
function source(format: 'jsonl' | 'csv', filter: JournalFilter = {}): ExportSource {
  const rows = format === 'jsonl' ? journal.exportJsonLines(filter) : journal.exportCsv(filter);
  const header = format === 'csv' ? (rows.next().value ?? null) : null;
  return { fileName: `j.${format}`, mimeType: 'text/plain', total: journal.countMatching(filter), header, rows: { [Symbol.iterator]: () => rows } };
}

/** The export as the app built it before streaming: every chunk joined into one string. */
const inMemory = (format: 'jsonl' | 'csv', filter: JournalFilter = {}): string =>
  (format === 'jsonl' ? [...journal.exportJsonLines(filter)] : [...journal.exportCsv(filter)]).join('');

describe('streamed journal export', () => {
  it('writes exactly what the in-memory export held, for both formats and a filter, with progress up to the total', async () => {
    for (const [format, filter] of [['jsonl', {}], ['csv', {}], ['csv', { status: 'failed' }], ['jsonl', { text: 'address' }]] as const) {
      const events: Progress[] = [];
      const exports = new JournalExports((p) => events.push(p));
      let out = '';
      const result = await exports.run(`id-${format}-000`, source(format, filter), async (chunk) => {
        out += chunk;
      });
      expect(out).toBe(inMemory(format, filter));
      expect(result).toEqual({ state: 'done', rows: journal.countMatching(filter) });
      expect(events[0]).toMatchObject({ state: 'running', written: 0 });
      expect(events.at(-1)).toEqual({ exportId: `id-${format}-000`, fileName: `j.${format}`, written: result.rows, total: result.rows, state: 'done' });
    }
    const csv = inMemory('csv');
    expect(csv.startsWith('\uFEFFid,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"",0)"`);
    expect(csv).not.toContain(SEED_KEYS.token);
  });

  it('stops when cancelled by its id, and says so', async () => {
    const events: Progress[] = [];
    const exports = new JournalExports((p) => events.push(p));
    let chunks = 0;
    const result = await exports.run('cancel-me-1', { ...source('jsonl'), rows: cancelAfter(source('jsonl').rows, 50, () => exports.cancel('cancel-me-1')) }, async () => {
      chunks += 1;
    });
    expect(result.state).toBe('cancelled');
    expect(result.rows).toBe(50);
    expect(events.at(-1)).toMatchObject({ state: 'cancelled', written: 50 });
    expect(exports.cancel('cancel-me-1')).toBe(false);
    expect(chunks).toBe(0);
  });

  it('writes a file only its owner can read, also when it replaces one, and removes a cancelled one', async () => {
    const target = path.join(dir, 'out.csv');
    writeFileSync(target, 'old');
    chmodSync(target, 0o644);
    const exports = new JournalExports(() => undefined);
    const done = await exportToFile(target, (write) => exports.run('file-done-1', source('csv'), write));
    expect(done.state).toBe('done');
    expect(readFileSync(target, 'utf8')).toBe(inMemory('csv'));
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);

    const partial = path.join(dir, 'partial.jsonl');
    const cancelled = await exportToFile(partial, (write) =>
      exports.run('file-cancel', { ...source('jsonl'), rows: cancelAfter(source('jsonl').rows, 10, () => exports.cancel('file-cancel')) }, write),
    );
    expect(cancelled.state).toBe('cancelled');
    expect(existsSync(partial)).toBe(false);
  });
});

/** Rows that ask for their export to be cancelled once `n` of them were taken. */
function* cancelAfter(rows: Iterable<string>, n: number, cancel: () => void): Generator<string> {
  let taken = 0;
  for (const row of rows) {
    if (taken === n) cancel();
    yield row;
    taken += 1;
  }
}
