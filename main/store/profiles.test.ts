import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckPreferenceStore } from './check-preferences.ts';
import { openDatabase } from './database.ts';
import { StoreError } from './errors.ts';
import { ProfileStore, validateCredentials } from './profiles.ts';
import { STORE_MIGRATIONS } from './schema.ts';
import { alwaysOpen, PassphraseCipher, type Opened, type Sealed, type SecretCipher } from './secrets.ts';

const TOKEN = 'tok0A1b2C3d4E5f6G7h8I9j0K1l2Mzz9';
const SECRET = 'sec0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6A7B8Cyy9';
const FAST = { logN: 15, r: 8, p: 1 };

/** Seals by reversing the text; counts calls and can ask for re-encryption once, like a rotated OS key. */
class ReversingCipher implements SecretCipher {
  readonly id = 'safestorage' as const;
  readonly backend: string;
  encryptions = 0;
  askToReEncrypt = false;
  constructor(backend: string) {
    this.backend = backend;
  }
  async encrypt(plain: string): Promise<Sealed> {
    this.encryptions++;
    return { cipher: this.id, backend: this.backend, data: Buffer.from([...plain].reverse().join('')).toString('base64') };
  }
  async decrypt(sealed: Sealed): Promise<Opened> {
    const plain = [...Buffer.from(sealed.data, 'base64').toString()].reverse().join('');
    const shouldReEncrypt = this.askToReEncrypt;
    this.askToReEncrypt = false;
    return { plain, shouldReEncrypt };
  }
}

let dir: string;
let db: DatabaseSync;
let clock: number;
const now = () => clock;
let ids: number;
const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aud-profiles-'));
  db = openDatabase({ path: join(dir, 'desk.sqlite'), migrations: STORE_MIGRATIONS, now: () => 0 }).db;
  clock = 1_700_000_000_000;
  ids = 0;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function codeOf(work: () => unknown): Promise<string> {
  return Promise.resolve()
    .then(work)
    .then(
      () => 'no error',
      (e: unknown) => (e instanceof StoreError ? e.code : Promise.reject(e)),
    );
}

