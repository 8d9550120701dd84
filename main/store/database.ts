/**
 * Opens the one SQLite file of the app: WAL, foreign keys, busy timeout, numbered migrations and an integrity
 * check. A file that is not a usable database is moved aside (never deleted) and a fresh one takes its place, so
 * the app always starts and can tell the person what happened. The folder and the files are private to the user.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StoreError } from './errors.ts';

export interface Migration {
  /** 1, 2, 3, … without gaps; never renumber or edit one that has shipped. */
  version: number;
  name: string;
  up: (db: DatabaseSync) => void;
}

export interface Recovery {
  movedTo: string;
  reason: string;
}

export interface OpenedDatabase {
  db: DatabaseSync;
  recovered: Recovery | null;
  /**
   * Closes the database and leaves a clean-shutdown marker, so the next open skips the full integrity check (which
   * reads the whole file: seconds for a large journal). Closing `db` directly works too; the next open then checks.
   */
  close: () => void;
}

export interface OpenOptions {
  /** The database file. Its folder is created if missing and, when it belongs to this user, made private (0700). */
  path: string;
  migrations: readonly Migration[];
  /** Wall clock in ms, for the name of a quarantined file. */
  now: () => number;
  busyTimeoutMs?: number;
}

/** SQLite primary result codes this module tells apart (https://sqlite.org/rescode.html). */
const SQLITE = { BUSY: 5, READONLY: 8, CORRUPT: 11, FULL: 13, CANTOPEN: 14, SCHEMA: 17, NOTADB: 26 } as const;

/** Why a file cannot be used, or null when the error is not about the file's content. */
function corruptionReason(e: unknown): string | null {
  const primary = sqlitePrimaryCode(e);
  if (primary === SQLITE.NOTADB) return 'the file is not a database';
  if (primary === SQLITE.CORRUPT) return 'the database file is damaged';
  return null;
}

function sqlitePrimaryCode(e: unknown): number | null {
  if (typeof e === 'object' && e !== null && 'errcode' in e && typeof e.errcode === 'number') return e.errcode & 0xff;
  return null;
}

/** An errno code such as ENOSPC; not Node's own ERR_… codes. */
function osCode(e: unknown): string | null {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  return null;
}

/**
 * Runs `work` again while another process holds the file: SQLite does not call its busy handler when switching to
 * WAL, and a reader that meets a schema change (another process migrating a new file) fails with SQLITE_SCHEMA.
 */
function retryWhileBusy<T>(work: () => T, timeoutMs: number): T {
  const until = performance.now() + timeoutMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return work();
    } catch (e) {
      const code = sqlitePrimaryCode(e);
      if ((code !== SQLITE.BUSY && code !== SQLITE.SCHEMA) || performance.now() + pause > until) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
  }
}

/** A failure of SQLite or of the file system, as opposed to a bug in the caller. */
const isStorageFailure = (e: unknown): boolean => sqlitePrimaryCode(e) !== null || osCode(e) !== null;

/**
 * Turns an SQLite or file-system failure into a typed error in plain words. Returns the error unchanged when it is
 * already typed; anything unknown becomes `io-error` with the original kept as the cause.
 */
export function toStoreError(e: unknown, path: string): StoreError {
  if (e instanceof StoreError) return e;
  const primary = sqlitePrimaryCode(e);
  const os = osCode(e);
  if (primary === SQLITE.FULL || os === 'ENOSPC') {
    return new StoreError('disk-full', `The disk is full: the app could not save to ${path}. Free some space and try again.`, { cause: e });
  }
  if (primary === SQLITE.READONLY || os === 'EROFS' || os === 'EACCES' || os === 'EPERM') {
    return new StoreError('read-only', `The app is not allowed to write to ${path}. Check the folder's permissions or choose another data folder.`, { cause: e });
  }
  // EEXIST: a file stands where the folder should be.
  if (primary === SQLITE.CANTOPEN || os === 'ENOENT' || os === 'ENOTDIR' || os === 'EEXIST') {
    return new StoreError('cannot-open', `The app could not open or create its database at ${path}. Check that the folder exists and is writable.`, { cause: e });
  }
  return new StoreError('io-error', `Reading or writing the database at ${path} failed.`, { cause: e });
}

/** Windows has no such modes; its per-user profile folder already keeps other users out. */
const HAS_MODES = process.platform !== 'win32';

/**
 * The data folder holds every secret the app keeps (sealed) and the journal: only this user may list or open it.
 * A folder that belongs to someone else (a location an administrator set up) keeps its owner's choice.
 */
function makePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!HAS_MODES) return;
  const stat = statSync(folder);
  if (stat.uid === process.getuid?.() && (stat.mode & 0o777) !== 0o700) chmodSync(folder, 0o700);
}

/**
 * A new database file is created 0600 before SQLite opens it, because SQLite gives its -wal and -shm the mode of
 * the database file; files from before this rule are tightened on every open.
 */
function createPrivately(path: string): void {
  if (HAS_MODES) closeSync(openSync(path, 'a', 0o600));
}

function tightenFiles(path: string): void {
  if (!HAS_MODES) return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o777) !== 0o600) chmodSync(file, 0o600);
  }
}

/** `name.corrupt-20261127T131751Z`, with a counter when that name is taken so nothing is overwritten. */
function quarantineName(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  const base = `${path}.corrupt-${stamp}`;
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

function moveAside(path: string, now: number): string {
  const target = quarantineName(path, now);
  try {
    renameSync(path, target);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
    }
    // Kept for the person to look at or hand in, and as private as the database it was.
    tightenFiles(target);
  } catch (e) {
    throw toStoreError(e, path);
  }
  return target;
}

