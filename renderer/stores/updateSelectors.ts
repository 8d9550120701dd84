/** What the update banner and the settings section show, derived from main's update view. */
import type { UpdateState, UpdateView } from '../../preload/contract.ts';
import type { MessageKey } from '../i18n/index.ts';

/** The version the banner offers to restart into, or null: only a downloaded update the person has not put off. */
export function bannerVersion(view: UpdateView | null, dismissed: string | null): string | null {
  if (view?.state.status !== 'ready') return null;
  return view.state.version === dismissed ? null : view.state.version;
}

/** "Check now" makes sense unless updates cannot work here or a check, download or install is already under way. */
export const canCheckNow = (state: UpdateState): boolean => !['disabled', 'checking', 'available', 'downloading', 'ready'].includes(state.status);

/** The sentence for a state, with its values. */
export function updateStatusText(state: UpdateState): { key: MessageKey; values?: Record<string, string | number> } {
  switch (state.status) {
    case 'idle':
      return { key: 'updates.state.idle' };
    case 'checking':
      return { key: 'updates.state.checking' };
    case 'available':
      return { key: 'updates.state.available', values: { version: state.version } };
    case 'downloading':
      return { key: 'updates.state.downloading', values: { version: state.version, percent: state.percent } };
    case 'ready':
      return { key: 'updates.state.ready', values: { version: state.version } };
    case 'not-available':
      return { key: 'updates.state.not-available' };
    case 'error':
      return { key: `updates.error.${state.kind}` };
    case 'disabled':
      return { key: `updates.disabled.${state.reason}` };
  }
}