describe('ProfileStore', () => {
  it('creates, lists and reads profiles without ever returning the secret', async () => {
    const cipher = await PassphraseCipher.create('pass', FAST);
    const store = new ProfileStore({ db, cipher: alwaysOpen(cipher), now, newId });
    const created = await store.create(
      { label: '  Muster Immobilien ', customer: 'Muster GmbH', endpoint: { kind: 'stable' }, useCase: 'website' },
      { token: TOKEN, secret: SECRET },
    );
    expect(created).toMatchObject({
      label: 'Muster Immobilien',
      endpoint: { kind: 'stable', url: 'https://api.onoffice.de/api/stable/api.php' },
      tokenHint: 'tok0…Mzz9',
      credentialsState: 'ok',
      sealedBy: { cipher: 'passphrase-v1', backend: 'scrypt-aes-256-gcm' },
      createdAt: clock,
    });
    const listed = JSON.stringify([store.list(), store.get(created.id)]);
    expect(listed).not.toContain(TOKEN);
    expect(listed).not.toContain(SECRET);
    expect(await store.readCredentials(created.id)).toEqual({ token: TOKEN, secret: SECRET });

    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const onDisk = readFileSync(join(dir, 'desk.sqlite')).toString('latin1');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(SECRET);
  });

  it('gives distinct, value-free errors for badly pasted credentials', () => {
    const cases: [string, string, string][] = [
      [` ${TOKEN.slice(1)}`, SECRET, 'token-whitespace'],
      [TOKEN, `${SECRET.slice(0, 63)}\n`, 'secret-whitespace'],
      [`${TOKEN.slice(0, 31)}”`, SECRET, 'token-non-ascii'],
      [TOKEN.slice(0, 30), SECRET, 'token-length'],
      [TOKEN, `${SECRET}x`, 'secret-length'],
      [SECRET, TOKEN, 'credentials-swapped'],
    ];
    for (const [token, secret, code] of cases) {
      let error: unknown;
      try {
        validateCredentials({ token, secret });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreError);
      const { details, message } = error as StoreError;
      expect(details?.map((d) => d.code)).toEqual([code]);
      expect(message).not.toContain(TOKEN.slice(2, 12));
      expect(message).not.toContain(SECRET.slice(2, 12));
    }
  });

  it('validates label and endpoint', async () => {
    const store = new ProfileStore({ db, cipher: alwaysOpen(new ReversingCipher('keychain')), now, newId });
    const bad = [
      { label: ' ', endpoint: { kind: 'stable' } },
      { label: 'x'.repeat(101), endpoint: { kind: 'stable' } },
      { label: 'ok', endpoint: { kind: 'custom', url: 'http://example.com/api.php' } },
      { label: 'ok', endpoint: { kind: 'custom', url: 'ftp://127.0.0.1/' } },
    ] as const;
    for (const input of bad) expect(await codeOf(() => store.create(input))).toBe('invalid-input');
    for (const url of ['http://127.0.0.2:8080/api.php', 'http://localhost:3000/api.php', 'http://[::1]:3000/', 'https://onoffice.example/api.php']) {
      const p = await store.create({ label: url, endpoint: { kind: 'custom', url } });
      expect(p.endpoint.kind).toBe('custom');
      expect(p.credentialsState).toBe('missing');
    }
  });

  it('updates metadata, records checks, rotates, duplicates without credentials and deletes', async () => {
    const cipher = new ReversingCipher('keychain');
    const store = new ProfileStore({ db, cipher: alwaysOpen(cipher), now, newId });
    const p = await store.create({ label: 'A', endpoint: { kind: 'latest' } }, { token: TOKEN, secret: SECRET });
    clock += 1000;
    const renamed = store.updateMetadata(p.id, { label: 'B', notes: 'Hausverwaltung' });
    expect(renamed).toMatchObject({ label: 'B', notes: 'Hausverwaltung', updatedAt: clock, endpoint: { kind: 'latest' } });
    expect(store.setLastCheck(p.id, { passed: 3, failed: 1 }).lastCheck).toEqual({ passed: 3, failed: 1 });

    const token2 = TOKEN.replace('tok0', 'new1');
    expect((await store.rotateCredentials(p.id, { token: token2, secret: SECRET })).tokenHint).toBe('new1…Mzz9');
    expect((await store.readCredentials(p.id)).token).toBe(token2);

    const copy = store.duplicate(p.id);
    expect(copy).toMatchObject({ label: 'B (copy)', notes: 'Hausverwaltung', credentialsState: 'missing', tokenHint: null });
    expect(await codeOf(() => store.readCredentials(copy.id))).toBe('no-credentials');

    store.delete(p.id);
    expect(store.get(p.id)).toBeNull();
    expect(await codeOf(() => store.delete(p.id))).toBe('not-found');
    expect(await codeOf(() => store.updateMetadata(p.id, { label: 'C' }))).toBe('not-found');
  });

  it('keeps and flags credentials sealed by another key store instead of deleting them', async () => {
    const before = new ProfileStore({ db, cipher: alwaysOpen(new ReversingCipher('gnome_libsecret')), now, newId });
    const p = await before.create({ label: 'A', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET });

    const after = new ProfileStore({ db, cipher: alwaysOpen(new ReversingCipher('kwallet6')), now, newId });
    expect(after.get(p.id)?.credentialsState).toBe('unreadable');
    const error = await after.readCredentials(p.id).catch((e: StoreError) => e);
    expect((error as StoreError).code).toBe('unreadable');
    expect((error as StoreError).message).toMatch(/cannot be read on this machine/);
    expect(after.get(p.id)?.tokenHint).toBe('tok0…Mzz9');

    await after.rotateCredentials(p.id, { token: TOKEN, secret: SECRET });
    expect(after.get(p.id)?.credentialsState).toBe('ok');
  });

  it('flags credentials that fail to decrypt and keeps the sealed blob', async () => {
    const first = await PassphraseCipher.create('one', FAST);
    const p = await new ProfileStore({ db, cipher: alwaysOpen(first), now, newId }).create(
      { label: 'A', endpoint: { kind: 'stable' } },
      { token: TOKEN, secret: SECRET },
    );
    const stored = db.prepare('SELECT credentials FROM profiles WHERE id = ?').get(p.id);
    const other = new ProfileStore({ db, cipher: alwaysOpen(await PassphraseCipher.create('two', FAST)), now, newId });
    expect(other.get(p.id)?.credentialsState).toBe('ok');
    expect(await codeOf(() => other.readCredentials(p.id))).toBe('unreadable');
    expect(other.get(p.id)?.credentialsState).toBe('unreadable');
    expect(db.prepare('SELECT credentials FROM profiles WHERE id = ?').get(p.id)).toEqual(stored);
    // A key store that answers again (the right key): the secret is read and the flag cleared.
    const again = new ProfileStore({ db, cipher: alwaysOpen(first), now, newId });
    expect(again.get(p.id)?.credentialsState).toBe('unreadable');
    expect(await again.readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET });
    expect(again.get(p.id)?.credentialsState).toBe('ok');
  });

  it('re-seals flagged but readable secrets for a change of key, and skips what cannot be read', async () => {
    const key = await PassphraseCipher.create('one', FAST);
    const store = new ProfileStore({ db, cipher: alwaysOpen(key), now, newId });
    const flagged = await store.create({ label: 'A', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET });
    const lost = await store.create({ label: 'B', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET });
    db.prepare('UPDATE profiles SET credentials_unreadable = 1 WHERE id = ?').run(flagged.id);
    db.prepare("UPDATE profiles SET credentials = ? WHERE id = ?").run(Buffer.from('AUDPgarbage').toString('base64'), lost.id);
    const next = await PassphraseCipher.create('two', FAST);
    const resealed = await store.resealAllWith(next);
    expect(resealed.map((r) => r.id)).toEqual([flagged.id]);
    store.writeResealed(resealed);
    const moved = new ProfileStore({ db, cipher: alwaysOpen(next), now, newId });
    expect(moved.get(flagged.id)?.credentialsState).toBe('ok');
    expect(await moved.readCredentials(flagged.id)).toEqual({ token: TOKEN, secret: SECRET });
    expect(moved.get(lost.id)).not.toBeNull();
  });

  it('re-encrypts and saves when the cipher advises it', async () => {
    const cipher = new ReversingCipher('keychain');
    const store = new ProfileStore({ db, cipher: alwaysOpen(cipher), now, newId });
    const p = await store.create({ label: 'A', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET });
    expect(cipher.encryptions).toBe(1);
    cipher.askToReEncrypt = true;
    expect(await store.readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET });
    expect(cipher.encryptions).toBe(2);
    await store.readCredentials(p.id);
    expect(cipher.encryptions).toBe(2);
  });

  describe('the API claim of a marketplace API user', () => {
    const CLAIM = 'cl4im-0f1e2d3c4b5a69788796a5b4c3d2e1f0';

    it('is sealed with token and secret, read back, and only ever shown as hasApiClaim', async () => {
      const cipher = await PassphraseCipher.create('pass', FAST);
      const store = new ProfileStore({ db, cipher: alwaysOpen(cipher), now, newId });
      const p = await store.create({ label: 'Anbieter', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET, apiClaim: `  ${CLAIM}\n` });
      expect(p.hasApiClaim).toBe(true);
      expect(await store.readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET, apiClaim: CLAIM });
      const plain = await store.create({ label: 'Website', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET, apiClaim: '  ' });
      expect(plain.hasApiClaim).toBe(false);
      expect(await store.readCredentials(plain.id)).toEqual({ token: TOKEN, secret: SECRET });

      const shown = JSON.stringify([store.list(), store.get(p.id)]);
      expect(shown).not.toContain(CLAIM);
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      expect(readFileSync(join(dir, 'desk.sqlite')).toString('latin1')).not.toContain(CLAIM);
      // Known while locked: the flag is kept in clear, the claim is not.
      cipher.lock();
      expect(store.get(p.id)).toMatchObject({ hasApiClaim: true, credentialsState: 'ok' });
    });

    it('goes when credentials are replaced without one, comes with a new one, and leaves with the profile', async () => {
      const store = new ProfileStore({ db, cipher: alwaysOpen(new ReversingCipher('keychain')), now, newId });
      const p = await store.create({ label: 'A', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET, apiClaim: CLAIM });
      expect((await store.rotateCredentials(p.id, { token: TOKEN, secret: SECRET })).hasApiClaim).toBe(false);
      expect(await store.readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET });
      const newer = `${CLAIM}-2`;
      expect((await store.rotateCredentials(p.id, { token: TOKEN, secret: SECRET, apiClaim: newer })).hasApiClaim).toBe(true);
      expect((await store.readCredentials(p.id)).apiClaim).toBe(newer);
      expect(store.duplicate(p.id).hasApiClaim).toBe(false);
      store.delete(p.id);
      expect(db.prepare('SELECT count(*) AS n FROM profiles WHERE id = ?').get(p.id)).toEqual({ n: 0 });
    });

    it('reads records sealed before claims existed, and survives a change of key', async () => {
      const key = await PassphraseCipher.create('one', FAST);
      const store = new ProfileStore({ db, cipher: alwaysOpen(key), now, newId });
      const old = await store.create({ label: 'Old', endpoint: { kind: 'stable' } });
      // Exactly what earlier versions sealed: {token, secret}, nothing else.
      const sealed = await key.encrypt(JSON.stringify({ token: TOKEN, secret: SECRET }));
      db.prepare('UPDATE profiles SET credentials = ?, cipher_id = ?, cipher_backend = ?, token_hint = ? WHERE id = ?').run(sealed.data, sealed.cipher, sealed.backend, 'tok0…Mzz9', old.id);
      expect(store.get(old.id)).toMatchObject({ credentialsState: 'ok', hasApiClaim: false });
      expect(await store.readCredentials(old.id)).toEqual({ token: TOKEN, secret: SECRET });

      const claimed = await store.create({ label: 'New', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET, apiClaim: CLAIM });
      const next = await PassphraseCipher.create('two', FAST);
      store.writeResealed(await store.resealAllWith(next));
      const moved = new ProfileStore({ db, cipher: alwaysOpen(next), now, newId });
      expect(await moved.readCredentials(claimed.id)).toEqual({ token: TOKEN, secret: SECRET, apiClaim: CLAIM });
      expect(await moved.readCredentials(old.id)).toEqual({ token: TOKEN, secret: SECRET });
      expect(moved.get(claimed.id)?.hasApiClaim).toBe(true);
    });

    it('sets the clear flag right when it disagrees with the blob read', async () => {
      const store = new ProfileStore({ db, cipher: alwaysOpen(new ReversingCipher('keychain')), now, newId });
      const p = await store.create({ label: 'A', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET, apiClaim: CLAIM });
      db.prepare('UPDATE profiles SET has_api_claim = 0').run();
      expect(store.get(p.id)?.hasApiClaim).toBe(false);
      await store.readCredentials(p.id);
      expect(store.get(p.id)?.hasApiClaim).toBe(true);
    });

    it('refuses a claim with a space, a non-ASCII character or a wrong length, without quoting it', () => {
      const cases: [string, string][] = [
        [`${CLAIM.slice(0, 10)} ${CLAIM.slice(10)}`, 'apiClaim-whitespace'],
        [`${CLAIM.slice(0, 10)}\t${CLAIM.slice(10)}`, 'apiClaim-whitespace'],
        [`${CLAIM}ä`, 'apiClaim-non-ascii'],
        [`„${CLAIM}“`, 'apiClaim-non-ascii'],
        ['abc1234', 'apiClaim-length'],
        ['x'.repeat(1025), 'apiClaim-length'],
      ];
      for (const [apiClaim, code] of cases) {
        let error: unknown;
        try {
          validateCredentials({ token: TOKEN, secret: SECRET, apiClaim });
        } catch (e) {
          error = e;
        }
        expect(error, code).toBeInstanceOf(StoreError);
        const { details, message } = error as StoreError;
        expect(details).toEqual([expect.objectContaining({ field: 'apiClaim', code })]);
        expect(message).not.toContain(CLAIM.slice(2, 12));
      }
      expect(validateCredentials({ token: TOKEN, secret: SECRET, apiClaim: 'x'.repeat(1024) }).apiClaim).toHaveLength(1024);
      // Problems with token or secret and with the claim are reported together.
      const both = (() => {
        try {
          return validateCredentials({ token: SECRET, secret: TOKEN, apiClaim: 'ä'.repeat(10) });
        } catch (e) {
          return (e as StoreError).details?.map((d) => d.code);
        }
      })();
      expect(both).toEqual(['credentials-swapped', 'apiClaim-non-ascii']);
    });
  });

  it('passes a locked vault through as locked, without flagging anything', async () => {
    const cipher = await PassphraseCipher.create('pass', FAST);
    const store = new ProfileStore({ db, cipher: alwaysOpen(cipher), now, newId });
    const p = await store.create({ label: 'A', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET });
    cipher.lock();
    expect(await codeOf(() => store.readCredentials(p.id))).toBe('locked');
    expect(store.get(p.id)?.credentialsState).toBe('ok');
  });
});

