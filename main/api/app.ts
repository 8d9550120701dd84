/**
 * The composition root of the main-process services, for either host: opens the database, builds the stores and
 * the domain services (vault, profiles, journal, backup, checks, settings, and the console, fields, guide and demo),
 * and joins their handlers into one dispatcher. Nothing here imports Electron; the host hands in what only it has
 * (the OS key store, the clipboard, the updater, the save dialog).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EventName, EventPayloads, ProfileView } from '../../preload/contract.ts';
import { T } from '../domain/i18n/index.ts';
import { CheckPreferenceStore } from '../store/check-preferences.ts';
import { openDatabase } from '../store/database.ts';
import { FieldCatalogueStore } from '../store/field-catalogues.ts';
import { Journal } from '../store/journal.ts';
import { ProfileStore, type Profile } from '../store/profiles.ts';
import { RunStore } from '../store/runs.ts';
import { STORE_MIGRATIONS } from '../store/schema.ts';
import type { AppServices, AppServicesOptions, EventListener } from './app-types.ts';
import { backupHandlers } from './backup.ts';
import { createCheckService } from './checks.ts';
import { consoleHandlers } from './console.ts';
import type { ServiceContext } from './context.ts';
import { createDemo } from './demo.ts';
import { BoundaryFailure, createDispatcher, type Handlers } from './dispatch.ts';
import { fieldHandlers } from './fields.ts';
import { GuideStore, guideHandlers } from './guide.ts';
import { createJournalService } from './journal.ts';
import { profileHandlers, toProfileView } from './profiles.ts';
import { SettingsStore, settingsHandlers } from './settings.ts';
import { createVaultService } from './vault.ts';

export const DATABASE_FILE = 'api-user-desk.sqlite';

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const now = options.now ?? Date.now;
  mkdirSync(options.dataDir, { recursive: true });
  const { db, recovered, close: closeDatabase } = openDatabase({ path: path.join(options.dataDir, DATABASE_FILE), migrations: STORE_MIGRATIONS, now });

  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    for (const l of listeners) l(event, payload);
  };

  const settings = new SettingsStore(db);
  const vault = await createVaultService({ db, settings, now, emit, keyStore: options.keyStore, scrypt: options.scrypt });
  const profiles = new ProfileStore({ db, cipher: vault.cipher, now });
  const journal = new Journal({ db, now, bodyRetentionDays: () => settings.get().journalBodyRetentionDays });
  const journalService = createJournalService({ journal, profiles, settings, now, emit, saveDialog: options.saveDialog });
  journalService.prune();

  const view = (p: Profile): ProfileView => toProfileView(p, vault.locked());
  const requireProfile = (id: string): Profile => {
    const p = profiles.get(id);
    if (!p) throw new BoundaryFailure('not-found', T('error.not-found'));
    return p;
  };
  const context: ServiceContext = {
    options,
    db,
    now,
    emit,
    settings,
    profiles,
    journal,
    runs: new RunStore(db),
    checkPreferences: new CheckPreferenceStore(db),
    locked: vault.locked,
    view,
    requireProfile,
    clientFor: journalService.clientFor,
  };

  const demo = createDemo({
    profiles,
    checkPreferences: context.checkPreferences,
    cipher: vault.cipher,
    view,
    language: () => settings.get().language,
    now,
    log: (line) => process.stderr.write(line),
  });
  // Demo profiles from an earlier start get their sandbox back before the first call is answered.
  await demo.resume();

  const checks = createCheckService(context);

  // The updater follows the saved setting from the start; its view reaches the window as an event, nothing more.
  options.updates?.setAutoCheck(settings.get().updates.check);
  const unsubscribeUpdates = options.updates?.onChange((updateView) => emit('updateState', updateView));

  const language = () => settings.get().language;
  const handlers: Handlers = {
    appInfo: async () => services.info(),
    ...vault.handlers(profiles),
    ...profileHandlers(context),
    ...consoleHandlers({
      requireProfile,
      clientFor: (profile, onRecorded) => journalService.clientFor(profile, null, onRecorded),
      readCredentials: (profileId) => profiles.readCredentials(profileId),
      language,
    }),
    ...journalService.handlers,
    ...backupHandlers({ profiles, now, scrypt: options.scrypt }),
    ...checks.handlers,
    ...demo.handlers,
    ...guideHandlers(new GuideStore(db, now)),
    ...fieldHandlers({
      catalogues: new FieldCatalogueStore(db),
      requireProfile,
      clientFor: (profile) => journalService.clientFor(profile, null),
      readCredentials: (profileId) => profiles.readCredentials(profileId),
      language,
      now,
    }),
    ...settingsHandlers({
      settings,
      updates: options.updates,
      clipboard: options.clipboard,
      onChange: (patch) => {
        if (patch.autoLockMinutes !== undefined) vault.vault.setIdleMinutes(patch.autoLockMinutes);
        if (patch.journalRetentionDays !== undefined || patch.journalMaxRows !== undefined || patch.journalBodyRetentionDays !== undefined) {
          journalService.prune();
        }
        if (patch.autoLockMinutes !== undefined) emit('vaultChanged', vault.view());
      },
    }),
  };

  const dispatch = createDispatcher(handlers, (channel, error) => {
    // Only the channel and the error's kind: a message or stack could carry request data.
    process.stderr.write(`api-user-desk: ${channel} failed unexpectedly (${error instanceof Error ? error.name : typeof error})\n`);
  });

  const services: AppServices = {
    dispatch,
    openJournalExport: (request) => journalService.openJournalExport(request),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lock: (reason) => vault.vault.lock(reason),
    touch: () => vault.vault.touch(),
    settings: () => settings.get(),
    info: () => ({ version: options.appVersion, host: options.host, platform: options.platform, databaseRecovered: recovered }),
    close: async () => {
      unsubscribeUpdates?.();
      checks.cancelAll();
      await demo.stop();
      vault.vault.lock('quit');
      listeners.clear();
      // A clean close leaves the marker that spares the next start the integrity check.
      closeDatabase();
    },
  };
  return services;
}
