/**
 * Seals secrets with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet), through the asynchronous API
 * only: the synchronous one is deprecated in Electron 45 and removed in 46. The safeStorage object is injected so
 * the composition root owns the `electron` import and tests can stand in for it.
 */
import type { SafeStorage } from 'electron';
import { StoreError } from '../store/errors.ts';
import { assertSealedBy, type Opened, type Sealed, type SecretCipher } from '../store/secrets.ts';

export type AsyncSafeStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface SafeStorageOptions {
  /** process.platform of the running app; the backend is only selectable (and only weak) on Linux. */
  platform: NodeJS.Platform;
  /** The person has accepted that `basic_text` (a key built into the app, i.e. no real protection) is used. */
  allowWeakStorage?: boolean;
}

const PLATFORM_BACKENDS: Partial<Record<NodeJS.Platform, string>> = { darwin: 'keychain', win32: 'dpapi' };

export class SafeStorageCipher implements SecretCipher {
  readonly id = 'safestorage' as const;
  readonly backend: string;
  readonly #storage: AsyncSafeStorage;

  private constructor(storage: AsyncSafeStorage, backend: string) {
    this.#storage = storage;
    this.backend = backend;
  }

  /**
   * Checks that the OS key store works and names its backend. Throws `encryption-unavailable`, or `weak-storage`
   * for Linux's `basic_text` unless the person opted in.
   */
  static async create(storage: AsyncSafeStorage, options: SafeStorageOptions): Promise<SafeStorageCipher> {
    if (!(await storage.isAsyncEncryptionAvailable())) {
      throw new StoreError(
        'encryption-unavailable',
        "The system's password store is not available. Set an app passphrase to keep the credentials safe.",
      );
    }
    const backend = options.platform === 'linux' ? storage.getSelectedStorageBackend() : (PLATFORM_BACKENDS[options.platform] ?? options.platform);
    if (backend === 'basic_text' && options.allowWeakStorage !== true) {
      throw new StoreError(
        'weak-storage',
        'No system password store (such as GNOME Keyring or KWallet) was found, so credentials would only be hidden, not protected. Set an app passphrase, or accept weak storage explicitly in the settings.',
      );
    }
    if (backend === 'unknown') {
      throw new StoreError('encryption-unavailable', "The system's password store cannot be used before the app has finished starting.");
    }
    return new SafeStorageCipher(storage, backend);
  }

  async encrypt(plain: string): Promise<Sealed> {
    const sealed = await this.#storage.encryptStringAsync(plain);
    return { cipher: this.id, backend: this.backend, data: sealed.toString('base64') };
  }

  async decrypt(sealed: Sealed): Promise<Opened> {
    assertSealedBy(this, sealed);
    try {
      const { result, shouldReEncrypt } = await this.#storage.decryptStringAsync(Buffer.from(sealed.data, 'base64'));
      return { plain: result, shouldReEncrypt };
    } catch (e) {
      throw new StoreError(
        'unreadable',
        "The system's password store could not unlock these credentials (its key may have changed). Re-enter them or restore them from a backup.",
        { cause: e },
      );
    }
  }
}
