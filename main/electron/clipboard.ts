/**
 * Copies a credential to the clipboard and clears it again after a while, but only if the clipboard still holds
 * that text: whatever the person copied since is left alone. Text that is no secret is copied and left.
 */
import type { Clipboard } from 'electron';
import type { ClipboardAdapter } from '../api/app-types.ts';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ClearingClipboard extends ClipboardAdapter {
  /** Clears a pending copy now (at quit), under the same condition. */
  clearNow(): Promise<void>;
}

const report = (e: unknown) => console.error('Clipboard:', e);

export function createClipboardAdapter(clipboard: Pick<Clipboard, 'writeText' | 'readText' | 'clear'>, timers: Timers = systemTimers): ClearingClipboard {
  let pending: { text: string; timer: unknown; written: Promise<void> } | null = null;
  const clearIfUnchanged = async () => {
    if (pending === null) return;
    const { text, timer, written } = pending;
    pending = null;
    timers.clearTimeout(timer);
    await written;
    if ((await clipboard.readText()) === text) clipboard.clear();
  };
  return {
    copyAndClear(text, clearAfterMs) {
      if (pending !== null) timers.clearTimeout(pending.timer);
      const written = clipboard.writeText(text).catch(report);
      pending = { text, written, timer: timers.setTimeout(() => void clearIfUnchanged().catch(report), clearAfterMs) };
    },
    copy(text) {
      // A pending credential clear still runs: it only clears the clipboard if it holds that credential.
      clipboard.writeText(text).catch(report);
    },
    clearNow: () => clearIfUnchanged().catch(report),
  };
}
