/**
 * The save dialog behind journal exports: the person picks the file (a sheet on the app window), main writes it.
 * The rows never pass through the renderer.
 */
import path from 'node:path';
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import type { SaveDialogPort } from '../api/app-types.ts';
import { translate, type Language } from '../domain/i18n/catalogue.ts';

const FILTERS: Record<'jsonl' | 'csv', SaveDialogOptions['filters']> = {
  jsonl: [{ name: 'JSON Lines', extensions: ['jsonl'] }],
  csv: [{ name: 'CSV', extensions: ['csv'] }],
};

export function createSaveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  window: () => BrowserWindow | null,
  defaultFolder: () => string,
  /** The app's language now: the dialog's title and button follow it. */
  language: () => Language = () => 'en',
): SaveDialogPort {
  return {
    async choose(defaultName, format) {
      const options: SaveDialogOptions = {
        title: translate(language(), 'dialog.export.title'),
        buttonLabel: translate(language(), 'dialog.export.button'),
        defaultPath: path.join(defaultFolder(), defaultName),
        filters: FILTERS[format],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = window();
      const answer = win !== null && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
  };
}
