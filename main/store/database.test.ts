import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, openDatabase, toStoreError, type Migration } from './database.ts';
import { StoreError } from './errors.ts';
import { STORE_MIGRATIONS } from './schema.ts';

const NOW = Date.UTC(2026, 10, 27, 13, 17, 51);
const now = () => NOW;

const migrations: Migration[] = [
  { version: 1, name: 'notes', up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)') },
  { version: 2, name: 'notes-owner', up: (db) => db.exec("ALTER TABLE notes ADD COLUMN owner TEXT NOT NULL DEFAULT ''") },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aud-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fillWithNotes(path: string, count: number): void {
  const { db } = openDatabase({ path, migrations, now });
  const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
  inTransaction(db, () => {
    for (let i = 0; i < count; i++) insert.run(`note ${i} ${'x'.repeat(500)}`);
  });
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('openDatabase', () => {
  it('creates a database with WAL, foreign keys and every migration applied once', () => {
    const path = join(dir, 'desk.sqlite');
    const first = openDatabase({ path, migrations, now });
    expect(first.recovered).toBeNull();
    const { db } = first;
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    expect(db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 5000 });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 2 });
    db.prepare("INSERT INTO notes (text, owner) VALUES ('kept', 'me')").run();
    db.close();

    const again = openDatabase({ path, migrations, now });
    const applied = again.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied.map((r) => ({ ...r }))).toEqual([
      { version: 1, name: 'notes' },
      { version: 2, name: 'notes-owner' },
    ]);
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 1 });
    again.db.close();
  });

  it('rolls a failing migration back completely', () => {
    const path = join(dir, 'desk.sqlite');
    const broken: Migration[] = [
      migrations[0] as Migration,
      {
        version: 2,
        name: 'half',
        up: (db) => {
          db.exec('CREATE TABLE half (x)');
          db.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => openDatabase({ path, migrations: broken, now })).toThrow(StoreError);
    const { db } = openDatabase({ path, migrations: [migrations[0] as Migration], now });
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    db.close();
  });

  it('refuses a database from a newer app without touching it', () => {
    const path = join(dir, 'desk.sqlite');
    openDatabase({ path, migrations, now }).db.close();
    const error = (() => {
      try {
        openDatabase({ path, migrations: [migrations[0] as Migration], now });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('newer-schema');
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it.each([
    [
      'garbage bytes',
      (path: string) => {
        writeFileSync(path, Buffer.from('this is not a database, just some text '.repeat(200)));
        writeFileSync(`${path}-wal`, 'a stray write-ahead log');
      },
    ],
    [
      'a truncated database',
      (path: string) => {
        fillWithNotes(path, 400);
        truncateSync(path, Math.floor(statSync(path).size / 2));
      },
    ],
    [
      'a damaged page',
      (path: string) => {
        fillWithNotes(path, 400);
        const bytes = readFileSync(path);
        bytes.fill(0xa5, 4096 * 3, 4096 * 3 + 2048);
        writeFileSync(path, bytes);
      },
    ],
  ])('moves %s aside and starts fresh', (_label, damage) => {
    const path = join(dir, 'desk.sqlite');
    damage(path);
    const hadWal = existsSync(`${path}-wal`);
    const original = readFileSync(path);

    const { db, recovered } = openDatabase({ path, migrations, now });
    expect(recovered).not.toBeNull();
    expect(recovered?.movedTo).toBe(`${path}.corrupt-20261127T131751Z`);
    expect(recovered?.reason).toMatch(/not a database|damaged|integrity check failed/);
    expect(readFileSync(recovered?.movedTo as string).equals(original)).toBe(true);
    if (hadWal) expect(readFileSync(`${recovered?.movedTo}-wal`, 'utf8')).toBe('a stray write-ahead log');

    db.prepare("INSERT INTO notes (text) VALUES ('fresh')").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 1 });
    db.close();
  });

  it('never overwrites an earlier quarantined file', () => {
    const path = join(dir, 'desk.sqlite');
    writeFileSync(path, 'garbage one '.repeat(100));
    openDatabase({ path, migrations, now }).db.close();
    rmSync(path);
    writeFileSync(path, 'garbage two '.repeat(100));
    const second = openDatabase({ path, migrations, now });
    second.db.close();
    expect(second.recovered?.movedTo).toBe(`${path}.corrupt-20261127T131751Z-2`);
    expect(readFileSync(`${path}.corrupt-20261127T131751Z`, 'utf8')).toMatch(/^garbage one/);
  });

  it('reports a folder it cannot create the file in as a typed error', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where a folder should be');
    const path = join(blocker, 'desk.sqlite');
    expect(() => openDatabase({ path, migrations, now })).toThrow(
      expect.objectContaining({ name: 'StoreError', code: 'cannot-open' }),
    );
  });

  it('turns a full disk into a typed error in plain words', () => {
    const path = join(dir, 'desk.sqlite');
    const { db } = openDatabase({ path, migrations, now });
    db.exec('PRAGMA max_page_count = 8');
    let caught: unknown;
    try {
      db.prepare('INSERT INTO notes (text) VALUES (?)').run('y'.repeat(200_000));
    } catch (e) {
      caught = toStoreError(e, path);
    }
    db.close();
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('disk-full');
    expect((caught as StoreError).message).toMatch(/disk is full/);
  });

  it('maps file-system permission errors to read-only', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(toStoreError(denied, '/data/desk.sqlite').code).toBe('read-only');
    const readonlyDb = Object.assign(new Error('attempt to write a readonly database'), { errcode: 8 });
    expect(toStoreError(readonlyDb, '/data/desk.sqlite').code).toBe('read-only');
  });
});

describe('several processes', () => {
  const opener = join(import.meta.dirname, 'fixtures', 'open-folder.ts');

  /** Runs the opener on `folders`, each at `start + i·gap`; resolves with the lines of the folders that failed. */
  function openAll(folders: string[], start: number, gap: number): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--no-warnings', opener, String(start), String(gap), ...folders], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out.split('\n').filter(Boolean)) : reject(new Error(`opener failed: ${err}`))));
    });
  }

  it('migrates a new data folder once when two processes open it at the same moment, forty folders over', async () => {
    // Empty folders, as the app finds its data folder on first start.
    const folders = Array.from({ length: 40 }, (_, i) => join(dir, `data-${i}`));
    for (const folder of folders) mkdirSync(folder);
    // Both processes load first (about a second on a busy machine), then meet at each folder's moment.
    const start = Date.now() + 2500;
    const failures = (await Promise.all([openAll(folders, start, 120), openAll(folders, start, 120)])).flat();
    expect(failures).toEqual([]);
    for (const folder of folders) {
      const { db } = openDatabase({ path: join(folder, 'api-user-desk.sqlite'), migrations: STORE_MIGRATIONS, now });
      const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
      expect(applied.map((r) => r.version)).toEqual(STORE_MIGRATIONS.map((m) => m.version));
      db.close();
    }
  }, 60_000);
});

