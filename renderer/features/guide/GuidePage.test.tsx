/** @vitest-environment happy-dom */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../../main/domain/i18n/catalogue.ts';
import { T } from '../../../main/domain/i18n/text.ts';
import type { CheckRun, Finding, GuideProgress, GuideStep, ProfileView, RequestOf } from '../../../preload/contract.ts';
import { useAppStore } from '../../stores/app.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { answer, channelsCalled, ok, requestsOf, resetStores } from '../../test/desk.ts';
import { NOW, sampleProfile, sampleProgress, sampleRun } from '../../test/samples.ts';
import { GuidePage } from './GuidePage.tsx';

const RIGHTS_PATH = T('path.rights');
const right = (module: 'estate' | 'address', action: 'read' | 'create') => T('right.name', { module: T(`module.${module}`), action: T(`action.${action}`) });

const rightFinding = (module: 'estate' | 'address', action: 'read' | 'create', held: boolean): Finding => ({
  id: `rights:${module}:${action}`,
  status: held ? 'pass' : 'fail',
  title: T(held ? 'finding.rights.right-rn-present' : 'finding.rights.right-rn-missing', { rn: right(module, action) }),
  explanation: T(held ? 'finding.rights.the-rights-check-checkuserrecordsright-confirms-the' : 'finding.rights.the-rights-check-checkuserrecordsright-grants-none', { createNote: '' }),
  fix: held ? null : T('finding.rights.rightspath-grant-rn-scope-all-scopesnote', { rightsPath: RIGHTS_PATH, rn: right(module, action), scopesNote: T('note.scopes') }),
  ...(held ? {} : { fixWhere: 'enterprise' as const }),
  evidence: { exchangeIds: ['x-7'], request: `checkuserrecordsright ${module}/${action}` },
  heuristic: false,
});

const connectionPassed: Finding = {
  id: 'connection',
  status: 'pass',
  title: T('finding.connection.connected-to-the-api'),
  explanation: T('finding.connection.endpointhost-answered-with-an-api-answer', { endpointHost: 'api.onoffice.de' }),
  fix: null,
  evidence: { exchangeIds: ['x-1'], request: 'read basicsettings' },
  heuristic: false,
};

/** What main's mailbox step answers: a sent test mail passes; without consent only the identity is asked about. */
function mailboxFindings(request: RequestOf<'checksRun'>): Finding[] {
  if (request.mail?.consent === true) {
    return [
      {
        id: 'mailbox',
        status: 'pass',
        title: T('finding.mailbox.test-mail-sent'),
        explanation: T('finding.mailbox.onoffice-accepted-the-test-mail-to', { receiver: request.mail.receiver ?? '' }),
        fix: null,
        evidence: { exchangeIds: ['x-9'], request: 'do sendmail' },
        heuristic: false,
        required: true,
      },
    ];
  }
  return [
    {
      id: 'mailbox',
      status: 'info',
      title: T('finding.mailbox.mailbox-identity-accepted-sending-not-verified'),
      explanation: T('finding.mailbox.not-sent'),
      fix: null,
      evidence: { exchangeIds: ['x-8'], request: 'get emailInfo', code: 139, message: 'Kein Datensatz gefunden' },
      heuristic: true,
      required: true,
    },
  ];
}

interface Setup {
  profile?: ProfileView | null;
  progress?: Partial<GuideProgress>;
  runs?: Record<string, CheckRun>;
  run?: (request: RequestOf<'checksRun'>) => CheckRun;
}

