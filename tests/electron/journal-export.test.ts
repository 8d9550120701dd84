/**
 * The desktop journal export over the Electron stand-in: the save dialog on the app window, the rows written to
 * the chosen file (mode 0600) as they are read, progress events to the window, and cancelling.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, ipcEvent, type EventPayloads } from '../../preload/contract.ts';
import { createAppServices, DATABASE_FILE } from '../../main/api/app.ts';
import type { AppServices } from '../../main/api/app-types.ts';
import { openDatabase } from '../../main/store/database.ts';
import { seedJournal } from '../../main/store/fixtures/seed-journal.ts';
import { Journal } from '../../main/store/journal.ts';
import { STORE_MIGRATIONS } from '../../main/store/schema.ts';

vi.mock('electron', () => import('./electron-stand-in.ts'));

const standIn = await import('./electron-stand-in.ts');
const { registerIpc } = await import('../../main/electron/ipc.ts');
const { createSaveDialog } = await import('../../main/electron/save-dialog.ts');

type Progress = EventPayloads['journalExportProgress'];

let dir: string;
let services: AppServices;
let unregister: () => void;
let win: InstanceType<typeof standIn.BrowserWindow>;
let csvInMemory: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-electron-export-'));
  const dataDir = path.join(dir, 'data');
  const { db } = openDatabase({ path: path.join(dataDir, DATABASE_FILE), migrations: STORE_MIGRATIONS, now: Date.now });
  const journal = new Journal({ db, now: Date.now });
  seedJournal(journal, { exchanges: 100, actionsPerExchange: 50, startedAt: Date.now() - 3_600_000 });
  csvInMemory = [...journal.exportCsv()].join('');
  db.close();
  win = new standIn.BrowserWindow({});
  services = await createAppServices({
    host: 'electron',
    appVersion: '0.0.0-test',
    platform: 'linux',
    dataDir,
    saveDialog: createSaveDialog(standIn.dialog as never, () => win as never, () => path.join(dir, 'Downloads')),
  });
  standIn.ipcMain.handlers.clear();
  unregister = registerIpc({
    ipcMain: standIn.ipcMain as never,
    services,
    window: () => win as never,
    isAppUrl: (url) => url.startsWith('app://desk/'),
    onSettingsChanged: () => undefined,
  });
});
afterEach(async () => {
  unregister();
  await services.close();
  standIn.dialog.saveAnswers.length = 0;
  standIn.dialog.saveRequests.length = 0;
  rmSync(dir, { recursive: true, force: true });
});

/** A call as the preload makes it, from the app window. */
const invoke = (channel: 'journalExport' | 'journalExportCancel', request: unknown) =>
  standIn.ipcMain.handlers.get(ipcChannel(channel))?.({ sender: win.webContents, senderFrame: { url: 'app://desk/index.html' } }, request) as Promise<unknown>;

const progressSent = (): Progress[] =>
  win.webContents.sent.filter((m) => m.channel === ipcEvent('journalExportProgress')).map((m) => m.payload as Progress);

describe('desktop journal export', () => {
  it('asks where to save on the app window, and does nothing when the dialog is dismissed', async () => {
    expect(await invoke('journalExport', { format: 'csv', filter: {}, exportId: 'dismissed-1' })).toEqual({
      ok: true,
      value: { state: 'dismissed', fileName: null, rows: 0 },
    });
    const asked = standIn.dialog.saveRequests[0];
    expect(asked?.window).toBe(win);
    expect(asked?.options.defaultPath).toMatch(new RegExp(`^${path.join(dir, 'Downloads').replaceAll('\\', '\\\\')}.api-user-desk-journal-[0-9-]+\\.csv$`));
    expect(asked?.options.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    expect(progressSent()).toEqual([]);
  });

  it('writes the chosen file as rows are read, owner-only, with progress events up to the total', async () => {
    const target = path.join(dir, 'chosen.csv');
    standIn.dialog.saveAnswers.push({ canceled: false, filePath: target });
    expect(await invoke('journalExport', { format: 'csv', filter: {}, exportId: 'written-1' })).toEqual({
      ok: true,
      value: { state: 'written', fileName: 'chosen.csv', rows: 5000 },
    });
    expect(readFileSync(target, 'utf8')).toBe(csvInMemory);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const progress = progressSent();
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((p) => p.exportId === 'written-1' && p.total === 5000)).toBe(true);
    const written = progress.map((p) => p.written);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ state: 'done', written: 5000 });
  });

  it('stops on cancel and removes the unfinished file', async () => {
    const target = path.join(dir, 'cancelled.jsonl');
    standIn.dialog.saveAnswers.push({ canceled: false, filePath: target });
    let asked = false;
    services.onEvent((event, payload) => {
      if (event !== 'journalExportProgress' || asked || (payload as Progress).written === 0) return;
      asked = true;
      void invoke('journalExportCancel', { exportId: 'cancel-1' }).then((answer) => expect(answer).toEqual({ ok: true, value: { cancelled: true } }));
    });
    const answer = (await invoke('journalExport', { format: 'jsonl', filter: {}, exportId: 'cancel-1' })) as { ok: true; value: { state: string; rows: number } };
    expect(answer.value.state).toBe('cancelled');
    expect(answer.value.rows).toBeLessThan(5000);
    expect(existsSync(target)).toBe(false);
    expect(progressSent().at(-1)).toMatchObject({ exportId: 'cancel-1', state: 'cancelled' });
    expect(await invoke('journalExportCancel', { exportId: 'cancel-1' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
