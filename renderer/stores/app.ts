/** Which host runs the app and which area the person is in. */
import { create } from 'zustand';
import type { AppInfo, BoundaryError } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';

export type Area = 'profiles' | 'checks' | 'fields' | 'journal' | 'settings';
export const AREAS: readonly Area[] = ['profiles', 'checks', 'fields', 'journal', 'settings'];

interface AppState {
  info: AppInfo | null;
  area: Area;
  load(): Promise<BoundaryError | null>;
  go(area: Area): void;
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
}));