/**
 * `<file>-clean`: written on a clean close with the size and modification time the file had then, and removed on
 * open. Missing (a crash, a kill, a power cut) or not matching the file (it changed since), and the open runs
 * `PRAGMA quick_check`; present and matching, the open only reads the schema.
 */
const markerOf = (path: string): string => `${path}-clean`;

function fileStamp(path: string): string {
  const stat = statSync(path);
  // Whole milliseconds: not every file system keeps finer times.
  return JSON.stringify({ size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) });
}

/** Reads and removes the marker: true when the file is as the last clean close left it. */
function takeCleanMarker(path: string): boolean {
  const marker = markerOf(path);
  if (!existsSync(marker)) return false;
  try {
    const clean = existsSync(path) && !existsSync(`${path}-wal`) && readFileSync(marker, 'utf8') === fileStamp(path);
    rmSync(marker, { force: true });
    return clean;
  } catch {
    return false;
  }
}

function closeCleanly(db: DatabaseSync, path: string): void {
  if (!db.isOpen) return;
  // The last connection's close checkpoints and removes the WAL; with another process still on the file it stays,
  // and the next open checks.
  db.close();
  try {
    if (!existsSync(`${path}-wal`)) writeFileSync(markerOf(path), fileStamp(path), { mode: 0o600 });
  } catch {
    // Without the marker the next open checks the file: slower, never wrong.
  }
}

function firstProblem(db: DatabaseSync, full: boolean): string | null {
  // After a clean close reading the schema (page 1 and the schema's pages) is enough to know it is a database.
  if (!full) {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return null;
  }
  const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  return problems.length === 0 ? null : `the integrity check failed (${problems.slice(0, 3).join('; ')})`;
}

/**
 * Checks an existing file on a read-only connection: a read-write one would checkpoint or drop a stray WAL on
 * close, changing a damaged file before it is moved aside. Returns why the file is unusable, or null.
 */
function problemWith(path: string, busyTimeoutMs: number, full: boolean): string | null {
  if (!existsSync(path)) return null;
  try {
    return retryWhileBusy(() => checkOnce(path, busyTimeoutMs, full), busyTimeoutMs);
  } catch (e) {
    throw toStoreError(e, path);
  }
}

function checkOnce(path: string, busyTimeoutMs: number, full: boolean): string | null {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true, timeout: busyTimeoutMs });
  } catch (e) {
    if (sqlitePrimaryCode(e) === SQLITE.CANTOPEN) return 'the file cannot be read';
    throw e;
  }
  try {
    return firstProblem(db, full);
  } catch (e) {
    const reason = corruptionReason(e);
    if (reason !== null) return reason;
    throw e;
  } finally {
    db.close();
  }
}

function openReadWrite(path: string, busyTimeoutMs: number): DatabaseSync {
  try {
    createPrivately(path);
    return new DatabaseSync(path, { timeout: busyTimeoutMs });
  } catch (e) {
    throw toStoreError(e, path);
  }
}

function configure(db: DatabaseSync, busyTimeoutMs: number): void {
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  retryWhileBusy(() => db.exec('PRAGMA journal_mode = WAL'), busyTimeoutMs);
  // FULL: a committed credential change or journal row survives a power cut, not only a crash of the app.
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
}

function migrate(db: DatabaseSync, migrations: readonly Migration[], now: number): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  // One write transaction per step, and the version is read inside it: a second process opening a new folder at
  // the same moment waits for the lock and then sees the step done, instead of running it again.
  for (;;) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
      const { v } = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number };
      if (v > migrations.length) {
        throw new StoreError(
          'newer-schema',
          'This database was written by a newer version of the app. Update the app to open it; nothing was changed.',
        );
      }
      const next = migrations[v];
      if (next === undefined) {
        db.exec('COMMIT');
        return;
      }
      next.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(next.version, next.name, now);
      db.exec(`PRAGMA user_version = ${next.version}`);
      db.exec('COMMIT');
    } catch (e) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw e;
    }
  }
}

/**
 * Opens (or creates) the database at `path`. The caller decides the folder; this function keeps it private and
 * decides what to do with what it finds there. Safe when several processes open a new folder at the same moment.
 */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  const { path, migrations, now } = options;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  try {
    makePrivateFolder(dirname(path));
  } catch (e) {
    throw toStoreError(e, path);
  }
  const problem = problemWith(path, busyTimeoutMs, !takeCleanMarker(path));
  const recovered = problem === null ? null : { movedTo: moveAside(path, now()), reason: problem };
  const db = openReadWrite(path, busyTimeoutMs);
  try {
    configure(db, busyTimeoutMs);
    migrate(db, migrations, now());
    tightenFiles(path);
  } catch (e) {
    db.close();
    throw isStorageFailure(e) ? toStoreError(e, path) : e;
  }
  return { db, recovered, close: () => closeCleanly(db, path) };
}

/**
 * Runs `work` in one write transaction. Everything rolls back on failure; a failure of SQLite or of the disk
 * (full, read-only) surfaces as a typed error, anything else unchanged.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  try {
    db.exec('BEGIN IMMEDIATE');
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw isStorageFailure(e) ? toStoreError(e, db.location() ?? 'memory') : e;
  }
}
