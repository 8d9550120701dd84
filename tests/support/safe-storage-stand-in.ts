import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AsyncSafeStorage } from '../../main/electron/safe-storage-cipher.ts';

type Backend = ReturnType<AsyncSafeStorage['getSelectedStorageBackend']>;

/**
 * A stand-in for Electron's safeStorage: no OS key store exists where these tests run, so node:crypto plays the
 * key store. `rotate()` switches to a new key while still reading the old one, which is when the real one answers
 * `shouldReEncrypt: true`.
 */
export function standInSafeStorage(backend: Backend, available = true) {
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

