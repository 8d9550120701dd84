/** Which host runs the app and which area the person is in. */
import { create } from 'zustand';
import type { AppInfo, BoundaryError } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';

export type Area = 'profiles' | 'guide' | 'checks' | 'fields' | 'journal' | 'settings';
/** The areas the navigation lists; the setup guide is reached from a profile ("Set up a new API user", "Continue setup"). */
export const AREAS: readonly Area[] = ['profiles', 'checks', 'fields', 'journal', 'settings'];

interface AppState {
  info: AppInfo | null;
  area: Area;
  load(): Promise<BoundaryError | null>;
  go(area: Area): void;
  /** The profile the setup guide walks through; null: the guide starts with a new API user. */
  guideProfileId: string | null;
  /** Opens the setup guide for a profile (resuming where it stopped), or for a new API user. */
  openGuide(profileId: string | null): void;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  area: 'profiles',
  async load() {
    const r = await getDesk().appInfo({});
    if (!r.ok) return r.error;
    set({ info: r.value });
    return null;
  },
  go: (area) => set({ area }),
  guideProfileId: null,
  openGuide: (profileId) => set({ area: 'guide', guideProfileId: profileId }),
}));
