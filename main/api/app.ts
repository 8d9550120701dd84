/**
 * The main-process services behind the contract, for either host: the database, the vault, profiles, the journal,
 * backups, settings and the signed calls. Nothing here imports Electron; the host hands in what only it has
 * (the OS key store, the clipboard).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type {
  CheckPreferences,
  EventName,
  EventPayloads,
  JournalEntrySummary,
  JournalEntryView,
  ParsedRequestOf,
  ProfileView,
  UseCase,
  VaultView,
  WebsiteLanguage,
} from '../../preload/contract.ts';
import { journalExportRequestSchema, STEP_NAMES, USE_CASES, WEBSITE_LANGUAGES } from '../../preload/contract.ts';
import { RIGHT_MODULES, renderHtml, renderMarkdown, reportFileName, runCheck, type CheckRun, type RightRequirement } from '../checks/index.ts';
import { createClient } from '../onoffice/client.ts';
import { checkEndpoint } from '../onoffice/endpoint.ts';
import { categoryOf } from '../onoffice/errors.ts';
import type { Exchange } from '../onoffice/exchange.ts';
import type { Credentials } from '../onoffice/wire.ts';
import { exportEncrypted, exportMetadata, importBackup, previewImport, readBackup } from '../store/backup.ts';
import { CheckPreferenceStore } from '../store/check-preferences.ts';
import { inTransaction, openDatabase } from '../store/database.ts';
import { FieldCatalogueStore } from '../store/field-catalogues.ts';
import { Journal, type JournalEntry, type JournalEntryWithBodies, type JournalFilter } from '../store/journal.ts';
import { ProfileStore, type Profile } from '../store/profiles.ts';
import { RunStore } from '../store/runs.ts';
import { STORE_MIGRATIONS } from '../store/schema.ts';
import type { CipherId, CipherSource, SecretCipher } from '../store/secrets.ts';
import { Vault } from '../store/vault.ts';
import type { AppServices, AppServicesOptions, EventListener, UpdatesPort } from './app-types.ts';
import { consoleHandlers } from './console.ts';
import { createDemo } from './demo.ts';
import { BoundaryFailure, createDispatcher, type Handlers } from './dispatch.ts';
import { T, verbatim } from '../domain/i18n/index.ts';
import { fieldHandlers } from './fields.ts';
import { GuideStore, guideHandlers } from './guide.ts';
import { exportToFile, JournalExports, type ExportSource } from './journal-export.ts';
import { SettingsStore } from './settings.ts';

export const DATABASE_FILE = 'api-user-desk.sqlite';
const CLIPBOARD_CLEAR_SECONDS = 30;
const PRUNE_EVERY = 200;

/** Seals with the OS key store unless the person chose an app passphrase (or no usable key store exists). */
class ActiveCipher implements CipherSource {
  keyStore: SecretCipher | null = null;
  readonly vault: Vault;
  constructor(vault: Vault) {
    this.vault = vault;
  }
  get mode(): 'safestorage' | 'passphrase' {
    return this.keyStore !== null && !this.vault.hasPassphrase ? 'safestorage' : 'passphrase';
  }
  get id(): CipherId {
    return this.mode === 'safestorage' ? (this.keyStore as SecretCipher).id : this.vault.id;
  }
  get backend(): string {
    return this.mode === 'safestorage' ? (this.keyStore as SecretCipher).backend : this.vault.backend;
  }
  current(): SecretCipher {
    return this.mode === 'safestorage' ? (this.keyStore as SecretCipher) : this.vault.current();
  }
}