describe('demo profiles', () => {
  it('are marked with their scenario, listed apart, moved to a new sandbox address together, and everything else stays', async () => {
    const cipher = await PassphraseCipher.create('pass', FAST);
    const store = new ProfileStore({ db, cipher: alwaysOpen(cipher), now, newId });
    const real = await store.create({ label: 'Real', endpoint: { kind: 'custom', url: 'http://127.0.0.1:4000/api/stable/api.php' } });
    const demo = await store.create(
      { label: 'Demo: healthy', endpoint: { kind: 'custom', url: 'http://127.0.0.1:4000/api/stable/api.php' } },
      { token: TOKEN, secret: SECRET },
      { demoScenario: 'healthy-website' },
    );
    expect(real.demoScenario).toBeNull();
    expect(demo).toMatchObject({ demoScenario: 'healthy-website', credentialsState: 'ok' });
    expect(store.listDemo().map((p) => p.id)).toEqual([demo.id]);

    clock += 5000;
    expect(store.moveDemoEndpoints('http://127.0.0.1:4711/api/stable/api.php')).toBe(1);
    expect(store.get(demo.id)).toMatchObject({ endpoint: { kind: 'custom', url: 'http://127.0.0.1:4711/api/stable/api.php' }, updatedAt: demo.updatedAt });
    expect(store.get(real.id)?.endpoint.url).toBe('http://127.0.0.1:4000/api/stable/api.php');
    // Already there: nothing to write.
    expect(store.moveDemoEndpoints('http://127.0.0.1:4711/api/stable/api.php')).toBe(0);
    expect(await codeOf(() => store.moveDemoEndpoints('http://example.com/api.php'))).toBe('invalid-input');

    // A duplicate is the person's own profile, not part of the demo.
    expect(store.duplicate(demo.id).demoScenario).toBeNull();
  });
});

