/**
 * Files the window hands to a download (backups, check reports) are written by Electron, with the system's default
 * mode. A backup names customers and endpoints and a report names the profile: once a download is complete, the file
 * is made readable by its owner only (0600), as the database and journal exports are. Where the OS has no file modes
 * (Windows) nothing changes.
 */
import { chmod } from 'node:fs/promises';

/** What this needs of an Electron DownloadItem. */
export interface DownloadItemLike {
  getSavePath(): string;
  once(event: 'done', listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void): unknown;
}

/** What this needs of an Electron Session. */
export interface DownloadSessionLike {
  on(event: 'will-download', listener: (event: unknown, item: DownloadItemLike) => void): unknown;
}

export function protectDownloads(
  session: DownloadSessionLike,
  options: { platform?: string; setMode?: (file: string, mode: number) => Promise<void>; onError?: (error: unknown) => void } = {},
): void {
  if ((options.platform ?? process.platform) === 'win32') return;
  const setMode = options.setMode ?? ((file: string, mode: number) => chmod(file, mode));
  session.on('will-download', (_event, item) => {
    item.once('done', (_done, state) => {
      const file = item.getSavePath();
      if (state !== 'completed' || file === '') return;
      setMode(file, 0o600).catch((e: unknown) => options.onError?.(e));
    });
  });
}
