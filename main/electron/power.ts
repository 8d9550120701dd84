/**
 * Locks the vault when the computer sleeps or the screen locks, and reports the person's activity in the window
 * to the auto-lock timer.
 */
import type { InputEvent, PowerMonitor, WebContents } from 'electron';
import type { AppServices } from '../api/app-types.ts';

const ACTIVITY: ReadonlySet<InputEvent['type']> = new Set([
  'mouseDown',
  'mouseMove',
  'mouseWheel',
  'keyDown',
  'rawKeyDown',
  'touchStart',
  'gestureScrollBegin',
]);

/** Input arrives many times a second; the auto-lock timer only needs to hear about it now and then. */
export const ACTIVITY_INTERVAL_MS = 5_000;

export function lockOnPowerEvents(powerMonitor: Pick<PowerMonitor, 'on'>, services: Pick<AppServices, 'lock'>): void {
  powerMonitor.on('suspend', () => services.lock('suspend'));
  powerMonitor.on('lock-screen', () => services.lock('screen-lock'));
}

export function reportActivity(contents: Pick<WebContents, 'on'>, services: Pick<AppServices, 'touch'>, now: () => number = Date.now): void {
  let last = Number.NEGATIVE_INFINITY;
  contents.on('input-event', (_event, input) => {
    if (!ACTIVITY.has(input.type)) return;
    const at = now();
    if (at - last < ACTIVITY_INTERVAL_MS) return;
    last = at;
    services.touch();
  });
}
