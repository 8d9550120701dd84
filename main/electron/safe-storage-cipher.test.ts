import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../store/errors.ts';
import { SafeStorageCipher, type AsyncSafeStorage } from './safe-storage-cipher.ts';
import { codeOf } from '../../tests/support/errors.ts';

type Backend = ReturnType<AsyncSafeStorage['getSelectedStorageBackend']>;

/**
 * A stand-in for Electron's safeStorage: no OS key store exists where these tests run, so node:crypto plays the
 * key store. `rotate()` switches to a new key while still reading the old one, which is when the real one answers
 * `shouldReEncrypt: true`.
 */
function standInSafeStorage(backend: Backend, available = true) {
  let current = randomBytes(32);
  const retired: Buffer[] = [];
  const calls: string[] = [];
  const storage: AsyncSafeStorage = {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain) => {
      calls.push('encryptStringAsync');
      const iv = randomBytes(12);
      const gcm = createCipheriv('aes-256-gcm', current, iv);
      const body = Buffer.concat([gcm.update(plain, 'utf8'), gcm.final()]);
      return Buffer.concat([iv, body, gcm.getAuthTag()]);
    },
    decryptStringAsync: async (sealed) => {
      calls.push('decryptStringAsync');
      for (const key of [current, ...retired]) {
        try {
          const gcm = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
          gcm.setAuthTag(sealed.subarray(sealed.length - 16));
          const result = Buffer.concat([gcm.update(sealed.subarray(12, sealed.length - 16)), gcm.final()]).toString('utf8');
          return { result, shouldReEncrypt: key !== current };
        } catch {
          // try the next key
        }
      }
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
    },
  };
  return {
    storage,
    calls,
    rotate: () => {
      retired.push(current);
      current = randomBytes(32);
    },
    forget: () => {
      retired.length = 0;
      current = randomBytes(32);
    },
  };
}

const PLAIN = JSON.stringify({ token: 'a'.repeat(32), secret: 'b'.repeat(64) });

describe('SafeStorageCipher', () => {
  it('round-trips through the async API and names the backend', async () => {
    const fake = standInSafeStorage('gnome_libsecret');
    const cipher = await SafeStorageCipher.create(fake.storage, { platform: 'linux' });
    const sealed = await cipher.encrypt(PLAIN);
    expect(sealed).toMatchObject({ cipher: 'safestorage', backend: 'gnome_libsecret' });
    expect(Buffer.from(sealed.data, 'base64').toString('latin1')).not.toContain('aaaa');
    expect(await cipher.decrypt(sealed)).toEqual({ plain: PLAIN, shouldReEncrypt: false });
    expect(new Set(fake.calls)).toEqual(new Set(['encryptStringAsync', 'decryptStringAsync']));
  });

  it('passes shouldReEncrypt on when the key store has rotated its key', async () => {
    const fake = standInSafeStorage('kwallet6');
    const cipher = await SafeStorageCipher.create(fake.storage, { platform: 'linux' });
    const sealed = await cipher.encrypt(PLAIN);
    fake.rotate();
    expect(await cipher.decrypt(sealed)).toEqual({ plain: PLAIN, shouldReEncrypt: true });
    expect(await cipher.decrypt(await cipher.encrypt(PLAIN))).toEqual({ plain: PLAIN, shouldReEncrypt: false });
  });

  it('refuses basic_text unless weak storage was accepted', async () => {
    const fake = standInSafeStorage('basic_text');
    const refused = await SafeStorageCipher.create(fake.storage, { platform: 'linux' }).catch((e: StoreError) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('weak-storage');
    expect((refused as StoreError).message).toMatch(/app passphrase/);

    const accepted = await SafeStorageCipher.create(fake.storage, { platform: 'linux', allowWeakStorage: true });
    expect(accepted.backend).toBe('basic_text');
    expect((await accepted.decrypt(await accepted.encrypt(PLAIN))).plain).toBe(PLAIN);
  });

  it('names the platform key store outside Linux', async () => {
    const fake = standInSafeStorage('unknown');
    expect((await SafeStorageCipher.create(fake.storage, { platform: 'darwin' })).backend).toBe('keychain');
    expect((await SafeStorageCipher.create(fake.storage, { platform: 'win32' })).backend).toBe('dpapi');
  });

  it('reports an unavailable key store as a typed error', async () => {
    const fake = standInSafeStorage('gnome_libsecret', false);
    expect(await codeOf(() => SafeStorageCipher.create(fake.storage, { platform: 'linux' }))).toBe('encryption-unavailable');
  });

  it('refuses data written by another backend and reports a lost key as unreadable', async () => {
    const fake = standInSafeStorage('gnome_libsecret');
    const cipher = await SafeStorageCipher.create(fake.storage, { platform: 'linux' });
    const sealed = await cipher.encrypt(PLAIN);
    expect(await codeOf(() => cipher.decrypt({ ...sealed, backend: 'kwallet5' }))).toBe('key-mismatch');
    fake.forget();
    expect(await codeOf(() => cipher.decrypt(sealed))).toBe('unreadable');
  });
});
