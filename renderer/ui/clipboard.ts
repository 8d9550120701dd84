/**
 * Copies text that is no secret (a field name). The desktop app's window may not touch the clipboard itself (it is
 * granted no permission), so main copies; a browser page copies with the browser's clipboard.
 */
import { getDesk } from '../desk.ts';
import { useAppStore } from '../stores/app.ts';

/** True when the text is on the clipboard. */
export async function copyText(text: string): Promise<boolean> {
  if (useAppStore.getState().info?.host === 'electron') return (await getDesk().clipboardCopyText({ text })).ok;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
