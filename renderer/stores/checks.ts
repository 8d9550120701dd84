/**
 * The onboarding check: one run at a time (cancellable), its findings as main reports them one by one, the finished
 * run shown, re-checks of one step, and each profile's earlier runs. Progress events of other or finished runs are
 * ignored.
 */
import { create } from 'zustand';
import type { BoundaryError, CheckRun, CheckRunMeta, EventPayloads, FileContent, Finding, RequestOf, Result, StepName } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';
import { useProfilesStore } from './profiles.ts';
import { recheckRequest, sortHistory } from './checkSelectors.ts';

export interface RunningCheck {
  profileId: string;
  /** Known from the first progress event on. */
  runId: string | null;
  findings: Finding[];
  done: number;
  total: number;
  /** Only these steps (a re-check); absent for a full check. */
  steps?: readonly StepName[];
  /** The person asked to stop it; main's answer is awaited. */
  cancelling: boolean;
}

interface ChecksState {
  running: RunningCheck | null;
  /** The run on screen: the one just finished, or one opened from the history. */
  run: CheckRun | null;
  /** Which profile `history` belongs to. */
  historyFor: string | null;
  history: CheckRunMeta[];
  error: BoundaryError | null;
  /** The profile whose last check was cancelled (nothing was kept); cleared by the next start. */
  cancelledFor: string | null;
  /** Bumped when a check ends (finished, failed or cancelled), so the screen can move focus to the result. */
  finishedCount: number;
  start(request: RequestOf<'checksRun'>): Promise<void>;
  /** Runs only the step a finding of the shown run comes from. */
  recheck(step: StepName): Promise<void>;
  /** Stops the running check; main keeps nothing of it. */
  cancel(): Promise<void>;
  /** From the `checksProgress` event. */
  progress(payload: EventPayloads['checksProgress']): void;
  loadHistory(profileId: string): Promise<void>;
  open(runId: string): Promise<void>;
  report(runId: string, format: 'markdown' | 'html', language: 'de' | 'en'): Promise<Result<FileContent>>;
  dismissError(): void;
}

/**
 * The request each run of this session was started with, so a re-check asks the same (field names and all). Kept
 * here only, never stored; the mail consent is dropped before a request is kept.
 */
const requests = new Map<string, RequestOf<'checksRun'>>();

const withoutConsent = (request: RequestOf<'checksRun'>): RequestOf<'checksRun'> =>
  request.mail === null || request.mail === undefined ? request : { ...request, mail: { ...request.mail, consent: false } };

export const useChecksStore = create<ChecksState>()((set, get) => ({
  running: null,
  run: null,
  historyFor: null,
  history: [],
  error: null,
  cancelledFor: null,
  finishedCount: 0,
  async start(request) {
    if (get().running !== null) return;
    set({
      running: { profileId: request.profileId, runId: null, findings: [], done: 0, total: 0, cancelling: false, ...(request.steps ? { steps: request.steps } : {}) },
      run: null,
      error: null,
      cancelledFor: null,
    });
    const r = await getDesk().checksRun(request);
    if (r.ok && request.steps === undefined) requests.set(r.value.id, withoutConsent(request));
    const cancelled = !r.ok && r.error.code === 'cancelled';
    set((s) => ({
      running: null,
      finishedCount: s.finishedCount + 1,
      ...(r.ok ? { run: r.value } : cancelled ? { cancelledFor: request.profileId } : { error: r.error }),
    }));
    // The profile list shows the last check's result; the history gains this run.
    await Promise.all([useProfilesStore.getState().load(), get().loadHistory(request.profileId)]);
  },
  async recheck(step) {
    const run = get().run;
    if (run === null) return;
    const request = recheckRequest(run, step, requests.get(run.id) ?? null);
    if (request === null) return;
    await get().start(request);
    // The re-check answers the same questions as the run it came from.
    const next = get().run;
    if (next !== null && next.id !== run.id) {
      const original = requests.get(run.id);
      if (original !== undefined) requests.set(next.id, original);
    }
  },
  async cancel() {
    const running = get().running;
    if (running === null || running.cancelling) return;
    set({ running: { ...running, cancelling: true } });
    const r = await getDesk().checksCancel({ profileId: running.profileId });
    // Nothing was running any more (it just ended): the run's own answer says how it ended.
    if (!r.ok) set({ error: r.error });
  },
  progress({ runId, profileId, finding, done, total }) {
    const running = get().running;
    if (running === null || running.profileId !== profileId || (running.runId !== null && running.runId !== runId)) return;
    if (running.findings.some((f) => f.id === finding.id)) return;
    set({ running: { ...running, runId, findings: [...running.findings, finding], done, total } });
  },
  async loadHistory(profileId) {
    const r = await getDesk().checksHistory({ profileId });
    if (!r.ok) {
      set({ error: r.error });
      return;
    }
    set({ history: sortHistory(r.value), historyFor: profileId });
  },
  async open(runId) {
    const r = await getDesk().checksGet({ runId });
    set(r.ok ? { run: r.value, error: null, cancelledFor: null } : { error: r.error });
  },
  report: (runId, format, language) => getDesk().checksReport({ runId, format, language }),
  dismissError: () => set({ error: null }),
}));
