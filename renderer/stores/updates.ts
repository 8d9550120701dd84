/** The desktop app's updater as main reports it, and the person's "later" for a downloaded update. */
import { create } from 'zustand';
import type { BoundaryError, UpdateView } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';

interface UpdatesState {
  view: UpdateView | null;
  /** The downloaded version put off with "later": its banner stays hidden until the next start or a newer download. */
  dismissed: string | null;
  checking: boolean;
  load(): Promise<BoundaryError | null>;
  apply(view: UpdateView): void;
  checkNow(): Promise<BoundaryError | null>;
  restart(): Promise<BoundaryError | null>;
  later(): void;
}

/** Counts the views main pushed: an answer that arrives after a newer pushed view must not replace it. */
let pushed = 0;

export const useUpdatesStore = create<UpdatesState>()((set, get) => ({
  view: null,
  dismissed: null,
  checking: false,
  async load() {
    const before = pushed;
    const r = await getDesk().updateGet({});
    if (!r.ok) return r.error;
    if (pushed === before) set({ view: r.value });
    return null;
  },
  apply(view) {
    pushed += 1;
    set({ view });
  },
  async checkNow() {
    const before = pushed;
    set({ checking: true });
    const r = await getDesk().updateCheckNow({});
    set({ checking: false, ...(r.ok && pushed === before ? { view: r.value } : {}) });
    return r.ok ? null : r.error;
  },
  async restart() {
    const r = await getDesk().updateRestart({});
    return r.ok ? null : r.error;
  },
  later() {
    const state = get().view?.state;
    if (state?.status === 'ready') set({ dismissed: state.version });
  },
}));
