import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from './menu.ts';

// Stand-in for the electron module: its binary cannot run under Node here. The template is plain data and never touches Menu.
vi.mock('electron', () => ({ Menu: {} }));

const actions = { lockNow: () => undefined, openExternal: () => undefined };
const labels = (language: 'de' | 'en') =>
  menuTemplate({ language, isDev: false, isMac: false, appName: 'API User Desk' }, actions).flatMap((m) => [
    m.label,
    ...(Array.isArray(m.submenu) ? m.submenu.map((i) => i.label).filter((l) => l !== undefined) : []),
  ]);

describe('the application menu', () => {
  it('takes its texts from the catalogue in the app\'s language', () => {
    expect(labels('de')).toEqual(expect.arrayContaining(['Datei', 'Jetzt sperren', 'Bearbeiten', 'Hilfe', 'Über API User Desk']));
    expect(labels('en')).toEqual(expect.arrayContaining(['File', 'Lock now', 'Edit', 'Help', 'About API User Desk']));
    expect(labels('de').every((l) => typeof l === 'string' && l !== '' && !l.startsWith('menu.'))).toBe(true);
  });
});
