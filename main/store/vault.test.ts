import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { ProfileStore } from './profiles.ts';
import { STORE_MIGRATIONS } from './schema.ts';
import { V1 } from './fixtures/passphrase-v1.ts';
import { Vault, type LockChange, type Timers } from './vault.ts';
import { codeOf } from '../../tests/support/errors.ts';

const FAST = { logN: 15, r: 8, p: 1 };
const TOKEN = 'T0123456789abcdefghijklmnopqrstu';
const SECRET = 'S0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ9';

/** A clock and timers moved by hand. */
function manualTime() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(next, { at: now + ms, run });
      return next++;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = until;
  };
  return { now: () => now, timers, advance, pending: () => pending.size };
}

let dir: string;
let db: DatabaseSync;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aud-vault-'));
  db = openDatabase({ path: join(dir, 'desk.sqlite'), migrations: STORE_MIGRATIONS, now: () => 0 }).db;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Vault', () => {
  it('sets up, locks, refuses credentials while locked and unlocks with the passphrase', async () => {
    const time = manualTime();
    const vault = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    const changes: LockChange[] = [];
    vault.onLockChange((c) => changes.push(c));
    expect(vault.hasPassphrase).toBe(false);
    expect(await codeOf(() => vault.unlock('whatever1'))).toBe('no-passphrase');
    expect(await codeOf(() => vault.setUp('short'))).toBe('invalid-input');

    await vault.setUp('lange genug');
    expect(vault.locked).toBe(false);
    expect(await codeOf(() => vault.setUp('another one'))).toBe('passphrase-exists');
    const profiles = new ProfileStore({ db, cipher: vault, now: time.now });
    const p = await profiles.create({ label: 'A', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET });

    vault.lock('suspend');
    vault.lock('manual');
    expect(await codeOf(() => profiles.readCredentials(p.id))).toBe('locked');
    expect(profiles.list()[0]?.credentialsState).toBe('ok');

    expect(await codeOf(() => vault.unlock('falsch falsch'))).toBe('wrong-passphrase');
    expect(vault.locked).toBe(true);
    await vault.unlock('lange genug');
    expect(await profiles.readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET });
    expect(changes).toEqual([
      { locked: false, reason: null },
      { locked: true, reason: 'suspend' },
      { locked: false, reason: null },
    ]);
  });

  it('changes the passphrase in steps: nothing changes until the new check is written and adopted', async () => {
    const time = manualTime();
    const vault = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    await vault.setUp('first passphrase');
    const profiles = new ProfileStore({ db, cipher: vault, now: time.now });
    const p = await profiles.create({ label: 'A', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET });
    expect(await codeOf(() => vault.prepareChange('wrong one!', 'second passphrase'))).toBe('wrong-passphrase');
    expect(await codeOf(() => vault.prepareChange('first passphrase', 'short'))).toBe('invalid-input');

    const abandoned = await vault.prepareChange('first passphrase', 'second passphrase');
    await profiles.resealAllWith(abandoned.cipher);
    // Prepared but never written: the old passphrase and the old seals still hold.
    const again = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    await again.unlock('first passphrase');

    const prepared = await vault.prepareChange('first passphrase', 'second passphrase');
    const resealed = await profiles.resealAllWith(prepared.cipher);
    expect(resealed.map((r) => r.id)).toEqual([p.id]);
    profiles.writeResealed(resealed);
    vault.writeChange(prepared);
    vault.adopt(prepared);
    expect(await profiles.readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET });

    const fresh = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    expect(await codeOf(() => fresh.unlock('first passphrase'))).toBe('wrong-passphrase');
    await fresh.unlock('second passphrase');
    expect(await new ProfileStore({ db, cipher: fresh, now: time.now }).readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET });
  });

  it('survives a restart: a new vault on the same database unlocks with the same passphrase', async () => {
    const time = manualTime();
    const first = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    await first.setUp('lange genug');
    const sealed = await first.current().encrypt('hello');
    const second = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    expect(second.hasPassphrase).toBe(true);
    expect(second.locked).toBe(true);
    await second.unlock('lange genug');
    expect((await second.current().decrypt(sealed)).plain).toBe('hello');
  });

  it('locks itself after the idle minutes, counted from the last touch', async () => {
    const time = manualTime();
    const vault = new Vault({ db, idleMinutes: 5, now: time.now, timers: time.timers, scrypt: FAST });
    const reasons: (string | null)[] = [];
    vault.onLockChange((c) => reasons.push(c.reason));
    await vault.setUp('lange genug');
    const cipher = vault.current();

    time.advance(4 * 60_000);
    vault.touch();
    time.advance(4 * 60_000);
    expect(vault.locked).toBe(false);
    time.advance(60_000 - 1);
    expect(vault.locked).toBe(false);
    time.advance(1);
    expect(vault.locked).toBe(true);
    expect(cipher.unlocked).toBe(false);
    expect(reasons).toEqual([null, 'idle']);
    expect(time.pending()).toBe(0);
  });

  it('never locks by itself with 0 idle minutes, and follows a changed setting', async () => {
    const time = manualTime();
    const vault = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    await vault.setUp('lange genug');
    time.advance(24 * 3_600_000);
    expect(vault.locked).toBe(false);
    vault.setIdleMinutes(1);
    time.advance(60_000);
    expect(vault.locked).toBe(true);
  });

  it('tells a wrong app passphrase apart from a damaged passphrase check', async () => {
    const time = manualTime();
    await new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST }).setUp('lange genug');
    const stored = (db.prepare("SELECT value FROM settings WHERE key = 'vault.check'").get() as { value: string }).value;
    const check = JSON.parse(stored) as { data: string };
    const unlockWith = async (passphrase: string, byte: number | null) => {
      const bytes = Buffer.from(check.data, 'base64');
      if (byte !== null) bytes[byte] = (bytes[byte] as number) ^ 0x10;
      db.prepare("UPDATE settings SET value = ? WHERE key = 'vault.check'").run(JSON.stringify({ ...check, data: bytes.toString('base64') }));
      return codeOf(() => new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST }).unlock(passphrase));
    };
    expect(await unlockWith('falsch falsch', null)).toBe('wrong-passphrase');
    // Salt, parameters, verifier, the header's checksum and the sealed text: each is damage, not a wrong passphrase.
    for (const byte of [10, 6, 30, 50, 90]) expect([byte, await unlockWith('lange genug', byte)]).toEqual([byte, 'tampered']);
    expect(await unlockWith('lange genug', null)).toBe('no error');
  });

  it('reads a passphrase check and credentials sealed in format version 1, and seals them again in the current one', async () => {
    const time = manualTime();
    const version = (data: string) => Buffer.from(data, 'base64')[4];
    db.prepare("INSERT INTO settings (key, value) VALUES ('vault.check', ?)").run(JSON.stringify(V1.vaultCheck));
    db.prepare(
      `INSERT INTO profiles (id, label, customer, endpoint_kind, endpoint_url, use_case, notes, created_at, updated_at,
         credentials, cipher_id, cipher_backend, token_hint)
       VALUES ('p1', 'Alt', '', 'stable', 'https://api.onoffice.de/api/stable/api.php', '', '', 0, 0, ?, ?, ?, 'c0ff…ee00')`,
    ).run(V1.credentials.data, V1.credentials.cipher, V1.credentials.backend);
    const vault = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    expect(await codeOf(() => vault.unlock('not the passphrase'))).toBe('wrong-passphrase');
    expect(version(JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'vault.check'").get() as { value: string }).value).data)).toBe(1);

    await vault.unlock(V1.appPassphrase);
    const check = JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'vault.check'").get() as { value: string }).value);
    expect(version(check.data)).toBe(2);
    const profiles = new ProfileStore({ db, cipher: vault, now: time.now });
    expect(await profiles.readCredentials('p1')).toEqual(V1.plain);
    expect(version((db.prepare("SELECT credentials FROM profiles WHERE id = 'p1'").get() as { credentials: string }).credentials)).toBe(2);

    const restarted = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    await restarted.unlock(V1.appPassphrase);
    expect(await new ProfileStore({ db, cipher: restarted, now: time.now }).readCredentials('p1')).toEqual(V1.plain);
  });

  it('stops notifying a listener that unsubscribed', async () => {
    const time = manualTime();
    const vault = new Vault({ db, idleMinutes: 0, now: time.now, timers: time.timers, scrypt: FAST });
    let calls = 0;
    const off = vault.onLockChange(() => calls++);
    await vault.setUp('lange genug');
    off();
    vault.lock();
    expect(calls).toBe(1);
  });
});
