import { describe, expect, it } from 'vitest';
import { StoreError } from '../store/errors.ts';
import { SafeStorageCipher } from './safe-storage-cipher.ts';
import { codeOf } from '../../tests/support/errors.ts';
import { standInSafeStorage } from '../../tests/support/safe-storage-stand-in.ts';

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
