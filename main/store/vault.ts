/**
 * The lock around the passphrase cipher: unlocked by the person's passphrase, locked on request, on suspend or
 * screen lock (wired by the Electron layer through `lock(reason)`) and after some idle minutes. While locked no
 * derived key exists in memory and `current()` refuses with `locked`.
 */
import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './database.ts';
import { StoreError } from './errors.ts';
import { DEFAULT_SCRYPT, PASSPHRASE_BACKEND, PassphraseCipher, type CipherSource, type ScryptParams, type Sealed } from './secrets.ts';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LockChange {
  locked: boolean;
  /** Why it locked ('manual', 'idle', 'suspend', …); null when it unlocked. */
  reason: string | null;
}

export interface VaultOptions {
  db: DatabaseSync;
  /** Minutes without `touch()` before locking by itself; 0 never locks by itself. */
  idleMinutes: number;
  now: () => number;
  timers: Timers;
  scrypt?: ScryptParams;
}

const CHECK_KEY = 'vault.check';
/** Sealed at set-up so unlock can verify a passphrase before any profile exists. */
const CHECK_TEXT = 'api-user-desk vault check';

export interface PreparedKey {
  cipher: PassphraseCipher;
  check: Sealed;
}

const MIN_PASSPHRASE_LENGTH = 10;

function assertLongEnough(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    const message = `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`;
    throw new StoreError('invalid-input', message, { details: [{ field: 'passphrase', code: 'passphrase-too-short', message }] });
  }
}

export class Vault implements CipherSource {
  readonly id = 'passphrase-v1' as const;
  readonly backend = PASSPHRASE_BACKEND;
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #timers: Timers;
  readonly #scrypt: ScryptParams;
  readonly #listeners = new Set<(change: LockChange) => void>();
  #idleMs: number;
  #cipher: PassphraseCipher | null = null;
  #lastActivity = 0;
  #timer: unknown = null;

  constructor(options: VaultOptions) {
    this.#db = options.db;
    this.#now = options.now;
    this.#timers = options.timers;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.#idleMs = options.idleMinutes * 60_000;
  }

  #storedCheck(): string | null {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(CHECK_KEY) as { value: string } | undefined;
    return row?.value ?? null;
  }

  #check(): Sealed | null {
    const stored = this.#storedCheck();
    return stored === null ? null : (JSON.parse(stored) as Sealed);
  }

  get hasPassphrase(): boolean {
    return this.#check() !== null;
  }

  get locked(): boolean {
    return this.#cipher === null;
  }

  /** Sets the app passphrase the first time; leaves the vault unlocked. */
  async setUp(passphrase: string): Promise<void> {
    const prepared = await this.prepareSetUp(passphrase);
    this.writeSetUp(prepared);
    this.adopt(prepared);
  }

  /**
   * First step of setting the first passphrase, for a caller that re-seals existing secrets (from the OS key
   * store) with `prepared.cipher` and writes them in the same transaction as `writeSetUp`; nothing is written here.
   */
  async prepareSetUp(passphrase: string): Promise<PreparedKey> {
    if (this.hasPassphrase) throw new StoreError('passphrase-exists', 'An app passphrase is already set.');
    assertLongEnough(passphrase);
    const cipher = await PassphraseCipher.create(passphrase, this.#scrypt);
    return { cipher, check: await cipher.encrypt(CHECK_TEXT) };
  }

  writeSetUp(prepared: PreparedKey): void {
    this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(CHECK_KEY, JSON.stringify(prepared.check));
  }

  /**
   * Throws `no-passphrase`, `wrong-passphrase`, `tampered` (the stored check is damaged) or `unsupported-format`.
   * A check in an older format is sealed again in the current one, so that from then on damage to it is not
   * mistaken for a wrong passphrase.
   */
  async unlock(passphrase: string): Promise<void> {
    const stored = this.#storedCheck();
    if (stored === null) throw new StoreError('no-passphrase', 'No app passphrase has been set yet.');
    const check = JSON.parse(stored) as Sealed;
    const cipher = await PassphraseCipher.unlock(passphrase, check);
    if ((await cipher.decrypt(check)).shouldReEncrypt) {
      const again = JSON.stringify(await cipher.encrypt(CHECK_TEXT));
      // Only over the check that was read: a passphrase change meanwhile wins.
      inTransaction(this.#db, () => this.#db.prepare('UPDATE settings SET value = ? WHERE key = ? AND value = ?').run(again, CHECK_KEY, stored));
    }
    this.#cipher?.lock();
    this.#opened(cipher);
  }

  /**
   * First step of changing the passphrase: checks `current` and derives the new key; nothing is written. The
   * caller re-seals every secret with `prepared.cipher`, then writes all of it in one transaction with
   * `writeChange`, and only after the commit switches over with `adopt`.
   */
  async prepareChange(current: string, next: string): Promise<PreparedKey> {
    const check = this.#check();
    if (check === null) throw new StoreError('no-passphrase', 'No app passphrase has been set yet.');
    assertLongEnough(next);
    (await PassphraseCipher.unlock(current, check)).lock();
    const cipher = await PassphraseCipher.create(next, this.#scrypt);
    return { cipher, check: await cipher.encrypt(CHECK_TEXT) };
  }

  /** Stores the new passphrase check; call inside the transaction that stores the re-sealed secrets. */
  writeChange(prepared: PreparedKey): void {
    this.#db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(prepared.check), CHECK_KEY);
  }

  /** Switches to the new key once its check and the re-sealed secrets are committed. */
  adopt(prepared: PreparedKey): void {
    this.#cipher?.lock();
    this.#opened(prepared.cipher);
  }

  #opened(cipher: PassphraseCipher): void {
    this.#cipher = cipher;
    this.touch();
    this.#emit({ locked: false, reason: null });
  }

  /** Wipes the key. Idempotent: locking a locked vault tells no one. */
  lock(reason = 'manual'): void {
    if (this.#cipher === null) return;
    this.#cipher.lock();
    this.#cipher = null;
    this.#clearTimer();
    this.#emit({ locked: true, reason });
  }

  /** The person did something: restarts the idle countdown. */
  touch(): void {
    this.#lastActivity = this.#now();
    if (this.#cipher !== null && this.#timer === null) this.#schedule(this.#idleMs);
  }

  setIdleMinutes(minutes: number): void {
    this.#idleMs = minutes * 60_000;
    this.#clearTimer();
    this.touch();
  }

  /** The unlocked cipher; throws `locked`. Using it is not activity: only the person's actions are. */
  current(): PassphraseCipher {
    if (this.#cipher === null) throw new StoreError('locked', 'The vault is locked. Enter the app passphrase to continue.');
    return this.#cipher;
  }

  onLockChange(listener: (change: LockChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One timer at a time: on expiry it re-arms for the rest of the window if there was activity meanwhile. */
  #schedule(ms: number): void {
    if (this.#idleMs <= 0) return;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      const idle = this.#now() - this.#lastActivity;
      if (idle >= this.#idleMs) this.lock('idle');
      else this.#schedule(this.#idleMs - idle);
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #emit(change: LockChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
