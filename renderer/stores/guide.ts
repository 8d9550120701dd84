/**
 * The setup guide: one per profile, resumable. Main keeps the progress (step, use case, expected estates, the test
 * mail's addresses, the latest run per step); this store holds it while the guide is open, runs one step's
 * probes at a time and keeps each step's last result. The pure parts (what a step checks, how it stands, live
 * credential problems) are exported for tests. Never holds a secret or the consent to send a mail.
 */
import { create } from 'zustand';
import type { BoundaryError, CheckRun, Finding, GuideProgress, GuideProgressInput, GuideStep, ProfileView, RequestOf, RightAction, RightModule, StepName, UseCase } from '../../preload/contract.ts';
import { RIGHT_ACTIONS, RIGHT_MODULES, USE_CASES as USE_CASE_DEFINITIONS } from '../../main/domain/usecases.ts';
import { GUIDE_STEPS, SECRET_LENGTH, TOKEN_LENGTH } from '../../main/domain/vocabulary.ts';
import { getDesk } from '../desk.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import { stepOf, type CheckStep } from './checkSelectors.ts';
import type { FieldProblem } from './selectors.ts';

export { GUIDE_STEPS, type GuideStep };

export type StepStatus = 'passed' | 'problem' | 'unverified' | 'notChecked' | 'notNeeded';
/** Shown beside the status word, so a status never rests on colour alone. */
export const STEP_STATUS_ICON: Readonly<Record<StepStatus, string>> = { passed: '✓', problem: '✗', unverified: '?', notChecked: '○', notNeeded: '–' };

/** The steps the engine runs for each guide step that checks something. */
export const ENGINE_STEPS: Readonly<Partial<Record<GuideStep, readonly StepName[]>>> = {
  connection: ['connection'],
  rights: ['rights'],
  publish: ['publish', 'estates'],
  mailbox: ['mailbox'],
  log: ['log'],
};
export const isCheckedStep = (step: GuideStep): boolean => ENGINE_STEPS[step] !== undefined;

export type CustomRight = GuideProgressInput['customRights'][number];

export function defaultProgress(useCase: UseCase = 'website'): GuideProgressInput {
  return { step: 'useCase', useCase, customRights: [], customAdmin: false, expectEstates: [], mailIdentity: '', mailReceiver: '', runs: {} };
}

/** The stored progress without what main adds (profile id, time). */
export function progressInput({ step, useCase, customRights, customAdmin, expectEstates, mailIdentity, mailReceiver, runs }: GuideProgress): GuideProgressInput {
  return { step, useCase, customRights, customAdmin, expectEstates, mailIdentity, mailReceiver, runs };
}

/** The guide's step for each step of the check's results (the field list has no guide step of its own). */
const GUIDE_STEP_OF: Readonly<Record<CheckStep, GuideStep | null>> = {
  credentials: 'connection',
  connection: 'connection',
  rights: 'rights',
  publish: 'publish',
  fields: null,
  mailbox: 'mailbox',
  serverLog: 'log',
};

/** Which guide step a finding of the engine belongs to: the results screen's step (stepOf), as the guide groups them. */
export const guideStepOf = (findingId: string): GuideStep | null => GUIDE_STEP_OF[stepOf(findingId)];

export const findingsOfStep = (step: GuideStep, run: CheckRun | undefined): Finding[] => (run?.findings ?? []).filter((f) => guideStepOf(f.id) === step);

/** Whether the use case sends mail, so the mailbox must be verified. */
export function sendsMail(useCase: UseCase): boolean {
  return useCase !== 'custom' && USE_CASE_DEFINITIONS[useCase].mail === 'required';
}

/**
 * How a checked step stands after its findings: a failure or a warning is a problem; an open question is "not
 * verified". The mailbox is green only after a test mail went out (the only passing mailbox finding): an accepted
 * identity is an inference, not proof.
 */
export function statusOfFindings(step: GuideStep, findings: readonly Finding[]): StepStatus {
  if (findings.length === 0) return 'notChecked';
  // The mailbox without a test mail is only inferred: a doubt is "not verified", a refusal a problem.
  if (step === 'mailbox') return findings.some((f) => f.status === 'fail') ? 'problem' : findings.some((f) => f.status === 'pass') ? 'passed' : 'unverified';
  if (findings.some((f) => f.status === 'fail' || f.status === 'warn')) return 'problem';
  if (findings.some((f) => f.status === 'unknown')) return 'unverified';
  // A step whose checks were all skipped (blocked by the credentials) says nothing yet.
  if (findings.every((f) => f.status === 'skipped')) return 'unverified';
  return 'passed';
}

export interface StatusContext {
  progress: GuideProgressInput;
  profile: ProfileView | null;
  results: Partial<Record<GuideStep, CheckRun>>;
}