describe('file modes', () => {
  // Windows has no POSIX modes; there the per-user profile folder is what keeps other users out.
  const posix = process.platform !== 'win32';
  if (!posix) console.log('file modes: skipped on win32, which has no POSIX file modes');
  const modeOf = (file: string) => statSync(file).mode & 0o777;

  it.runIf(posix)('creates the data folder 0700 and the database with its -wal and -shm 0600', () => {
    const folder = join(dir, 'new', 'data');
    const path = join(folder, 'desk.sqlite');
    const { db } = openDatabase({ path, migrations, now });
    db.prepare("INSERT INTO notes (text) VALUES ('x')").run();
    expect(modeOf(folder)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect([file, modeOf(file)]).toEqual([file, 0o600]);
    db.close();
  });

  it.runIf(posix)('tightens a folder and files that an earlier version left readable for everyone', () => {
    const path = join(dir, 'desk.sqlite');
    openDatabase({ path, migrations, now }).db.close();
    const { db: held } = openDatabase({ path, migrations, now });
    for (const file of [dir, path, `${path}-wal`, `${path}-shm`]) chmodSync(file, file === dir ? 0o755 : 0o644);
    const { db } = openDatabase({ path, migrations, now });
    expect(modeOf(dir)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect([file, modeOf(file)]).toEqual([file, 0o600]);
    db.close();
    held.close();
  });

  it.runIf(posix)('keeps a damaged file it moves aside private too', () => {
    const path = join(dir, 'desk.sqlite');
    writeFileSync(path, 'garbage '.repeat(100), { mode: 0o644 });
    const { db, recovered } = openDatabase({ path, migrations, now });
    db.close();
    expect(modeOf(recovered?.movedTo as string)).toBe(0o600);
  });
});

describe('clean-shutdown marker', () => {
  /** Damages a page in the middle of the file and puts its size and modification time back. */
  function damageQuietly(path: string): void {
    const { atimeMs, mtimeMs } = statSync(path);
    const bytes = readFileSync(path);
    bytes.fill(0xa5, 4096 * 3, 4096 * 3 + 2048);
    writeFileSync(path, bytes);
    // Back to the same whole millisecond the marker holds; half a millisecond in, so float rounding cannot cross it.
    utimesSync(path, atimeMs / 1000, (Math.trunc(mtimeMs) + 0.5) / 1000);
  }

  it('skips the integrity check after a clean close, and only then', () => {
    const path = join(dir, 'desk.sqlite');
    fillWithNotes(path, 400);
    const opened = openDatabase({ path, migrations, now });
    opened.close();
    expect(existsSync(`${path}-clean`)).toBe(true);
    // The marker is what lets the open trust the file: a change it cannot see goes unchecked (shown here on purpose).
    damageQuietly(path);
    const trusted = openDatabase({ path, migrations, now });
    expect(trusted.recovered).toBeNull();
    expect(existsSync(`${path}-clean`)).toBe(false);
    // No clean close this time (as after a crash): the next open checks the whole file and moves it aside.
    trusted.db.close();
    const checked = openDatabase({ path, migrations, now });
    expect(checked.recovered?.reason).toMatch(/damaged|integrity check failed/);
    checked.close();
  });

  it('checks a file that changed after the clean close', () => {
    const path = join(dir, 'desk.sqlite');
    fillWithNotes(path, 400);
    openDatabase({ path, migrations, now }).close();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const reopened = openDatabase({ path, migrations, now });
    expect(reopened.recovered).not.toBeNull();
    reopened.close();
  });

  it('still moves aside a file that is not a database, marker or not', () => {
    const path = join(dir, 'desk.sqlite');
    openDatabase({ path, migrations, now }).close();
    writeFileSync(path, 'garbage '.repeat(600));
    writeFileSync(`${path}-clean`, JSON.stringify({ size: statSync(path).size, mtimeMs: statSync(path).mtimeMs }));
    const reopened = openDatabase({ path, migrations, now });
    expect(reopened.recovered?.reason).toMatch(/not a database/);
    reopened.close();
  });
});