/** The guide opened for a profile (or for a new API user), with the stand-in desk answering as main would. */
async function openGuide({ profile = sampleProfile(), progress = {}, runs = {}, run }: Setup = {}): Promise<ReturnType<typeof userEvent.setup>> {
  const stored = sampleProgress({ profileId: profile?.id ?? 'p-1', ...progress });
  let made = 0;
  answer({
    guideGet: () => ok(profile === null ? null : stored),
    checksPreferencesGet: () => ok({ language: null, mailIdentity: null }),
    guideSave: (r) => ok({ ...r.progress, profileId: r.profileId, updatedAt: NOW }),
    checksGet: (r) => {
      const found = runs[r.runId];
      return found === undefined ? { ok: false, error: { code: 'not-found', message: `No check run ${r.runId}.` } } : ok(found);
    },
    ...(run === undefined ? {} : { checksRun: (r: RequestOf<'checksRun'>) => ok({ ...run(r), id: `run-new-${++made}` }) }),
  });
  if (profile !== null) useProfilesStore.setState({ profiles: [profile], loaded: true });
  useAppStore.setState({ area: 'guide', guideProfileId: profile?.id ?? null });
  const user = userEvent.setup();
  render(<GuidePage />);
  if (profile !== null) await screen.findByRole('heading', { level: 2, name: en[`guide.step.${stored.step}`] });
  else await screen.findByRole('heading', { level: 2, name: en['guide.step.useCase'] });
  return user;
}

const stepList = () => screen.getByRole('navigation', { name: en['guide.steps'] });
const stepButton = (step: GuideStep) => within(stepList()).getByRole('button', { name: new RegExp(en[`guide.step.${step}`]) });

beforeEach(() => resetStores('en'));
afterEach(cleanup);