describe('names', () => {
  it('refuses a name over 100 characters instead of cutting it, and a long name keeps its copy marker', async () => {
    const store = new ProfileStore({ db, cipher: alwaysOpen(await PassphraseCipher.create('pass', FAST)), now, newId });
    const long = 'N'.repeat(101);
    expect(await codeOf(() => store.create({ label: long, endpoint: { kind: 'stable' } }))).toBe('invalid-input');
    expect(store.list()).toEqual([]);
    const full = await store.create({ label: 'M'.repeat(100), endpoint: { kind: 'stable' } });
    const copy = store.duplicate(full.id);
    expect(copy.label).toHaveLength(100);
    expect(copy.label.endsWith(' (copy)')).toBe(true);
  });
});

describe('migration 7', () => {
  it('keeps profiles and check preferences of an older database; they are no demo and have no mail identity yet', async () => {
    db.close();
    const path = join(dir, 'old.sqlite');
    const older = openDatabase({ path, migrations: STORE_MIGRATIONS.filter((m) => m.version < 7), now: () => 0 }).db;
    older
      .prepare(
        `INSERT INTO profiles (id, label, customer, endpoint_kind, endpoint_url, use_case, notes, created_at, updated_at)
         VALUES ('p1', 'Old', '', 'stable', 'https://api.onoffice.de/api/stable/api.php', 'website', '', 1, 1)`,
      )
      .run();
    older.prepare("INSERT INTO check_preferences (profile_id, website_language) VALUES ('p1', 'ENG')").run();
    older.close();

    db = openDatabase({ path, migrations: STORE_MIGRATIONS, now: () => 0 }).db;
    const store = new ProfileStore({ db, cipher: alwaysOpen(await PassphraseCipher.create('pass', FAST)), now, newId });
    expect(store.get('p1')).toMatchObject({ label: 'Old', demoScenario: null });
    const prefs = new CheckPreferenceStore(db);
    expect(prefs.get('p1')).toEqual({ language: 'ENG', mailIdentity: null });

    // Each preference is set on its own; the other stays.
    expect(prefs.setMailIdentity('p1', 'website@example.com')).toBe(true);
    expect(prefs.get('p1')).toEqual({ language: 'ENG', mailIdentity: 'website@example.com' });
    expect(prefs.setLanguage('p1', null)).toBe(true);
    expect(prefs.get('p1')).toEqual({ language: null, mailIdentity: 'website@example.com' });
    expect(prefs.setMailIdentity('gone', 'x@example.com')).toBe(false);
  });
});
