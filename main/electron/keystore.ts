/**
 * The OS key store as the services see it: Electron's safeStorage behind SafeStorageCipher (asynchronous API
 * only). Linux's `basic_text` backend is a key built into Electron, i.e. no protection, and is refused unless the
 * person accepted it.
 */
import { StoreError } from '../store/errors.ts';
import type { KeyStoreCipherSource } from '../api/app-types.ts';
import { SafeStorageCipher, type AsyncSafeStorage } from './safe-storage-cipher.ts';

function backendName(storage: AsyncSafeStorage, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  if (platform !== 'linux') return platform;
  try {
    return storage.getSelectedStorageBackend();
  } catch {
    return 'unknown';
  }
}

export function createKeyStore(storage: AsyncSafeStorage, platform: NodeJS.Platform): KeyStoreCipherSource {
  return {
    async open({ allowWeak }) {
      try {
        return { ok: true, cipher: await SafeStorageCipher.create(storage, { platform, allowWeakStorage: allowWeak }) };
      } catch (e) {
        if (e instanceof StoreError && (e.code === 'weak-storage' || e.code === 'encryption-unavailable')) {
          return { ok: false, code: e.code, backend: backendName(storage, platform) };
        }
        throw e;
      }
    },
  };
}
