/**
 * The checks domain: one profile's onboarding check (run, cancel, stored with its journal evidence), the history,
 * the stored runs, reports, and the per-profile check preferences. `runProfileCheck` is the one way a check runs,
 * whoever asks (the check form, the guide, a re-check of many profiles, a schedule).
 */
import { randomUUID } from 'node:crypto';
import type { CheckPreferences, CheckRunMeta, ParsedRequestOf, UseCase, WebsiteLanguage } from '../../preload/contract.ts';
import { STEP_NAMES, USE_CASES, WEBSITE_LANGUAGES } from '../../preload/contract.ts';
import { RIGHT_MODULES, renderHtml, renderMarkdown, reportFileName, runCheck, type CheckRun, type RightRequirement } from '../checks/index.ts';
import { T, verbatim } from '../domain/i18n/index.ts';
import type { Exchange } from '../onoffice/exchange.ts';
import type { ServiceContext } from './context.ts';
import { BoundaryFailure, type Handlers } from './dispatch.ts';

export type CheckRequest = ParsedRequestOf<'checksRun'>;

export type ChecksHandlers = Pick<
  Handlers,
  'checksRun' | 'checksHistory' | 'checksGet' | 'checksReport' | 'checksPreferencesGet' | 'checksPreferencesSet' | 'checksCancel'
>;

/** A run just stored, with the metadata it was stored under. `partial`: a re-check of some steps. */
export interface StoredRun {
  run: CheckRun;
  profileId: string;
  partial: boolean;
}

export interface CheckService {
  handlers: ChecksHandlers;
  /**
   * Runs one profile's check and stores it; a full run becomes the profile's last check. Throws a `cancelled`
   * failure when `signal` aborts (nothing is stored then), and the usual failures for a missing profile, locked
   * vault or missing credentials.
   */
  runProfileCheck(request: CheckRequest, signal: AbortSignal): Promise<CheckRun>;
  /** True while a check of this profile runs. */
  isRunning(profileId: string): boolean;
  /** Hears every stored run, after it is stored; returns the unsubscribe function. */
  onStored(listener: (stored: StoredRun) => void): () => void;
  /** Stops every running check (the services close). */
  cancelAll(): void;
}

type CheckContext = Pick<ServiceContext, 'profiles' | 'runs' | 'checkPreferences' | 'requireProfile' | 'clientFor' | 'emit' | 'now'>;

