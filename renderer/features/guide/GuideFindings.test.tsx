/** @vitest-environment happy-dom */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { de, en } from '../../../main/domain/i18n/catalogue.ts';
import { T, join } from '../../../main/domain/i18n/text.ts';
import type { Finding } from '../../../preload/contract.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { answer, ok, requestsOf, resetStores } from '../../test/desk.ts';
import { GuideFindings } from './GuideFindings.tsx';

/** The clock finding as the engine makes it: texts as keys with parameters, fixed on this computer. */
const clockOff: Finding = {
  id: 'clock',
  status: 'fail',
  title: T('finding.connection.clock-is-off-too-far-136'),
  explanation: T('finding.connection.onoffice-accepts-at-most-clockwindowseconds-s', { clockWindowSeconds: 60 }),
  fix: join(T('note.clock-from-this-computer')),
  fixWhere: 'this-computer',
  evidence: { exchangeIds: ['x-3'], code: 136, message: 'Zeitstempel ungültig', request: 'read basicsettings' },
  heuristic: false,
};

/** A missing mailbox assignment: fixed in enterprise (a run stored before `fixWhere` existed has none: enterprise too). */
const notAssigned: Finding = {
  id: 'mailbox',
  status: 'warn',
  title: T('finding.mailbox.mailbox-probably-not-assigned'),
  explanation: T('finding.mailbox.emailinfo-rejects-the-identity-errorcode-it', { errorcode: 51 }),
  fix: T('finding.mailbox.assign-fix', { mailboxPath: T('path.mailbox') }),
  evidence: { code: 51, message: 'Identität nicht zugewiesen' },
  heuristic: true,
};

const connected: Finding = {
  id: 'connection',
  status: 'pass',
  title: T('finding.connection.connected-to-the-api'),
  explanation: T('finding.connection.endpointhost-answered-with-an-api-answer', { endpointHost: 'api.onoffice.de' }),
  fix: null,
  evidence: { request: 'read basicsettings' },
  heuristic: false,
};

const itemOf = (id: string): HTMLElement => {
  const item = document.querySelector<HTMLElement>(`[data-finding-id="${id}"]`);
  if (item === null) throw new Error(`no finding ${id} shown`);
  return item;
};

beforeEach(() => resetStores('de'));
afterEach(cleanup);

describe('the guide’s findings', () => {
  it('renders the same findings in German and, after switching, in English', async () => {
    answer({ settingsSet: (patch) => ok({ ...useSettingsStore.getState().settings, ...patch }) });
    render(<GuideFindings findings={[clockOff]} label="Ergebnis" />);
    const item = itemOf('clock');
    expect(within(item).getByText('Uhrzeit weicht zu stark ab (136)')).toBeTruthy();
    expect(item.textContent).toContain(de['finding.connection.onoffice-accepts-at-most-clockwindowseconds-s'].replace('{clockWindowSeconds}', '60'));
    expect(item.textContent).toContain(de['note.clock-from-this-computer']);
    expect(within(item).getByText(de['check.status.fail'])).toBeTruthy();

    await act(async () => {
      await useSettingsStore.getState().update({ language: 'en' });
    });
    expect(requestsOf('settingsSet')).toEqual([{ language: 'en' }]);
    expect(within(item).getByText('Clock is off too far (136)')).toBeTruthy();
    expect(item.textContent).toContain('onOffice accepts at most ±60 s.');
    expect(item.textContent).toContain(en['note.clock-from-this-computer']);
    expect(within(item).getByText(en['check.status.fail'])).toBeTruthy();
    expect(item.textContent).not.toContain(de['finding.connection.clock-is-off-too-far-136']);
  });

  it('titles each fix box by where the fix is made, and leaves it out where there is nothing to fix', () => {
    resetStores('en');
    render(<GuideFindings findings={[clockOff, notAssigned, connected]} label="Result" />);
    const fixTitle = (id: string) => itemOf(id).querySelector('.fix-title')?.textContent ?? null;
    expect(fixTitle('clock')).toBe(en['fix.where.this-computer']);
    expect(fixTitle('mailbox')).toBe(en['fix.where.enterprise']);
    expect(itemOf('mailbox').textContent).toContain(`${en['path.mailbox']}.`);
    expect(fixTitle('connection')).toBeNull();
    // The status is a word, the icon only decoration.
    expect(within(itemOf('mailbox')).getByText(en['check.status.warn'])).toBeTruthy();
    expect(itemOf('mailbox').querySelector('.status-icon')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('leaves a symptom’s own fix out: its cause’s fix is the one to follow', () => {
    resetStores('en');
    render(<GuideFindings findings={[{ ...notAssigned, causedBy: 'credentials' }]} label="Result" />);
    expect(itemOf('mailbox').querySelector('.fix-box')).toBeNull();
    expect(itemOf('mailbox').textContent).toContain('emailInfo rejects the identity (51)');
  });

  it('shows the evidence a finding rests on: the request, the code and the server’s message', () => {
    resetStores('en');
    render(<GuideFindings findings={[clockOff, connected]} label="Result" />);
    const facts = (id: string) =>
      Array.from(itemOf(id).querySelectorAll('.evidence-facts .fact')).map((f) => [f.querySelector('dt')?.textContent, f.querySelector('dd')?.textContent]);
    expect(facts('clock')).toEqual([
      [en['check.evidence.request'], 'read basicsettings'],
      [en['check.evidence.code'], '136'],
      [en['check.evidence.message'], 'Zeitstempel ungültig'],
    ]);
    expect(facts('connection')).toEqual([[en['check.evidence.request'], 'read basicsettings']]);
    expect(screen.getByRole('list', { name: 'Result' }).children).toHaveLength(2);
  });

  it('explains "inferred" on request, by keyboard as well (not in a hover-only title)', async () => {
    resetStores('en');
    const user = userEvent.setup();
    render(<GuideFindings findings={[clockOff, notAssigned]} label="Result" />);
    expect(within(itemOf('clock')).queryByText(en['check.heuristic'])).toBeNull();
    const hint = () => within(itemOf('mailbox')).queryByText(en['check.heuristic.hint']);
    expect(hint()?.hidden ?? true).toBe(true);
    await user.tab();
    const toggle = within(itemOf('mailbox')).getByRole('button', { name: en['check.heuristic'] });
    expect(document.activeElement).toBe(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(hint()?.hidden).toBe(false);
  });
});