describe('the step list', () => {
  it('marks the current step and moves between steps with the arrow keys, Home and End', async () => {
    const user = await openGuide({ progress: { step: 'rights' } });
    expect(stepButton('rights').getAttribute('aria-current')).toBe('step');
    expect(within(stepList()).getAllByRole('button').filter((b) => b.getAttribute('aria-current') !== null)).toHaveLength(1);

    stepButton('rights').focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(stepButton('publish'));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(stepButton('log'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(stepButton('log'));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(stepButton('useCase'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(stepButton('useCase'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(stepButton('create'));
    // Moving focus does not change the step; Enter opens the focused one, and the progress is stored.
    expect(stepButton('rights').getAttribute('aria-current')).toBe('step');
    await user.keyboard('{Enter}');
    expect(stepButton('create').getAttribute('aria-current')).toBe('step');
    expect(stepButton('rights').getAttribute('aria-current')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: en['guide.step.create'] })).toBeTruthy();
    expect(requestsOf('guideSave').at(-1)?.progress.step).toBe('create');
  });

  it('says each status in words, with its icon hidden from screen readers', async () => {
    const runs = {
      'run-c': sampleRun([connectionPassed]),
      'run-r': sampleRun([rightFinding('estate', 'read', true), rightFinding('address', 'read', false)]),
    };
    await openGuide({ progress: { step: 'rights', runs: { connection: 'run-c', rights: 'run-r' } }, runs });
    await waitFor(() => expect(stepButton('rights').dataset.stepStatus).toBe('problem'));
    const expected: Record<GuideStep, string> = {
      useCase: en['guide.status.passed'],
      create: en['guide.status.passed'],
      credentials: en['guide.status.passed'],
      connection: en['guide.status.passed'],
      rights: en['guide.status.problem'],
      publish: en['guide.status.notChecked'],
      mailbox: en['guide.status.notNeeded'],
      log: en['guide.status.notChecked'],
    };
    for (const [step, word] of Object.entries(expected) as [GuideStep, string][]) {
      const button = stepButton(step);
      expect(within(button).getByText(word).closest('[aria-hidden="true"]')).toBeNull();
      for (const icon of button.querySelectorAll('.status-icon')) expect(icon.getAttribute('aria-hidden')).toBe('true');
    }
    // The current step's status beside its heading, in words too.
    const status = screen.getByText(en['guide.status.label']).closest('p');
    expect(status?.textContent).toContain(en['guide.status.problem']);
  });
});

describe('the credentials step', () => {
  const TOKEN = 'a3f09c41d2b87e65f0a1c3d5e7b9f102';
  const SECRET = '9d4e2f7a1b3c5d6e8f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d1e';

  it('checks token and secret as they are typed — swapped, whitespace, wrong length — before anything is sent', async () => {
    const user = await openGuide({ profile: null });
    await user.click(stepButton('credentials'));
    await screen.findByRole('heading', { level: 2, name: en['guide.step.credentials'] });
    const token = screen.getByLabelText(en['field.token'], { exact: true });
    const secret = screen.getByLabelText(en['field.secret'], { exact: true });
    const errorOf = (code: string) => document.querySelector(`[data-error-code="${code}"]`);

    // Swapped: the 64 characters went into the token field, the 32 into the secret field.
    await user.click(token);
    await user.paste(SECRET);
    await user.click(secret);
    await user.paste(TOKEN);
    expect(errorOf('credentials-swapped')?.textContent).toBe(en['cred.swapped']);
    expect(token.getAttribute('aria-invalid')).toBe('true');

    await user.clear(token);
    await user.paste(`${TOKEN} `);
    await user.clear(secret);
    await user.paste(SECRET.slice(0, 40));
    expect(errorOf('credentials-swapped')).toBeNull();
    expect(errorOf('token-whitespace')?.textContent).toBe(en['cred.whitespace'].replace('{name}', en['cred.name.token']));
    expect(errorOf('secret-length')?.textContent).toContain('40');
    expect(secret.getAttribute('aria-invalid')).toBe('true');

    await user.type(screen.getByLabelText(en['field.label'], { exact: true }), 'Website Müller');
    await user.click(screen.getByRole('button', { name: en['guide.credentials.create'] }));
    // Nothing went to main: no profile, no stored progress.
    expect(channelsCalled()).toEqual([]);

    // Corrected: the problems go, and only now is the profile created.
    await user.clear(token);
    await user.paste(TOKEN);
    await user.clear(secret);
    await user.paste(SECRET);
    expect(document.querySelectorAll('[data-error-code]')).toHaveLength(0);
    answer({
      profilesCreate: () => ok(sampleProfile({ id: 'p-new', label: 'Website Müller' })),
      guideSave: (r) => ok({ ...r.progress, profileId: r.profileId, updatedAt: NOW }),
      guideGet: () => ok(null),
      checksPreferencesGet: () => ok({ language: null, mailIdentity: null }),
    });
    await user.click(screen.getByRole('button', { name: en['guide.credentials.create'] }));
    await screen.findByRole('heading', { level: 2, name: en['guide.step.connection'] });
    expect(requestsOf('profilesCreate')).toEqual([
      { label: 'Website Müller', customer: '', endpoint: { kind: 'stable' }, useCase: 'website', notes: '', token: TOKEN, secret: SECRET },
    ]);
  });
});

describe('the mailbox step', () => {
  const mailProfile = sampleProfile({ useCase: 'email' });
  const mailProgress: Partial<GuideProgress> = { step: 'mailbox', useCase: 'email', mailIdentity: 'vertrieb@mueller-immobilien.de', mailReceiver: 'me@example.com' };
  const run = (r: RequestOf<'checksRun'>) => sampleRun(mailboxFindings(r), { useCase: 'email', steps: ['mailbox'] });

  it('sends one test mail only with the tick, then unticks it; green only once a mail went out', async () => {
    const user = await openGuide({ profile: mailProfile, progress: mailProgress, run });
    const consent = screen.getByRole('checkbox', { name: en['guide.mailbox.consent'] }) as HTMLInputElement;
    const send = screen.getByRole('button', { name: en['guide.mailbox.send'] });
    expect(consent.checked).toBe(false);
    expect(stepButton('mailbox').textContent).toContain(en['guide.status.notChecked']);

    // Without the tick: said so, nothing sent.
    await user.click(send);
    expect(screen.getByRole('alert').textContent).toBe(en['guide.mailbox.consent.missing']);
    expect(requestsOf('checksRun')).toHaveLength(0);

    // The sender address alone: an accepted identity is an inference, never "passed".
    await user.click(screen.getByRole('button', { name: en['guide.mailbox.probe'] }));
    await waitFor(() => expect(stepButton('mailbox').dataset.stepStatus).toBe('unverified'));
    expect(stepButton('mailbox').textContent).toContain(en['guide.status.unverified']);
    expect(stepButton('mailbox').textContent).not.toContain(en['guide.status.passed']);
    expect(screen.getByTestId('guide-mail-unverified').textContent).toContain(en['guide.mailbox.unverified']);
    expect(requestsOf('checksRun').map((r) => r.mail?.consent)).toEqual([false]);

    await user.click(consent);
    expect(consent.checked).toBe(true);
    await user.click(send);
    await waitFor(() => expect(stepButton('mailbox').dataset.stepStatus).toBe('passed'));
    expect(consent.checked).toBe(false);
    expect(screen.queryByTestId('guide-mail-unverified')).toBeNull();
    expect(stepButton('mailbox').textContent).toContain(en['guide.status.passed']);

    // Sending again needs a new tick: the earlier one does not carry over.
    await user.click(send);
    expect(screen.getByRole('alert').textContent).toBe(en['guide.mailbox.consent.missing']);
    const runs = requestsOf('checksRun');
    expect(runs.map((r) => r.mail?.consent)).toEqual([false, true]);
    expect(runs.filter((r) => r.mail?.consent === true)).toHaveLength(1);
    expect(runs[1]).toEqual({ profileId: 'p-1', useCase: 'email', steps: ['mailbox'], mail: { identity: 'vertrieb@mueller-immobilien.de', receiver: 'me@example.com', consent: true } });
    // The stored progress keeps the addresses, never the consent.
    for (const saved of requestsOf('guideSave')) expect(JSON.stringify(saved)).not.toContain('consent');
  });

  it('is "not needed" for a use case that sends no mail, and open for one that does', async () => {
    await openGuide({ progress: { step: 'mailbox' } });
    expect(stepButton('mailbox').textContent).toContain(en['guide.status.notNeeded']);
    expect(screen.getByText(en['guide.mailbox.notNeeded'])).toBeTruthy();
    cleanup();
    resetStores('en');
    await openGuide({ profile: mailProfile, progress: mailProgress });
    expect(stepButton('mailbox').textContent).toContain(en['guide.status.notChecked']);
    expect(screen.queryByText(en['guide.mailbox.notNeeded'])).toBeNull();
  });

  it('shows a stored run without a sent mail as not verified, even when its findings did not fail', async () => {
    const probed = sampleRun(mailboxFindings({ profileId: 'p-1', mail: { identity: 'vertrieb@mueller-immobilien.de', consent: false } }));
    await openGuide({ profile: mailProfile, progress: { ...mailProgress, runs: { mailbox: 'run-m' } }, runs: { 'run-m': probed } });
    await waitFor(() => expect(stepButton('mailbox').dataset.stepStatus).toBe('unverified'));
    expect(screen.getByTestId('guide-mail-unverified')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: en['guide.mailbox.consent'] }) as HTMLInputElement).checked).toBe(false);
  });
});

describe('the rights step', () => {
  it('"I changed it — check again" re-checks the rights alone and shows the new answer', async () => {
    const before = sampleRun([connectionPassed, rightFinding('estate', 'read', true), rightFinding('address', 'read', false)]);
    const after = sampleRun([rightFinding('estate', 'read', true), rightFinding('address', 'read', true)], { steps: ['rights'] });
    const user = await openGuide({ progress: { step: 'rights', runs: { rights: 'run-r' } }, runs: { 'run-r': before }, run: () => after });
    const table = screen.getByRole('table', { name: en['guide.rights.table'] });
    await waitFor(() => expect(table.querySelector('[data-right="rights:address:read"]')?.getAttribute('data-status')).toBe('fail'));
    // A missing right's row says where to fix it.
    const row = table.querySelector<HTMLElement>('[data-right="rights:address:read"]');
    expect(row === null ? null : within(row).getByText(en['fix.where.enterprise'])).toBeTruthy();

    await user.click(screen.getByRole('button', { name: en['guide.rights.again'] }));
    await waitFor(() => expect(table.querySelector('[data-right="rights:address:read"]')?.getAttribute('data-status')).toBe('pass'));
    expect(requestsOf('checksRun')).toEqual([{ profileId: 'p-1', useCase: 'website', steps: ['rights'] }]);
    expect(stepButton('rights').dataset.stepStatus).toBe('passed');
    // The new run is remembered for the step.
    expect(requestsOf('guideSave').at(-1)?.progress.runs.rights).toBe('run-new-1');
    // Focus moves to the result once the check is done.
    expect(document.activeElement).toBe(screen.getByTestId('guide-result-rights'));
  });
});
