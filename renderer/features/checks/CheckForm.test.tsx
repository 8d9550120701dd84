/** @vitest-environment happy-dom */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi, ProfileView, RequestOf } from '../../../preload/contract.ts';
import { loadLanguage, translate } from '../../i18n/translate.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { CheckForm } from './CheckForm.tsx';

/**
 * A stand-in for the main process (it cannot run inside happy-dom): the two preference channels the form uses,
 * answering as main does for a profile with a remembered sender.
 */
const saved: Array<RequestOf<'checksPreferencesSet'>> = [];
beforeAll(async () => {
  window.desk = {
    checksPreferencesGet: async () => ({ ok: true, value: { language: null, mailIdentity: 'info@example.com' } }),
    checksPreferencesSet: async (request: RequestOf<'checksPreferencesSet'>) => {
      saved.push(request);
      return { ok: true, value: { language: null, mailIdentity: request.mailIdentity ?? null } };
    },
  } as unknown as DeskApi;
  await loadLanguage('de');
  useSettingsStore.setState((s) => ({ settings: { ...s.settings, language: 'de' } }));
});
afterEach(cleanup);

const profile: ProfileView = {
  id: 'p1',
  label: 'Website',
  customer: '',
  endpoint: { kind: 'stable', url: 'https://api.onoffice.de/api/stable/api.php' },
  useCase: 'email',
  notes: '',
  createdAt: 0,
  updatedAt: 0,
  lastCheck: null,
  credentials: { state: 'ok', tokenHint: 'abcd…wxyz', cipher: null, backend: null, hasApiClaim: false },
  demo: false,
};

const de = (key: Parameters<typeof translate>[1]) => translate('de', key);

describe('the check form', () => {
  it('sends one mail per tick: the consent is unticked after every run, and the sender is remembered', async () => {
    const user = userEvent.setup();
    const onRun = vi.fn<(request: RequestOf<'checksRun'>) => void>();
    render(<CheckForm profile={profile} busy={false} onRun={onRun} />);
    await user.click(screen.getByRole('checkbox', { name: de('check.mail.enable') }));
    // The profile's remembered sender address is the default.
    const identity = screen.getByRole('textbox', { name: de('check.mail.identity') }) as HTMLInputElement;
    await waitFor(() => expect(identity.value).toBe('info@example.com'));
    await user.type(screen.getByRole('textbox', { name: de('check.mail.receiver') }), 'me@example.com');
    const consent = screen.getByRole('checkbox', { name: de('check.mail.consent') }) as HTMLInputElement;
    await user.click(consent);
    expect(consent.checked).toBe(true);

    await user.click(screen.getByRole('button', { name: de('check.run') }));
    expect(onRun).toHaveBeenCalledTimes(1);
    expect(onRun.mock.calls[0]?.[0].mail).toEqual({ identity: 'info@example.com', receiver: 'me@example.com', consent: true });
    expect(consent.checked).toBe(false);

    // The next run asks onOffice about the mailbox but sends no mail.
    await user.click(screen.getByRole('button', { name: de('check.run') }));
    expect(onRun.mock.calls[1]?.[0].mail).toEqual({ identity: 'info@example.com', receiver: 'me@example.com', consent: false });
    // The address was the remembered one: nothing new to remember, and the consent never is.
    expect(saved).toEqual([]);
  });

  it('remembers a new sender address, never the consent', async () => {
    const user = userEvent.setup();
    render(<CheckForm profile={profile} busy={false} onRun={() => undefined} />);
    await user.click(screen.getByRole('checkbox', { name: de('check.mail.enable') }));
    const identity = screen.getByRole('textbox', { name: de('check.mail.identity') }) as HTMLInputElement;
    await waitFor(() => expect(identity.value).toBe('info@example.com'));
    await user.clear(identity);
    await user.type(identity, 'vertrieb@example.com');
    await user.click(screen.getByRole('button', { name: de('check.run') }));
    expect(saved).toEqual([{ profileId: 'p1', mailIdentity: 'vertrieb@example.com' }]);
  });
});
