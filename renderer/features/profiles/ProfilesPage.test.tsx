/** @vitest-environment happy-dom */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../../main/domain/i18n/catalogue.ts';
import type { AppInfo, ProfileView } from '../../../preload/contract.ts';
import { useAppStore } from '../../stores/app.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { answer, channelsCalled, ok, requestsOf, resetStores } from '../../test/desk.ts';
import { sampleProfile } from '../../test/samples.ts';
import { ProfilesPage } from './ProfilesPage.tsx';

const MINUTE = 60_000;
const DAY = 86_400_000;
const checkedAgo = (ms: number, counts: { pass?: number; warn?: number; fail?: number; inconclusive?: number } = {}): ProfileView['lastCheck'] => ({
  at: Date.now() - ms,
  pass: counts.pass ?? 12,
  warn: counts.warn ?? 0,
  fail: counts.fail ?? 0,
  ...(counts.inconclusive === undefined ? {} : { inconclusive: counts.inconclusive }),
  runId: 'run-1',
});

const PROFILES: ProfileView[] = [
  sampleProfile({ id: 'p-fail', label: 'Website Müller', lastCheck: checkedAgo(5.5 * MINUTE, { pass: 9, fail: 2 }) }),
  sampleProfile({ id: 'p-pass', label: 'Leads Schmidt', customer: 'Schmidt & Partner', useCase: 'lead-intake', lastCheck: checkedAgo(3 * DAY + MINUTE) }),
  sampleProfile({ id: 'p-never', label: 'Portal Becker', customer: '', credentials: { state: 'missing', tokenHint: null, cipher: null, backend: null, hasApiClaim: false } }),
  sampleProfile({ id: 'p-stale', label: 'Makler Wagner', customer: 'Wagner GmbH', lastCheck: checkedAgo(45 * DAY) }),
];

const info = (host: AppInfo['host']): AppInfo => ({ version: '1.4.0', host, platform: 'linux', databaseRecovered: null });

function showProfiles(host: AppInfo['host'] = 'browser', selectedId: string | null = null): ReturnType<typeof userEvent.setup> {
  useProfilesStore.setState({ profiles: PROFILES, loaded: true, selectedId });
  useAppStore.setState({ info: info(host), area: 'profiles' });
  const user = userEvent.setup();
  render(<ProfilesPage />);
  return user;
}

const list = () => screen.getByRole('list', { name: en['profiles.listLabel'] });
const card = (label: string): HTMLElement => {
  const item = within(list())
    .getAllByRole('listitem')
    .find((li) => li.querySelector('.profile-item-label')?.textContent === label);
  if (item === undefined) throw new Error(`no card for ${label}`);
  return item;
};
const labelsShown = () => Array.from(list().querySelectorAll('.profile-item-label')).map((e) => e.textContent);

beforeEach(() => {
  resetStores('en');
  answer({});
});
afterEach(cleanup);

describe('the profiles list', () => {
  it('shows each card’s last check: its outcome in words and how long ago', () => {
    showProfiles();
    const failed = card('Website Müller');
    expect(within(failed).getByText(en['profiles.status.fail']).dataset.checkStatus).toBe('fail');
    expect(within(failed).getByText('checked 5 minutes ago')).toBeTruthy();
    const passed = card('Leads Schmidt');
    expect(within(passed).getByText(en['profiles.status.pass'])).toBeTruthy();
    expect(within(passed).getByText('checked 3 days ago')).toBeTruthy();
    const never = card('Portal Becker');
    expect(within(never).getByText(en['profiles.status.never'])).toBeTruthy();
    expect(never.textContent).not.toContain('checked ');
    // Older than 30 days: still its outcome, and the note to check again.
    const stale = card('Makler Wagner');
    expect(within(stale).getByText(en['profiles.status.pass'])).toBeTruthy();
    expect(within(stale).getByText(en['profiles.stale'])).toBeTruthy();
    expect(failed.textContent).not.toContain(en['profiles.stale']);
    // Nothing of this needed main.
    expect(channelsCalled()).toEqual([]);
  });

  it('filters by the last check’s status', async () => {
    const user = showProfiles();
    expect(labelsShown()).toEqual(['Leads Schmidt', 'Makler Wagner', 'Portal Becker', 'Website Müller']);
    const filter = screen.getByLabelText(en['profiles.statusFilter']);
    await user.selectOptions(filter, en['profiles.statusFilter.problems']);
    expect(labelsShown()).toEqual(['Website Müller']);
    await user.selectOptions(filter, en['profiles.statusFilter.never']);
    expect(labelsShown()).toEqual(['Portal Becker']);
    await user.selectOptions(filter, en['profiles.statusFilter.stale']);
    expect(labelsShown()).toEqual(['Makler Wagner']);
    // The filter and the search work together; no match is said, not left blank.
    await user.type(screen.getByRole('searchbox', { name: en['profiles.filter'] }), 'Müller');
    expect(labelsShown()).toEqual([]);
    expect(screen.getByText(en['profiles.noMatch'])).toBeTruthy();
    await user.selectOptions(filter, en['profiles.statusFilter.all']);
    expect(labelsShown()).toEqual(['Website Müller']);
  });
});

describe('a profile', () => {
  it('is deleted only after the dialog naming it is confirmed, and the deletion is announced', async () => {
    const user = showProfiles('browser', 'p-pass');
    answer({ profilesDelete: () => ok({ deleted: true }) });
    await user.click(screen.getByRole('button', { name: en['profile.delete'] }));
    const dialog = screen.getByRole('dialog', { name: en['profile.delete.title'].replace('{label}', 'Leads Schmidt') });
    expect(dialog.textContent).toContain(en['profile.delete.confirm'].replace('{label}', 'Leads Schmidt'));

    // Cancelling keeps it.
    await user.click(within(dialog).getByRole('button', { name: en['common.cancel'] }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requestsOf('profilesDelete')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: en['profile.delete'] }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: en['common.delete'] }));
    const status = screen.getByRole('status');
    await within(status).findByText(en['profile.delete.done'].replace('{label}', 'Leads Schmidt'));
    expect(requestsOf('profilesDelete')).toEqual([{ id: 'p-pass' }]);
    expect(labelsShown()).not.toContain('Leads Schmidt');
    expect(screen.getByText(en['profiles.select'])).toBeTruthy();
  });

  it('offers "Copy token" in the desktop app only, never in the browser', () => {
    showProfiles('browser', 'p-fail');
    expect(screen.getByRole('heading', { level: 2, name: 'Website Müller' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: en['profile.copyToken'] })).toBeNull();
    cleanup();
    showProfiles('electron', 'p-fail');
    expect(screen.getByRole('button', { name: en['profile.copyToken'] })).toBeTruthy();
  });
});
