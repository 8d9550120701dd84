/** The vault's state as main reports it. Passphrases pass through the actions to main and are never kept here. */
import { create } from 'zustand';
import type { BoundaryError, Result, VaultView } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';

interface VaultState {
  vault: VaultView | null;
  load(): Promise<BoundaryError | null>;
  setPassphrase(passphrase: string): Promise<BoundaryError | null>;
  /** Re-seals every secret under a new passphrase; main checks `current` first. */
  changePassphrase(current: string, passphrase: string): Promise<BoundaryError | null>;
  unlock(passphrase: string): Promise<BoundaryError | null>;
  lock(): Promise<BoundaryError | null>;
  acceptWeakStorage(): Promise<BoundaryError | null>;
  /** From the `vaultChanged` event (auto-lock, lock from elsewhere). */
  apply(vault: VaultView): void;
}

export const useVaultStore = create<VaultState>()((set) => {
  const take = (r: Result<VaultView>): BoundaryError | null => {
    if (!r.ok) return r.error;
    set({ vault: r.value });
    return null;
  };
  return {
    vault: null,
    load: async () => take(await getDesk().vaultState({})),
    setPassphrase: async (passphrase) => take(await getDesk().vaultSetPassphrase({ passphrase })),
    changePassphrase: async (current, passphrase) => take(await getDesk().vaultSetPassphrase({ passphrase, current })),
    unlock: async (passphrase) => take(await getDesk().vaultUnlock({ passphrase })),
    lock: async () => take(await getDesk().vaultLock({})),
    acceptWeakStorage: async () => take(await getDesk().vaultAcceptWeakStorage({ accept: true })),
    apply: (vault) => set({ vault }),
  };
});
