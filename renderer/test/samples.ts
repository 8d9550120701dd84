/** Values shaped like main's answers (preload/contract.ts), for component tests. Token hints are masked, as main sends them. */
import type { CheckRun, Finding, GuideProgress, ProfileView, Summary } from '../../preload/contract.ts';
import { FINDING_STATUSES } from '../../main/domain/vocabulary.ts';

export const NOW = Date.UTC(2025, 4, 12, 9, 30);

export function sampleProfile(over: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p-1',
    label: 'Website Müller',
    customer: 'Müller Immobilien',
    endpoint: { kind: 'stable', url: 'https://api.onoffice.de/api/stable/api.php' },
    useCase: 'website',
    notes: '',
    createdAt: NOW - 86_400_000,
    updatedAt: NOW - 3_600_000,
    lastCheck: null,
    credentials: { state: 'ok', tokenHint: '3f9a…c41d', cipher: 'aes-256-gcm', backend: 'gnome_libsecret', hasApiClaim: false },
    demo: false,
    ...over,
  };
}

export function sampleRun(findings: Finding[], over: Partial<CheckRun> = {}): CheckRun {
  const summary = Object.fromEntries(FINDING_STATUSES.map((s) => [s, findings.filter((f) => f.status === s).length])) as Summary;
  return {
    id: 'run-1',
    profileId: 'p-1',
    useCase: 'website',
    endpointHost: 'api.onoffice.de',
    startedAt: '2025-05-12T09:30:00.000Z',
    finishedAt: '2025-05-12T09:30:02.000Z',
    requests: 3,
    ok: summary.fail === 0,
    findings,
    summary,
    ...over,
  };
}

export function sampleProgress(over: Partial<GuideProgress> = {}): GuideProgress {
  return {
    profileId: 'p-1',
    updatedAt: NOW,
    step: 'useCase',
    useCase: 'website',
    customRights: [],
    customAdmin: false,
    expectEstates: [],
    mailIdentity: '',
    mailReceiver: '',
    runs: {},
    ...over,
  };
}
