/** Follows the app's theme setting for native UI (menus, dialogs, scrollbars) and the window background. */
import type { NativeTheme } from 'electron';
import type { Settings } from '../../preload/contract.ts';

export function applyTheme(nativeTheme: Pick<NativeTheme, 'themeSource'>, theme: Settings['theme']): void {
  nativeTheme.themeSource = theme;
}

/** Painted before the renderer's first frame, so a dark theme does not flash white. */
export const windowBackground = (nativeTheme: Pick<NativeTheme, 'shouldUseDarkColors'>): string =>
  nativeTheme.shouldUseDarkColors ? '#1c1d21' : '#ffffff';