function toProfileView(p: Profile, locked: boolean): ProfileView {
  const last = p.lastCheck as ProfileView['lastCheck'];
  return {
    id: p.id,
    label: p.label,
    customer: p.customer,
    endpoint: p.endpoint,
    useCase: (USE_CASES as readonly string[]).includes(p.useCase) ? (p.useCase as UseCase) : 'custom',
    notes: p.notes,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    lastCheck: last && typeof last === 'object' && 'at' in last ? last : null,
    credentials: {
      state: p.credentialsState === 'ok' && locked ? 'locked' : p.credentialsState,
      tokenHint: p.tokenHint,
      hasApiClaim: p.hasApiClaim,
      cipher: p.sealedBy?.cipher ?? null,
      backend: p.sealedBy?.backend ?? null,
    },
    demo: p.demoScenario !== null,
  };
}

/** A list row: what the journal list shows, no bodies. */
function toJournalSummary(e: JournalEntry): JournalEntrySummary {
  return {
    id: e.id,
    exchangeId: e.groupId,
    at: e.time,
    profileId: e.profileId,
    runId: e.checkRunId,
    kind: e.actionKind ?? '',
    resourcetype: e.resourcetype ?? '',
    resourceid: e.resourceid ?? '',
    durationMs: e.durationMs,
    httpStatus: e.httpStatus,
    topCode: e.topCode,
    topErrorcode: e.topErrorcode,
    topMessage: e.topMessage,
    errorcode: e.actionErrorcode ?? (e.failureCode === null ? null : e.topErrorcode),
    message: e.actionMessage ?? e.failureMessage,
    category: e.category,
  };
}

function toJournalView(e: JournalEntryWithBodies): JournalEntryView {
  return {
    ...toJournalSummary(e),
    host: e.host,
    identifier: e.identifier ?? '',
    attempt: e.attempt,
    requestBody: e.requestBody,
    responseBody: e.responseBody,
  };
}

/** The journal's category of a failed exchange: the error catalogue's for an API error, else 'transport'. */
function exchangeCategory(x: Exchange): string | null {
  if (!x.failure) return null;
  return x.failure.code === 'api' ? categoryOf(x.top?.errorcode ?? 0) : 'transport';
}

function encodeCursor(c: { time: number; id: number } | null): string | null {
  return c === null ? null : `${c.time}.${c.id}`;
}
function decodeCursor(s: string | null): { time: number; id: number } | null {
  if (s === null) return null;
  const m = /^(\d+)\.(\d+)$/.exec(s);
  if (!m) throw new BoundaryFailure('invalid-request', T('errors.boundary.journalPosition'));
  return { time: Number(m[1]), id: Number(m[2]) };
}

function journalFilter(f: ParsedRequestOf<'journalQuery'>['filter']): JournalFilter {
  return {
    ...(f.profileId !== undefined ? { profileId: f.profileId } : {}),
    ...(f.runId !== undefined ? { checkRunId: f.runId } : {}),
    ...(f.ids !== undefined ? { ids: f.ids } : {}),
    ...(f.from !== undefined ? { from: f.from } : {}),
    ...(f.to !== undefined ? { to: f.to } : {}),
    ...(f.kind !== undefined ? { kinds: [f.kind] } : {}),
    ...(f.resourcetype ? { resourcetype: f.resourcetype } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.status !== undefined ? { status: f.status } : {}),
    ...(f.search ? { text: f.search } : {}),
  };
}

