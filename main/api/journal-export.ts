/**
 * Streamed journal exports: rows are written as the journal reads them (page by page), so memory stays flat
 * whatever the journal's size. The host decides where they go (a file the person chose, an HTTP download); this
 * module pumps the rows with back-pressure, reports progress as `journalExportProgress` and lets a running export
 * be cancelled by its id.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import type { EventPayloads } from '../../preload/contract.ts';
import { BoundaryFailure } from './dispatch.ts';
import { T } from '../domain/i18n/index.ts';

/** One export as the journal delivers it: an optional header, then one chunk per row. */
export interface ExportSource {
  fileName: string;
  mimeType: string;
  total: number;
  header: string | null;
  rows: Iterable<string>;
}

/** Takes one chunk; resolves when the sink can take the next (back-pressure). */
export type ExportWrite = (chunk: string) => Promise<void>;

export interface ExportResult {
  state: 'done' | 'cancelled';
  rows: number;
}

/** Rows are gathered into chunks of about this many characters before they are written. */
const BATCH_CHARS = 64 * 1024;
/** At most about this many progress events per export, and at least one per this many rows. */
const PROGRESS_STEPS = 200;
const PROGRESS_MIN_ROWS = 100;

type Progress = EventPayloads['journalExportProgress'];

export class JournalExports {
  readonly #running = new Map<string, AbortController>();
  readonly #emit: (progress: Progress) => void;

  constructor(emit: (progress: Progress) => void) {
    this.#emit = emit;
  }

  /**
   * Writes every row of `source` through `write`. Ends `cancelled` when cancelled by id or when `signal` aborts
   * (the download's reader went away); a failing sink rejects (after a `failed` progress event).
   */
  async run(exportId: string, source: ExportSource, write: ExportWrite, signal?: AbortSignal): Promise<ExportResult> {
    if (this.#running.has(exportId)) throw new BoundaryFailure('export-running', T('errors.boundary.exportRunning'));
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) stop.abort();
    this.#running.set(exportId, stop);
    const every = Math.max(PROGRESS_MIN_ROWS, Math.ceil(source.total / PROGRESS_STEPS));
    let written = 0;
    const report = (state: Progress['state']): void =>
      this.#emit({ exportId, fileName: source.fileName, written, total: Math.max(source.total, written), state });
    report('running');
    try {
      let batch = source.header ?? '';
      for (const row of source.rows) {
        if (stop.signal.aborted) break;
        batch += row;
        written += 1;
        if (batch.length >= BATCH_CHARS) {
          await write(batch);
          batch = '';
        }
        if (written % every === 0) report('running');
      }
      if (stop.signal.aborted) {
        report('cancelled');
        return { state: 'cancelled', rows: written };
      }
      if (batch !== '') await write(batch);
      report('done');
      return { state: 'done', rows: written };
    } catch (e) {
      if (stop.signal.aborted) {
        report('cancelled');
        return { state: 'cancelled', rows: written };
      }
      report('failed');
      throw e;
    } finally {
      this.#running.delete(exportId);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops a running export; false when none runs under this id. */
  cancel(exportId: string): boolean {
    const stop = this.#running.get(exportId);
    stop?.abort();
    return stop !== undefined;
  }
}

/**
 * Writes an export to a file only its owner can read (mode 0600, also when an existing file is replaced). A
 * cancelled or failed export leaves no partial file behind.
 */
export async function exportToFile(target: string, run: (write: ExportWrite) => Promise<ExportResult>): Promise<ExportResult> {
  const out = createWriteStream(target, { mode: 0o600, encoding: 'utf8' });
  const closed = once(out, 'close').catch(() => undefined);
  let result: ExportResult | null = null;
  try {
    await once(out, 'open');
    // The mode above only applies to a new file; a replaced one keeps its own unless it is set.
    await chmod(target, 0o600);
    result = await run(async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    });
  } finally {
    out.end();
    await closed;
    if (result?.state !== 'done') await rm(target, { force: true });
  }
  return result;
}
