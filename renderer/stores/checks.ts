/**
 * The onboarding check: one run at a time, its findings as main reports them one by one, the finished run shown,
 * and each profile's earlier runs. Progress events of other or finished runs are ignored.
 */
import { create } from 'zustand';
import type { BoundaryError, CheckRun, CheckRunMeta, EventPayloads, FileContent, Finding, RequestOf, Result } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';
import { useProfilesStore } from './profiles.ts';
import { sortHistory } from './checkSelectors.ts';

export interface RunningCheck {
  profileId: string;
  /** Known from the first progress event on. */
  runId: string | null;
  findings: Finding[];
  done: number;
  total: number;
}

interface ChecksState {
  running: RunningCheck | null;
  /** The run on screen: the one just finished, or one opened from the history. */
  run: CheckRun | null;
  /** Which profile `history` belongs to. */
  historyFor: string | null;
  history: CheckRunMeta[];
  error: BoundaryError | null;
  start(request: RequestOf<'checksRun'>): Promise<void>;
  /** From the `checksProgress` event. */
  progress(payload: EventPayloads['checksProgress']): void;
  loadHistory(profileId: string): Promise<void>;
  open(runId: string): Promise<void>;
  report(runId: string, format: 'markdown' | 'html', language: 'de' | 'en'): Promise<Result<FileContent>>;
  dismissError(): void;
}

export const useChecksStore = create<ChecksState>()((set, get) => ({
  running: null,
  run: null,
  historyFor: null,
  history: [],
  error: null,
  async start(request) {
    if (get().running !== null) return;
    set({ running: { profileId: request.profileId, runId: null, findings: [], done: 0, total: 0 }, run: null, error: null });
    const r = await getDesk().checksRun(request);
    set({ running: null, ...(r.ok ? { run: r.value } : { error: r.error }) });
    // The profile list shows the last check's result; the history gains this run.
    await Promise.all([useProfilesStore.getState().load(), get().loadHistory(request.profileId)]);
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
    set(r.ok ? { run: r.value, error: null } : { error: r.error });
  },
  report: (runId, format, language) => getDesk().checksReport({ runId, format, language }),
  dismissError: () => set({ error: null }),
}));
