/**
 * The application menu, in the language of the app's settings (texts from the catalogue). Help links go only to
 * the allowlisted onOffice pages.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Settings } from '../../preload/contract.ts';
import { translate, type Language } from '../domain/i18n/catalogue.ts';

export interface MenuOptions {
  language: Settings['language'];
  /** Development build: adds reload and developer tools. */
  isDev: boolean;
  isMac: boolean;
  appName: string;
}

export interface MenuActions {
  lockNow(): void;
  openExternal(url: string): void;
}

/** The menu's texts come from the catalogue (section ui, `menu.*`), in the app's language. */
const LABEL_KEYS = [
  'file', 'lockNow', 'close', 'quit', 'edit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'view', 'reload',
  'devTools', 'resetZoom', 'zoomIn', 'zoomOut', 'fullscreen', 'help', 'apiDoc', 'enterpriseHelp', 'status', 'about',
] as const;
type LabelKey = (typeof LABEL_KEYS)[number];

export function menuLabels(language: Language): Record<LabelKey, string> {
  return Object.fromEntries(LABEL_KEYS.map((k) => [k, translate(language, `menu.${k}`)])) as Record<LabelKey, string>;
}

export const HELP_LINKS = {
  apiDoc: 'https://apidoc.onoffice.de/',
  enterpriseHelp: { de: 'https://de.enterprisehilfe.onoffice.com/', en: 'https://en.enterprisehilfe.onoffice.com/' },
  status: 'https://status.onoffice.de/',
} as const;

export function menuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = menuLabels(options.language);
  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { label: t.lockNow, accelerator: 'CmdOrCtrl+L', click: () => actions.lockNow() },
      { type: 'separator' },
      options.isMac ? { role: 'close', label: t.close } : { role: 'quit', label: t.quit },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      { type: 'separator' },
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  };
  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devTools }, { type: 'separator' }]
    : [];
  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      ...devItems,
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t.fullscreen },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [
      { label: t.apiDoc, click: () => actions.openExternal(HELP_LINKS.apiDoc) },
      { label: t.enterpriseHelp, click: () => actions.openExternal(HELP_LINKS.enterpriseHelp[options.language]) },
      { label: t.status, click: () => actions.openExternal(HELP_LINKS.status) },
      // macOS has it in the app menu.
      ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'about', label: t.about } as const]),
    ],
  };
  const appMenu: MenuItemConstructorOptions[] = options.isMac ? [{ label: options.appName, role: 'appMenu' }] : [];
  return [...appMenu, file, edit, view, help];
}

export function applyMenu(options: MenuOptions, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options, actions)));
}