function stamp(now: number): string {
  return new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const now = options.now ?? Date.now;
  mkdirSync(options.dataDir, { recursive: true });
  const { db, recovered, close: closeDatabase } = openDatabase({ path: path.join(options.dataDir, DATABASE_FILE), migrations: STORE_MIGRATIONS, now });
  const settings = new SettingsStore(db);
  const vault = new Vault({ db, idleMinutes: settings.get().autoLockMinutes, now, scrypt: options.scrypt, timers: { setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) } });
  const cipher = new ActiveCipher(vault);
  let weakStorageRefused = false;
  let keyStoreBackend: string | null = null;

  async function openKeyStore(): Promise<void> {
    if (!options.keyStore) return;
    const opened = await options.keyStore.open({ allowWeak: settings.weakStorageAccepted });
    if (opened.ok) {
      cipher.keyStore = opened.cipher;
      keyStoreBackend = opened.cipher.backend;
      weakStorageRefused = false;
    } else {
      keyStoreBackend = opened.backend;
      weakStorageRefused = opened.code === 'weak-storage';
    }
  }
  await openKeyStore();

  const profiles = new ProfileStore({ db, cipher, now });
  const journal = new Journal({ db, now, bodyRetentionDays: () => settings.get().journalBodyRetentionDays });
  const runs = new RunStore(db);
  const checkPreferences = new CheckPreferenceStore(db);
  const guide = new GuideStore(db, now);
  /** The abort switch of each profile's running check, so a check can be stopped from either host. */
  const runningChecks = new Map<string, AbortController>();
  const pruneJournal = (): number => {
    const s = settings.get();
    return journal.prune({
      maxAgeDays: s.journalRetentionDays,
      maxEntries: s.journalMaxRows,
      // Bodies never outlive their entries.
      bodyMaxAgeDays: Math.min(s.journalBodyRetentionDays, s.journalRetentionDays),
    });
  };
  pruneJournal();
  let recordedSincePrune = 0;

  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    for (const l of listeners) l(event, payload);
  };
  const exports = new JournalExports((progress) => emit('journalExportProgress', progress));
  const exportFileName = (format: 'jsonl' | 'csv'): string => `api-user-desk-journal-${stamp(now())}.${format}`;
  /** The rows are read page by page as the export is written; the total is counted when it starts. */
  const exportSource = (format: 'jsonl' | 'csv', filter: ParsedRequestOf<'journalExport'>['filter']): ExportSource => {
    const f = journalFilter(filter);
    // Exports name each entry's profile by its label; a deleted profile keeps only its id.
    const labels = new Map(profiles.list().map((p) => [p.id, p.label]));
    const labelled = { profileLabel: (id: string) => labels.get(id) ?? null };
    const rows = format === 'jsonl' ? journal.exportJsonLines(f, labelled) : journal.exportCsv(f, labelled);
    // The CSV generator's first chunk is its header line; rows are counted without it.
    const header = format === 'csv' ? (rows.next().value ?? null) : null;
    return {
      fileName: exportFileName(format),
      mimeType: format === 'jsonl' ? 'application/x-ndjson' : 'text/csv',
      total: journal.countMatching(f),
      header,
      rows: { [Symbol.iterator]: () => rows },
    };
  };
  const locked = (): boolean => cipher.mode === 'passphrase' && vault.locked;
  const vaultView = (): VaultView => ({
    locked: locked(),
    mode: cipher.mode,
    backend: cipher.mode === 'safestorage' ? cipher.backend : vault.backend,
    passphraseSet: vault.hasPassphrase,
    keyStoreBackend,
    weakStorageRefused: weakStorageRefused && !vault.hasPassphrase,
    autoLockMinutes: settings.get().autoLockMinutes,
  });
  vault.onLockChange(() => emit('vaultChanged', vaultView()));

  const view = (p: Profile): ProfileView => toProfileView(p, locked());
  const demo = createDemo({ profiles, checkPreferences, cipher, view, language: () => settings.get().language, now, log: (line) => process.stderr.write(line) });
  // Demo profiles from an earlier start get their sandbox back before the first call is answered.
  await demo.resume();
  const requireProfile = (id: string): Profile => {
    const p = profiles.get(id);
    if (!p) throw new BoundaryFailure('not-found', T('error.not-found'));
    return p;
  };

  /**
   * A client for one profile whose every exchange lands in the journal, redacted with that profile's keys.
   * `onRecorded` hears the journal ids of each exchange (the checks engine ties its evidence to them).
   */
  function clientFor(profile: Profile, runId: string | null, onRecorded?: (exchange: Exchange, journalIds: number[]) => void) {
    const endpoint = checkEndpoint(profile.endpoint.url);
    if (!endpoint.ok) throw new BoundaryFailure('endpoint-invalid', T('errors.endpoint.profileUnusable', { reason: endpoint.reason }));
    let keys: Credentials | null = null;
    return createClient({
      endpoint: endpoint.url,
      now,
      credentials: async () => (keys = await profiles.readCredentials(profile.id)),
      onExchange: (x) => {
        if (keys === null) return;
        const { ids } = journal.record(x, { profileId: profile.id, checkRunId: runId, category: exchangeCategory(x), actionCategory: categoryOf, keys });
        // Retention holds during a long session too, not only at start.
        if (++recordedSincePrune >= PRUNE_EVERY) {
          recordedSincePrune = 0;
          pruneJournal();
        }
        onRecorded?.(x, ids);
        emit('journalAppended', { count: x.actions.length });
      },
    });
  }

  const requireUpdates = (): UpdatesPort => {
    if (!options.updates) {
      throw new BoundaryFailure('updates-unavailable', T('error.updates-unavailable'));
    }
    return options.updates;
  };
  // The updater follows the saved setting from the start; its view reaches the window as an event, nothing more.
  options.updates?.setAutoCheck(settings.get().updates.check);
  const unsubscribeUpdates = options.updates?.onChange((view) => emit('updateState', view));

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

  const handlers: Handlers = {
    appInfo: async () => services.info(),

    vaultState: async () => vaultView(),
    vaultSetPassphrase: async ({ passphrase, current }) => {
      if (vault.hasPassphrase) {
        if (current === undefined) throw new BoundaryFailure('passphrase-exists', T('errors.boundary.passphraseExists'));
        const prepared = await vault.prepareChange(current, passphrase);
        // Reading the secrets needs the current key: unlock with the passphrase just verified.
        if (vault.locked) await vault.unlock(current);
        const resealed = await profiles.resealAllWith(prepared.cipher);
        // All or nothing: a crash before the commit leaves the old passphrase and the old seals in force.
        inTransaction(db, () => {
          profiles.writeResealed(resealed);
          vault.writeChange(prepared);
        });
        vault.adopt(prepared);
        return vaultView();
      }
      // The first passphrase takes over from the OS key store: its secrets are re-sealed and stored together with
      // the passphrase check in one transaction, so a failure leaves everything as it was.
      const prepared = await vault.prepareSetUp(passphrase);
      const resealed = cipher.mode === 'safestorage' ? await profiles.resealAllWith(prepared.cipher) : [];
      inTransaction(db, () => {
        profiles.writeResealed(resealed);
        vault.writeSetUp(prepared);
      });
      vault.adopt(prepared);
      return vaultView();
    },
    vaultUnlock: async ({ passphrase }) => {
      await vault.unlock(passphrase);
      return vaultView();
    },
    vaultLock: async () => {
      vault.lock('manual');
      return vaultView();
    },
    vaultAcceptWeakStorage: async () => {
      if (!options.keyStore) throw new BoundaryFailure('no-key-store', T('error.no-key-store'));
      settings.acceptWeakStorage();
      await openKeyStore();
      emit('vaultChanged', vaultView());
      return vaultView();
    },

    profilesList: async () => profiles.list().map(view),
    profilesGet: async ({ id }) => view(requireProfile(id)),
    profilesCreate: async ({ token, secret, apiClaim, ...fields }) => view(await profiles.create(fields, { token, secret, apiClaim })),
    profilesUpdate: async ({ id, patch }) => view(profiles.updateMetadata(id, patch)),
    profilesRotateCredentials: async ({ id, token, secret, apiClaim }) => view(await profiles.rotateCredentials(id, { token, secret, apiClaim })),
    profilesDelete: async ({ id }) => {
      profiles.delete(id);
      return { deleted: true as const };
    },
    profilesDuplicate: async ({ id, withCredentials }) => {
      const copy = profiles.duplicate(id);
      if (withCredentials && requireProfile(id).credentialsState === 'ok') {
        return view(await profiles.rotateCredentials(copy.id, await profiles.readCredentials(id)));
      }
      return view(copy);
    },
    profilesCopyToken: async ({ id }) => {
      if (!options.clipboard) {
        throw new BoundaryFailure('clipboard-unavailable', T('error.clipboard-unavailable'));
      }
      const { token } = await profiles.readCredentials(id);
      options.clipboard.copyAndClear(token, CLIPBOARD_CLEAR_SECONDS * 1000);
      return { clearsAfterSeconds: CLIPBOARD_CLEAR_SECONDS };
    },

    ...consoleHandlers({
      requireProfile,
      clientFor: (profile, onRecorded) => clientFor(profile, null, onRecorded),
      readCredentials: (profileId) => profiles.readCredentials(profileId),
      language: () => settings.get().language,
    }),

    journalQuery: async ({ filter, cursor, limit }) => {
      const page = journal.query(journalFilter(filter), { limit, cursor: decodeCursor(cursor) });
      return { entries: page.entries.map(toJournalSummary), nextCursor: encodeCursor(page.next) };
    },
    journalEntry: async ({ id }) => {
      const entry = journal.get(id);
      if (entry === null) throw new BoundaryFailure('not-found', T('errors.boundary.entryGone'));
      return toJournalView(entry);
    },
    journalExport: async ({ format, filter, exportId }) => {
      if (!options.saveDialog) throw new BoundaryFailure('export-unavailable', T('errors.boundary.exportUnavailable'));
      const target = await options.saveDialog.choose(exportFileName(format), format);
      if (target === null) return { state: 'dismissed' as const, fileName: null, rows: 0 };
      const source = exportSource(format, filter);
      const result = await exportToFile(target, (write) => exports.run(exportId, source, write));
      return { state: result.state === 'done' ? ('written' as const) : ('cancelled' as const), fileName: path.basename(target), rows: result.rows };
    },
    journalExportCancel: async ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
    journalCount: async ({ filter }) => ({ ...journal.countUpTo(journalFilter(filter)), newestId: journal.newestId() }),
    journalClear: async ({ throughId }) => ({ deleted: journal.clear(throughId) }),

    backupExport: async ({ profileIds, includeSecrets, passphrase }) => {
      const encrypted = includeSecrets ? await exportEncrypted(profiles, profileIds, passphrase as string, { now, scrypt: options.scrypt }) : null;
      return {
        fileName: `api-user-desk-${includeSecrets ? 'backup' : 'profiles'}-${stamp(now())}.audbackup`,
        mimeType: 'application/octet-stream',
        content: encrypted?.text ?? exportMetadata(profiles, profileIds, { now }),
        withoutCredentials: (encrypted?.withoutCredentials ?? []).map((id) => profiles.get(id)?.label ?? id),
      };
    },
    backupInspect: async ({ content, passphrase }) => {
      const contents = await readBackup(content, passphrase);
      return (await previewImport(profiles, contents)).map(({ incoming, hasCredentials, endpoint, conflict, serverChanged }) => ({
        id: incoming.id,
        label: incoming.label,
        customer: incoming.customer,
        hasCredentials,
        conflict: conflict?.kind === 'same-profile',
        endpoint: { from: conflict?.existing.endpoint.url ?? null, to: endpoint, serverChanged },
      }));
    },
    backupImport: async ({ content, passphrase, choices }) => {
      const contents = await readBackup(content, passphrase);
      // Undecided conflicts get the store's default: a profile here is skipped, one that only shares the name is added.
      const result = await importBackup(profiles, contents, (c) => choices[c.incoming.id]);
      return {
        imported: result.created.length + result.replaced.length,
        skipped: result.skipped.length,
        credentialsDropped: result.credentialsDropped.map(({ label, reason }) => ({ label, reason })),
      };
    },

    checksRun: async ({ profileId, useCase, customRights, customAdmin, expectEstates, mail, fields, language, pictureCategories, steps }, context) => {
      const profile = requireProfile(profileId);
      const unknownModule = customRights.find((r) => !(RIGHT_MODULES as readonly string[]).includes(r.module));
      if (unknownModule) throw new BoundaryFailure('invalid-request', T('errors.boundary.unknownModule', { module: verbatim(unknownModule.module) }));
      const credentials = await profiles.readCredentials(profileId);
      const stop = new AbortController();
      runningChecks.get(profileId)?.abort();
      runningChecks.set(profileId, stop);
      // Stopped by its asker leaving (the browser host) or by checksCancel.
      const signal = AbortSignal.any([context.signal, stop.signal]);
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
          clientFor(profile, runId, (x, ids) => {
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
      return result;
    },
    checksHistory: async ({ profileId }) =>
      runs.list(profileId).map((m) => ({
        id: m.id,
        startedAt: m.startedAt,
        finishedAt: m.finishedAt,
        useCase: m.useCase,
        endpointHost: m.endpointHost,
        summary: m.summary as CheckRun['summary'],
        ...(Array.isArray(m.steps) ? { steps: STEP_NAMES.filter((n) => (m.steps as unknown[]).includes(n)) } : {}),
      })),
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

    ...demo.handlers,

    ...guideHandlers(guide),

    ...fieldHandlers({
      catalogues: new FieldCatalogueStore(db),
      requireProfile,
      clientFor: (profile) => clientFor(profile, null),
      readCredentials: (profileId) => profiles.readCredentials(profileId),
      language: () => settings.get().language,
      now,
    }),

    clipboardCopyText: async ({ text }) => {
      // The browser host has no clipboard of its own: its page copies with the browser's clipboard instead.
      if (!options.clipboard) throw new BoundaryFailure('clipboard-unavailable', T('errors.boundary.copiesInPage'));
      options.clipboard.copy(text);
      return { copied: true as const };
    },

    settingsGet: async () => settings.get(),
    settingsSet: async (patch) => {
      const next = settings.set(patch);
      if (patch.updates !== undefined) options.updates?.setAutoCheck(next.updates.check);
      if (patch.autoLockMinutes !== undefined) vault.setIdleMinutes(patch.autoLockMinutes);
      if (patch.journalRetentionDays !== undefined || patch.journalMaxRows !== undefined || patch.journalBodyRetentionDays !== undefined) {
        pruneJournal();
      }
      if (patch.autoLockMinutes !== undefined) emit('vaultChanged', vaultView());
      return next;
    },

    updateGet: async () => requireUpdates().view(),
    updateCheckNow: async () => requireUpdates().checkNow(),
    updateRestart: async () => {
      const outcome = requireUpdates().restart();
      if (outcome === 'not-ready') throw new BoundaryFailure('update-not-ready', T('error.update-not-ready'));
      if (outcome === 'failed') throw new BoundaryFailure('update-restart-failed', T('error.update-restart-failed'));
      return { restarting: true as const };
    },
  };

  const dispatch = createDispatcher(handlers, (channel, error) => {
    // Only the channel and the error's kind: a message or stack could carry request data.
    process.stderr.write(`api-user-desk: ${channel} failed unexpectedly (${error instanceof Error ? error.name : typeof error})\n`);
  });

  const services: AppServices = {
    dispatch,
    openJournalExport(request) {
      const parsed = journalExportRequestSchema.safeParse(request ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: 'The export request was not understood.' } };
      const { format, filter, exportId } = parsed.data;
      const source = exportSource(format, filter);
      return {
        ok: true,
        value: { fileName: source.fileName, mimeType: source.mimeType, pipe: (write, signal) => exports.run(exportId, source, write, signal) },
      };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lock: (reason) => vault.lock(reason),
    touch: () => vault.touch(),
    settings: () => settings.get(),
    info: () => ({ version: options.appVersion, host: options.host, platform: options.platform, databaseRecovered: recovered }),
    close: async () => {
      unsubscribeUpdates?.();
      await demo.stop();
      vault.lock('quit');
      listeners.clear();
      // A clean close leaves the marker that spares the next start the integrity check.
      closeDatabase();
    },
  };
  return services;
}