export function stepStatus(step: GuideStep, { progress, profile, results }: StatusContext): StepStatus {
  switch (step) {
    case 'useCase':
      return profile !== null || progress.step !== 'useCase' ? 'passed' : 'notChecked';
    case 'create':
      return profile !== null ? 'passed' : 'notChecked';
    case 'credentials': {
      const state = profile?.credentials.state;
      if (state === undefined) return 'notChecked';
      if (state === 'ok') return 'passed';
      return state === 'locked' ? 'unverified' : 'problem';
    }
    case 'mailbox': {
      const found = findingsOfStep(step, results[step]);
      if (found.length === 0 && !sendsMail(progress.useCase)) return 'notNeeded';
      return statusOfFindings(step, found);
    }
    default:
      return statusOfFindings(step, findingsOfStep(step, results[step]));
  }
}

export const stepIndex = (step: GuideStep): number => GUIDE_STEPS.indexOf(step);
export const nextStep = (step: GuideStep): GuideStep | null => GUIDE_STEPS[stepIndex(step) + 1] ?? null;
export const previousStep = (step: GuideStep): GuideStep | null => GUIDE_STEPS[stepIndex(step) - 1] ?? null;

/** The step list's arrow keys: up/down move by one, Home/End to the ends; null for any other key. */
export function stepForKey(current: GuideStep, key: string): GuideStep | null {
  if (key === 'ArrowDown') return nextStep(current) ?? current;
  if (key === 'ArrowUp') return previousStep(current) ?? current;
  if (key === 'Home') return GUIDE_STEPS[0];
  if (key === 'End') return GUIDE_STEPS[GUIDE_STEPS.length - 1] ?? current;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Rights: one row per right the use case needs, as enterprise's rights tab lays them out.

export interface RightRow {
  /** The finding id: `rights:<module>:<action>`, or `rights:admin`. */
  id: string;
  module: RightModule | 'admin';
  action: RightAction | null;
  scope: 'all' | 'own' | null;
  required: boolean;
  finding: Finding | null;
}

export function rightRows(progress: GuideProgressInput, findings: readonly Finding[]): RightRow[] {
  const custom = progress.useCase === 'custom';
  const definition = custom ? null : USE_CASE_DEFINITIONS[progress.useCase as Exclude<UseCase, 'custom'>];
  const required = custom ? progress.customRights : (definition?.required ?? []);
  const optional = custom ? [] : (definition?.optional ?? []);
  const admin = custom ? progress.customAdmin : (definition?.admin ?? false);
  const byId = new Map(findings.map((f) => [f.id, f]));
  const row = (r: CustomRight, isRequired: boolean): RightRow => {
    const id = `rights:${r.module}:${r.action}`;
    return { id, module: r.module, action: r.action, scope: r.scope, required: isRequired, finding: byId.get(id) ?? null };
  };
  return [
    ...required.map((r) => row(r, true)),
    ...optional.map((r) => row(r, false)),
    ...(admin ? [{ id: 'rights:admin', module: 'admin' as const, action: null, scope: null, required: true, finding: byId.get('rights:admin') ?? null }] : []),
  ];
}

/** Ticks or unticks one right of the custom use case (scope "all"), in the rights tab's order. */
/** The scope the custom rights of a module have (enterprise sets one per module and action; the guide one per module). */
export function customScopeOf(rights: readonly CustomRight[], module: RightModule): 'all' | 'own' {
  return rights.find((r) => r.module === module)?.scope ?? 'all';
}

/** Sets the scope of every custom right of the module ("only own" records, or all). */
export function setCustomScope(rights: readonly CustomRight[], module: RightModule, scope: 'all' | 'own'): CustomRight[] {
  return rights.map((r) => (r.module === module ? { ...r, scope } : r));
}

export function toggleCustomRight(rights: readonly CustomRight[], module: RightModule, action: RightAction): CustomRight[] {
  const has = rights.some((r) => r.module === module && r.action === action);
  const next = has ? rights.filter((r) => !(r.module === module && r.action === action)) : [...rights, { module, action, scope: customScopeOf(rights, module) }];
  const order = (r: CustomRight) => RIGHT_MODULES.indexOf(r.module) * RIGHT_ACTIONS.length + RIGHT_ACTIONS.indexOf(r.action);
  return next.sort((a, b) => order(a) - order(b));
}

// ---------------------------------------------------------------------------------------------------------------
// Token and secret, checked as they are typed: the same rules and codes main applies when they are saved.

export { SECRET_LENGTH, TOKEN_LENGTH };

/** Problems with what was pasted so far; empty fields have none yet. English messages (German comes from the codes). */
export function liveCredentialProblems(token: string, secret: string): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  const en = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);
  if (token.trim().length === SECRET_LENGTH && secret.trim().length === TOKEN_LENGTH) {
    out.token = { field: 'token', code: 'credentials-swapped', message: en('cred.swapped') };
    return out;
  }
  const check = (field: 'token' | 'secret', value: string, length: number): void => {
    if (value === '') return;
    const name = en(`cred.name.${field}`);
    if (/\s/.test(value)) out[field] = { field, code: `${field}-whitespace`, message: en('cred.whitespace', { name }) };
    else if (/[^\x21-\x7e]/.test(value)) out[field] = { field, code: `${field}-non-ascii`, message: en('cred.non-ascii', { name }) };
    else if (value.length !== length) out[field] = { field, code: `${field}-length`, message: en('cred.length', { name, length, actual: value.length }) };
  };
  check('token', token, TOKEN_LENGTH);
  check('secret', secret, SECRET_LENGTH);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The check of one step, as the contract wants it.

