/** @vitest-environment happy-dom */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding, FindingStatus } from '../../../preload/contract.ts';
import { loadLanguage, plural, translate } from '../../i18n/translate.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { ResultsList, SummaryCounts } from './CheckResults.tsx';

beforeAll(async () => {
  await loadLanguage('de');
  useSettingsStore.setState((s) => ({ settings: { ...s.settings, language: 'de' } }));
});
afterEach(cleanup);

const finding = (id: string, status: FindingStatus, extra: Partial<Finding> = {}): Finding => ({
  id,
  status,
  title: { verbatim: `Titel ${id}` },
  explanation: { verbatim: `Erklärung ${id}` },
  fix: status === 'pass' ? null : { verbatim: `Abhilfe ${id}` },
  evidence: {},
  heuristic: false,
  ...extra,
});

const ids = (root: HTMLElement) => [...root.querySelectorAll('[data-finding-id]')].map((el) => el.getAttribute('data-finding-id'));

const mixed = [
  finding('credentials', 'pass'),
  finding('connection', 'pass'),
  finding('server-log', 'warn'),
  finding('publish:estates', 'info'),
  finding('rights:estate:read', 'fail', { evidence: { code: 137, journalIds: [4, 5] } }),
  finding('mailbox', 'unknown', { required: true, heuristic: true }),
  finding('fields:estate', 'skipped'),
  finding('estate:12', 'fail'),
  finding('estate:15', 'pass'),
];

describe('the results list', () => {
  it('lists problems first (fail, required unknown, warn), folds the passes and shows only problems by default', async () => {
    const user = userEvent.setup();
    render(<ResultsList findings={mixed} running={false} actions={{ runId: 'run-1', profileId: 'p1' }} />);
    const problems = screen.getByTestId('check-problems');
    expect(ids(problems)).toEqual(['rights:estate:read', 'estate:12', 'mailbox', 'server-log']);
    // The expected estates stand together under their module.
    expect(within(problems).getByTestId('estate-group').querySelector('h4')?.textContent).toContain(plural('de', 'check.estatesGroup', 1));

    const onlyProblems = screen.getByRole('checkbox', { name: translate('de', 'check.problemsOnly') });
    expect((onlyProblems as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId('check-notes')).toBeNull();
    expect(screen.getByTestId('notes-hidden').textContent).toBe(plural('de', 'check.notesHidden', 2));

    const passes = within(screen.getByTestId('check-passes')).getByRole('button');
    expect(passes.textContent).toContain(plural('de', 'check.passedFolded', 3));
    expect(passes.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('[data-finding-id="credentials"]')).toBeNull();
    await user.click(passes);
    expect(passes.getAttribute('aria-expanded')).toBe('true');
    expect(ids(screen.getByTestId('check-passes'))).toEqual(['credentials', 'connection', 'estate:15']);

    await user.click(onlyProblems);
    expect(ids(screen.getByTestId('check-notes'))).toEqual(['publish:estates', 'fields:estate']);
    expect(screen.queryByTestId('notes-hidden')).toBeNull();
  });

  it('shows everything when nothing is a problem', () => {
    render(<ResultsList findings={[finding('credentials', 'pass'), finding('publish:estates', 'info')]} running={false} actions={{ runId: null, profileId: null }} />);
    expect((screen.getByRole('checkbox', { name: translate('de', 'check.problemsOnly') }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(translate('de', 'check.problems.none'))).toBeTruthy();
    expect(ids(screen.getByTestId('check-notes'))).toEqual(['publish:estates']);
    expect(within(screen.getByTestId('check-passes')).getByRole('button').textContent).toContain('1 Prüfung bestanden');
  });

  it('offers new credentials for a refused secret, a re-check of the step, and the finding’s calls', async () => {
    const user = userEvent.setup();
    const onRecheck = vi.fn();
    render(<ResultsList findings={mixed} running={false} actions={{ runId: 'run-1', profileId: 'p1', onRecheck }} />);
    const rights = document.querySelector<HTMLElement>('[data-finding-id="rights:estate:read"]') as HTMLElement;
    expect(within(rights).getByRole('button', { name: translate('de', 'check.do.replaceCredentials') })).toBeTruthy();
    expect(within(rights).getByRole('button', { name: translate('de', 'check.do.journal') }).getAttribute('data-calls')).toBe('2');
    await user.click(within(rights).getByRole('button', { name: translate('de', 'check.do.recheck') }));
    expect(onRecheck).toHaveBeenCalledWith('rights');
    // No code 22/137, no calls: neither offered.
    const log = document.querySelector<HTMLElement>('[data-finding-id="server-log"]') as HTMLElement;
    expect(within(log).queryByRole('button', { name: translate('de', 'check.do.replaceCredentials') })).toBeNull();
    expect(within(log).queryByRole('button', { name: translate('de', 'check.do.journal') })).toBeNull();
  });

  it('opens the note on an inferred result from the keyboard', async () => {
    const user = userEvent.setup();
    render(<ResultsList findings={mixed} running={false} actions={{ runId: null, profileId: null }} />);
    const mailbox = document.querySelector<HTMLElement>('[data-finding-id="mailbox"]') as HTMLElement;
    const toggle = within(mailbox).getByRole('button', { name: translate('de', 'check.heuristic') });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const note = document.getElementById(toggle.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(note.hidden).toBe(false);
    expect(note.textContent).toBe(translate('de', 'check.heuristic.hint'));
  });

  it('titles each fix by where it is made', () => {
    render(<ResultsList findings={[finding('clock', 'fail', { fixWhere: 'this-computer' }), finding('identity', 'fail')]} running={false} actions={{ runId: null, profileId: null }} />);
    const titles = [...document.querySelectorAll('.fix-title')].map((el) => el.textContent);
    expect(titles).toEqual([translate('de', 'fix.where.this-computer'), translate('de', 'fix.where.enterprise')]);
  });
});

describe('summary counts', () => {
  it('says "1 Warnung", never "1 Warnungen"', () => {
    render(<SummaryCounts summary={{ warn: 1, pass: 2, fail: 1 }} />);
    const texts = [...document.querySelectorAll('[data-count]')].map((el) => el.textContent);
    expect(texts).toEqual(['✗1 fehlgeschlagen', '⚠1 Warnung', '✓2 bestanden']);
  });
});
