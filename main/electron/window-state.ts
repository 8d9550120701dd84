/**
 * Remembers the window's position and size in a small JSON file. A corrupt file, absurd sizes or a position on a
 * display that is gone are ignored: the window then opens centred at its default size.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  /** Absent: let the system centre the window. */
  position?: { x: number; y: number };
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_SIZE = { width: 880, height: 600 };
const MAX_SIZE = 16_384;
/** How much of the window's top must lie on a display to count as reachable (enough to grab the title bar). */
const VISIBLE = { width: 120, height: 40 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const sizeOk = (v: unknown, min: number): v is number => isInt(v) && v >= min && v <= MAX_SIZE;

function reachable(x: number, y: number, width: number, workAreas: readonly Rectangle[]): boolean {
  return workAreas.some((area) => {
    const overlapWidth = Math.min(x + width, area.x + area.width) - Math.max(x, area.x);
    const overlapHeight = Math.min(y + VISIBLE.height, area.y + area.height) - Math.max(y, area.y);
    return overlapWidth >= VISIBLE.width && overlapHeight >= VISIBLE.height;
  });
}

/** The saved state, checked against the displays' work areas; anything unusable falls back to the default. */
export function parseWindowState(raw: string, workAreas: readonly Rectangle[]): WindowState {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  if (typeof data !== 'object' || data === null) return DEFAULT_WINDOW_STATE;
  const { x, y, width, height, maximized } = data as Record<string, unknown>;
  if (!sizeOk(width, MIN_SIZE.width) || !sizeOk(height, MIN_SIZE.height)) return DEFAULT_WINDOW_STATE;
  const state: WindowState = { width, height, maximized: maximized === true };
  if (isInt(x) && isInt(y) && reachable(x, y, width, workAreas)) state.position = { x, y };
  return state;
}

export function readWindowState(file: string, workAreas: readonly Rectangle[]): WindowState {
  try {
    return parseWindowState(readFileSync(file, 'utf8'), workAreas);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Written at close, synchronously, so it is on disk before the process ends; a failure only loses the size. */
export function writeWindowState(file: string, win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): void {
  const { x, y, width, height } = win.getNormalBounds();
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify({ x, y, width, height, maximized: win.isMaximized() }));
    renameSync(`${file}.tmp`, file);
  } catch (e) {
    console.warn('Could not save the window position:', e);
  }
}