export function createCheckService(ctx: CheckContext): CheckService {
  const { profiles, runs, checkPreferences, requireProfile, emit, now } = ctx;
  /** The abort switch of each profile's running check, so a check can be stopped from either host. */
  const runningChecks = new Map<string, AbortController>();
  const storedListeners = new Set<(stored: StoredRun) => void>();

  const checkPreferencesOf = (profileId: string): CheckPreferences => {
    const { language, mailIdentity } = checkPreferences.get(profileId);
    // A value this version does not offer (written by another one) starts the form on the main language.
    return { language: (WEBSITE_LANGUAGES as readonly string[]).includes(language ?? '') ? (language as WebsiteLanguage) : null, mailIdentity };
  };

  const requireRun = (runId: string): CheckRun => {
    const stored = runs.get(runId);
    if (!stored) throw new BoundaryFailure('not-found', T('errors.boundary.runGone'));
    return stored.run as CheckRun;
  };

  async function runProfileCheck(request: CheckRequest, outer: AbortSignal): Promise<CheckRun> {
    const { profileId, useCase, customRights, customAdmin, expectEstates, mail, fields, language, pictureCategories, steps } = request;
    const profile = requireProfile(profileId);
    const unknownModule = customRights.find((r) => !(RIGHT_MODULES as readonly string[]).includes(r.module));
    if (unknownModule) throw new BoundaryFailure('invalid-request', T('errors.boundary.unknownModule', { module: verbatim(unknownModule.module) }));
    const credentials = await profiles.readCredentials(profileId);
    const stop = new AbortController();
    runningChecks.get(profileId)?.abort();
    runningChecks.set(profileId, stop);
    // Stopped by its asker leaving (the browser host), by checksCancel, or by a cancelled batch.
    const signal = AbortSignal.any([outer, stop.signal]);
    const runId = randomUUID();
    const name = useCase ?? (USE_CASES.includes(profile.useCase as UseCase) ? (profile.useCase as UseCase) : 'website');
    const startedAt = now();
    const meta = (run: CheckRun | null) => ({
      id: runId,
      profileId,
      startedAt,
      finishedAt: run ? Date.parse(run.finishedAt) : null,
      useCase: name,
      endpointHost: new URL(profile.endpoint.url).host,
      summary: run?.summary ?? {},
    });
    const journalIdsByExchange = new Map<Exchange, number[]>();
    const run = await runCheck({
      runId,
      profileId,
      useCase: name,
      customRights: customRights as RightRequirement[],
      customAdmin,
      expectEstates,
      mail,
      fields,
      language,
      ...(pictureCategories === undefined ? {} : { pictureCategories: [...new Set(pictureCategories)] }),
      ...(steps === undefined ? {} : { steps }),
      credentials,
      now,
      clientFactory: (onExchange) =>
        ctx.clientFor(profile, runId, (x, ids) => {
          journalIdsByExchange.set(x, ids);
          onExchange(x);
        }),
      // The engine asks for the journal ids of each exchange it hears of (one per action): the ones just stored.
      recordExchange: (x) => journalIdsByExchange.get(x),
      onProgress: (finding, { done, total }) => emit('checksProgress', { runId, profileId, finding, done, total }),
      signal,
    }).finally(() => {
      if (runningChecks.get(profileId) === stop) runningChecks.delete(profileId);
    });
    // A run cut short by its asker leaving would read as a failed connection: it is not kept as a result.
    if (signal.aborted) throw new BoundaryFailure('cancelled', T('error.cancelled'));
    // A re-check of some steps is kept with the steps it covered; it says nothing about the whole setup, so the
    // profile's last check stays the last full one.
    const covered = steps === undefined ? [] : STEP_NAMES.filter((n) => steps.includes(n));
    const partial = covered.length > 0 && covered.length < STEP_NAMES.length;
    const result: CheckRun = partial ? { ...run, steps: covered } : run;
    runs.save(meta(result), result);
    if (!partial) {
      profiles.setLastCheck(profileId, {
        at: Date.parse(run.finishedAt),
        pass: run.summary.pass,
        warn: run.summary.warn,
        fail: run.summary.fail,
        // A run whose required checks stayed without an answer did not pass, whatever else it found.
        inconclusive: run.inconclusive ?? 0,
        runId,
      });
    }
    for (const listener of storedListeners) {
      // What others do with a stored run (history, notifications) never turns the check itself into a failure.
      try {
        listener({ run: result, profileId, partial });
      } catch (e) {
        process.stderr.write(`api-user-desk: a stored check run's listener failed (${e instanceof Error ? e.name : typeof e})\n`);
      }
    }
    return result;
  }

  const handlers: ChecksHandlers = {
    checksRun: async (request, context) => runProfileCheck(request, context.signal),
    checksHistory: async ({ profileId }) =>
      runs.list(profileId).map(
        (m): CheckRunMeta => ({
          id: m.id,
          startedAt: m.startedAt,
          finishedAt: m.finishedAt,
          useCase: m.useCase,
          endpointHost: m.endpointHost,
          summary: m.summary as CheckRun['summary'],
          ...(Array.isArray(m.steps) ? { steps: STEP_NAMES.filter((n) => (m.steps as unknown[]).includes(n)) } : {}),
        }),
      ),
    checksGet: async ({ runId }) => requireRun(runId),
    checksReport: async ({ runId, format, language }) => {
      const run = requireRun(runId);
      // The report names the profile and its customer; a run whose profile is gone still reports.
      const profile = run.profileId !== undefined ? profiles.get(run.profileId) : null;
      const context = { profileLabel: profile?.label ?? '', customer: profile?.customer ?? '' };
      return format === 'markdown'
        ? { fileName: reportFileName(run, context.profileLabel, 'md'), mimeType: 'text/markdown', content: renderMarkdown(run, language, context) }
        : { fileName: reportFileName(run, context.profileLabel, 'html'), mimeType: 'text/html', content: renderHtml(run, language, context) };
    },
    checksPreferencesGet: async ({ profileId }) => {
      requireProfile(profileId);
      return checkPreferencesOf(profileId);
    },
    checksCancel: async ({ profileId }) => {
      const running = runningChecks.get(profileId);
      running?.abort();
      return { cancelled: running !== undefined };
    },
    checksPreferencesSet: async ({ profileId, language, mailIdentity }) => {
      requireProfile(profileId);
      if (language !== undefined && !checkPreferences.setLanguage(profileId, language)) throw new BoundaryFailure('not-found', T('error.not-found'));
      if (mailIdentity !== undefined && !checkPreferences.setMailIdentity(profileId, mailIdentity)) throw new BoundaryFailure('not-found', T('error.not-found'));
      return checkPreferencesOf(profileId);
    },
  };

  return {
    handlers,
    runProfileCheck,
    isRunning: (profileId) => runningChecks.has(profileId),
    onStored(listener) {
      storedListeners.add(listener);
      return () => storedListeners.delete(listener);
    },
    cancelAll() {
      for (const c of runningChecks.values()) c.abort();
    },
  };
}