export interface MailTest {
  /** Only an explicit tick next to the send button sets this; it is never stored. */
  consent: boolean;
}

export function checkRequest(step: GuideStep, profileId: string, progress: GuideProgressInput, mail: MailTest | null = null): RequestOf<'checksRun'> | null {
  const steps = ENGINE_STEPS[step];
  if (steps === undefined) return null;
  const identity = progress.mailIdentity.trim();
  const receiver = progress.mailReceiver.trim();
  return {
    profileId,
    useCase: progress.useCase,
    steps: [...steps],
    ...(progress.useCase === 'custom' ? { customRights: progress.customRights, customAdmin: progress.customAdmin } : {}),
    ...(step === 'publish' ? { expectEstates: progress.expectEstates } : {}),
    ...(step === 'mailbox' && identity !== '' ? { mail: { identity, ...(receiver !== '' ? { receiver } : {}), consent: mail?.consent === true } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------

interface GuideState {
  /** null: a new API user, no profile yet. */
  profileId: string | null;
  progress: GuideProgressInput;
  loaded: boolean;
  /** Each checked step's latest run. */
  results: Partial<Record<GuideStep, CheckRun>>;
  running: GuideStep | null;
  /** Bumped when a check of a step ends, so the page moves focus to its result. */
  finished: number;
  error: BoundaryError | null;
  open(profileId: string | null, profile: ProfileView | null): Promise<void>;
  goTo(step: GuideStep): void;
  update(patch: Partial<Omit<GuideProgressInput, 'runs' | 'step'>>): void;
  /** The guide's new profile exists: its progress is stored from now on. */
  attach(profileId: string): void;
  check(step: GuideStep, mail?: MailTest): Promise<void>;
  cancel(): Promise<void>;
  dismissError(): void;
}

export const useGuideStore = create<GuideState>()((set, get) => {
  /** Stores the progress for the profile; a failure shows, the progress on screen stays. */
  const save = async (): Promise<void> => {
    const { profileId, progress } = get();
    if (profileId === null) return;
    const r = await getDesk().guideSave({ profileId, progress });
    if (!r.ok) set({ error: r.error });
  };
  let opened = 0;
  return {
    profileId: null,
    progress: defaultProgress(),
    loaded: false,
    results: {},
    running: null,
    finished: 0,
    error: null,
    async open(profileId, profile) {
      const mine = ++opened;
      set({ profileId, progress: defaultProgress(profile?.useCase), loaded: profileId === null, results: {}, running: null, error: null });
      if (profileId === null) return;
      const [stored, preferences] = await Promise.all([getDesk().guideGet({ profileId }), getDesk().checksPreferencesGet({ profileId })]);
      if (mine !== opened) return;
      if (!stored.ok) {
        set({ loaded: true, error: stored.error });
        return;
      }
      const remembered = preferences.ok ? ((preferences.value as { mailIdentity?: string | null }).mailIdentity ?? '') : '';
      const input = stored.value === null ? { ...defaultProgress(profile?.useCase), mailIdentity: remembered } : progressInput(stored.value);
      set({ progress: input, loaded: true });
      // The results shown before: each step's latest run (a run cleared from the history is simply not shown).
      const runs = await Promise.all(
        Object.entries(input.runs).map(async ([step, runId]) => {
          const r = await getDesk().checksGet({ runId });
          return r.ok ? ([step, r.value] as const) : null;
        }),
      );
      if (mine !== opened) return;
      set({ results: Object.fromEntries(runs.filter((r) => r !== null)) });
    },
    goTo(step) {
      set((s) => ({ progress: { ...s.progress, step } }));
      void save();
    },
    update(patch) {
      set((s) => ({ progress: { ...s.progress, ...patch } }));
      void save();
    },
    attach(profileId) {
      set({ profileId });
      void save();
    },
    async check(step, mail) {
      const { profileId, progress, running } = get();
      if (profileId === null || running !== null) return;
      const request = checkRequest(step, profileId, progress, mail ?? null);
      if (request === null) return;
      set({ running: step, error: null });
      const r = await getDesk().checksRun(request);
      if (get().profileId !== profileId) return;
      if (r.ok) {
        set((s) => ({ running: null, finished: s.finished + 1, results: { ...s.results, [step]: r.value }, progress: { ...s.progress, runs: { ...s.progress.runs, [step]: r.value.id } } }));
        await save();
      } else {
        set((s) => ({ running: null, finished: s.finished + 1, error: r.error }));
      }
    },
    async cancel() {
      const { profileId, running } = get();
      if (profileId === null || running === null) return;
      const r = await getDesk().checksCancel({ profileId });
      if (!r.ok) set({ error: r.error });
    },
    dismissError: () => set({ error: null }),
  };
});
