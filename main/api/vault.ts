/**
 * The vault domain: which cipher seals the secrets (the OS key store, or the app passphrase), locking and unlocking,
 * and setting or changing the passphrase with every secret re-sealed in one transaction.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { VaultView } from '../../preload/contract.ts';
import { T } from '../domain/i18n/index.ts';
import { inTransaction } from '../store/database.ts';
import type { ProfileStore } from '../store/profiles.ts';
import type { CipherId, CipherSource, ScryptParams, SecretCipher } from '../store/secrets.ts';
import { Vault } from '../store/vault.ts';
import type { KeyStoreCipherSource } from './app-types.ts';
import type { Emit } from './context.ts';
import { BoundaryFailure, type Handlers } from './dispatch.ts';
import type { SettingsStore } from './settings.ts';

/** Seals with the OS key store unless the person chose an app passphrase (or no usable key store exists). */
export class ActiveCipher implements CipherSource {
  keyStore: SecretCipher | null = null;
  readonly vault: Vault;
  constructor(vault: Vault) {
    this.vault = vault;
  }
  get mode(): 'safestorage' | 'passphrase' {
    return this.keyStore !== null && !this.vault.hasPassphrase ? 'safestorage' : 'passphrase';
  }
  get id(): CipherId {
    return this.mode === 'safestorage' ? (this.keyStore as SecretCipher).id : this.vault.id;
  }
  get backend(): string {
    return this.mode === 'safestorage' ? (this.keyStore as SecretCipher).backend : this.vault.backend;
  }
  current(): SecretCipher {
    return this.mode === 'safestorage' ? (this.keyStore as SecretCipher) : this.vault.current();
  }
}

export type VaultHandlers = Pick<Handlers, 'vaultState' | 'vaultSetPassphrase' | 'vaultUnlock' | 'vaultLock' | 'vaultAcceptWeakStorage'>;

export interface VaultService {
  vault: Vault;
  cipher: ActiveCipher;
  /** True while the app passphrase protects the secrets and is not entered. */
  locked(): boolean;
  view(): VaultView;
  /** The handlers need the profiles (to re-seal them), which need the cipher: they are made once both exist. */
  handlers(profiles: ProfileStore): VaultHandlers;
}

export interface VaultServiceOptions {
  db: DatabaseSync;
  settings: SettingsStore;
  now: () => number;
  emit: Emit;
  keyStore?: KeyStoreCipherSource;
  scrypt?: ScryptParams;
}

export async function createVaultService(options: VaultServiceOptions): Promise<VaultService> {
  const { db, settings, emit } = options;
  const vault = new Vault({ db, idleMinutes: settings.get().autoLockMinutes, now: options.now, scrypt: options.scrypt, timers: { setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) } });
  const cipher = new ActiveCipher(vault);
  let weakStorageRefused = false;
  let keyStoreBackend: string | null = null;

  async function openKeyStore(): Promise<void> {
    if (!options.keyStore) return;
    const opened = await options.keyStore.open({ allowWeak: settings.weakStorageAccepted });
    if (opened.ok) {
      cipher.keyStore = opened.cipher;
      keyStoreBackend = opened.cipher.backend;
      weakStorageRefused = false;
    } else {
      keyStoreBackend = opened.backend;
      weakStorageRefused = opened.code === 'weak-storage';
    }
  }
  await openKeyStore();

  const locked = (): boolean => cipher.mode === 'passphrase' && vault.locked;
  const view = (): VaultView => ({
    locked: locked(),
    mode: cipher.mode,
    backend: cipher.mode === 'safestorage' ? cipher.backend : vault.backend,
    passphraseSet: vault.hasPassphrase,
    keyStoreBackend,
    weakStorageRefused: weakStorageRefused && !vault.hasPassphrase,
    autoLockMinutes: settings.get().autoLockMinutes,
  });
  vault.onLockChange(() => emit('vaultChanged', view()));

  const handlers = (profiles: ProfileStore): VaultHandlers => ({
    vaultState: async () => view(),
    vaultSetPassphrase: async ({ passphrase, current }) => {
      if (vault.hasPassphrase) {
        if (current === undefined) throw new BoundaryFailure('passphrase-exists', T('errors.boundary.passphraseExists'));
        const prepared = await vault.prepareChange(current, passphrase);
        // Reading the secrets needs the current key: unlock with the passphrase just verified.
        if (vault.locked) await vault.unlock(current);
        const resealed = await profiles.resealAllWith(prepared.cipher);
        // All or nothing: a crash before the commit leaves the old passphrase and the old seals in force.
        inTransaction(db, () => {
          profiles.writeResealed(resealed);
          vault.writeChange(prepared);
        });
        vault.adopt(prepared);
        return view();
      }
      // The first passphrase takes over from the OS key store: its secrets are re-sealed and stored together with
      // the passphrase check in one transaction, so a failure leaves everything as it was.
      const prepared = await vault.prepareSetUp(passphrase);
      const resealed = cipher.mode === 'safestorage' ? await profiles.resealAllWith(prepared.cipher) : [];
      inTransaction(db, () => {
        profiles.writeResealed(resealed);
        vault.writeSetUp(prepared);
      });
      vault.adopt(prepared);
      return view();
    },
    vaultUnlock: async ({ passphrase }) => {
      await vault.unlock(passphrase);
      return view();
    },
    vaultLock: async () => {
      vault.lock('manual');
      return view();
    },
    vaultAcceptWeakStorage: async () => {
      if (!options.keyStore) throw new BoundaryFailure('no-key-store', T('error.no-key-store'));
      settings.acceptWeakStorage();
      await openKeyStore();
      emit('vaultChanged', view());
      return view();
    },
  });

  return { vault, cipher, locked, view, handlers };
}
