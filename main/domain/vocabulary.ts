/**
 * The app's vocabulary as plain data: the lists and defaults main, preload and renderer share. Defined once here;
 * preload/contract.ts (with its zod schemas, which stay out of the renderer's bundle) and main/checks re-export
 * them. Pure: no Node, no Electron, no zod.
 */
import type { ACTION_KINDS } from './usecases.ts';

// Credentials and the signed envelope (ONOFFICE_API.md §3).
export const TOKEN_LENGTH = 32;
export const SECRET_LENGTH = 64;
/** Accepted distance between an action's timestamp and the server's time, in seconds (§3). */
export const TIMESTAMP_WINDOW_SECONDS = 120;

/** What an onOffice error code or a transport failure is about (the error catalogue's categories). */
export const ERROR_CATEGORIES = [
  'credentials',
  'clock',
  'rights',
  'mail',
  'fields',
  'structure',
  'marketplace',
  'server',
  'transport',
  'api',
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

// Findings of the onboarding check.
export const FINDING_STATUSES = ['pass', 'fail', 'warn', 'info', 'skipped', 'unknown'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Where a finding's fix is made: the fix box is titled by it ("Fix in enterprise", "Fix on this computer", …). */
export const FIX_WHERE = ['enterprise', 'this-computer', 'network', 'server', 'integration', 'onoffice-support'] as const;
export type FixWhere = (typeof FIX_WHERE)[number];

/** Why an expected estate is or is not on the website; several can apply (`estate:<id>` findings). */
export const ESTATE_REASONS = [
  'visible',
  'not-found',
  'no-read-right',
  'hidden-by-publish-restriction',
  'not-published',
  'sold',
  'reserved',
  'reference',
  'inactive',
  'language-missing',
  'no-pictures-released',
  'undetermined',
] as const;
export type EstateReason = (typeof ESTATE_REASONS)[number];

/** The steps of the onboarding check, in report order (one can run alone: re-checking a step). */
export const STEP_NAMES = ['connection', 'rights', 'publish', 'estates', 'fields', 'mailbox', 'log'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** The setup guide's steps, in order. */
export const GUIDE_STEPS = ['useCase', 'create', 'credentials', 'connection', 'rights', 'publish', 'mailbox', 'log'] as const;
export type GuideStep = (typeof GUIDE_STEPS)[number];

/** Console actions that change data in enterprise: each call needs the person's confirmation. */
export const WRITE_ACTION_KINDS = ['create', 'modify', 'delete', 'do'] as const satisfies readonly (typeof ACTION_KINDS)[number][];

// Updates: the desktop app only.
export const UPDATE_ERROR_KINDS = ['network', 'signature', 'other'] as const;
export type UpdateErrorKind = (typeof UPDATE_ERROR_KINDS)[number];
/** not-packaged: a development build; no-update-config: no app-update.yml beside the app; unsupported: an install that cannot update itself. */
export const UPDATE_DISABLED_REASONS = ['not-packaged', 'no-update-config', 'unsupported'] as const;
export type UpdateDisabledReason = (typeof UPDATE_DISABLED_REASONS)[number];

// Settings.
export const SETTINGS_DEFAULTS = {
  language: 'de' as 'de' | 'en',
  /**
   * False until the person picks a language: until then the app follows the system's language (German for de-*,
   * English otherwise), which the renderer reads from the browser/Electron locale at start.
   */
  languageChosen: false,
  theme: 'system' as 'system' | 'light' | 'dark',
  autoLockMinutes: 15,
  journalRetentionDays: 90,
  journalMaxRows: 100_000,
  /** Days the journal keeps request and response bodies (CRM data); 0 = never store bodies. Metadata: journalRetentionDays. */
  journalBodyRetentionDays: 30,
  /** `check`: look for updates at start and every 6 hours (desktop app only). */
  updates: { check: true },
};
export type Settings = typeof SETTINGS_DEFAULTS;

// The field catalogue of a profile, and the check's field, language and picture inputs.
export const FIELD_MODULES = ['estate', 'address'] as const;
export type FieldModule = (typeof FIELD_MODULES)[number];
/** A field name as the API spells it; a client's own fields start with `ind_`. */
export const FIELD_NAME_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
export const MAX_CHECK_FIELDS = 500;
/** Picture categories the check offers; the first six are the ones websites usually show. */
export const PICTURE_CATEGORIES = ['Titelbild', 'Foto', 'Foto_gross', 'Grundriss', 'Lageplan', 'Panorama', 'Epass_Skala'] as const;
export type PictureCategory = (typeof PICTURE_CATEGORIES)[number];
export const DEFAULT_PICTURE_CATEGORIES: readonly PictureCategory[] = PICTURE_CATEGORIES.slice(0, 6);
/** Languages a website can show estates in, as onOffice names them; none means the main language only. */
export const WEBSITE_LANGUAGES = ['DEU', 'ENG', 'FRA', 'ITA', 'ESP', 'NLD', 'POL', 'CZE', 'DAN', 'SWE', 'NOR', 'FIN', 'PRT', 'RUS', 'TUR', 'HUN', 'GRC', 'HRV'] as const;
export type WebsiteLanguage = (typeof WEBSITE_LANGUAGES)[number];

/** The contract's channels by name (preload/contract.ts checks at compile time that this is exactly its CHANNELS). */
export const CHANNEL_NAMES = [
  'appInfo',
  'vaultState',
  'vaultSetPassphrase',
  'vaultUnlock',
  'vaultLock',
  'vaultAcceptWeakStorage',
  'profilesList',
  'profilesGet',
  'profilesCreate',
  'profilesUpdate',
  'profilesRotateCredentials',
  'profilesDelete',
  'profilesDuplicate',
  'profilesCopyToken',
  'consoleCall',
  'journalQuery',
  'journalEntry',
  'journalExport',
  'journalExportCancel',
  'journalCount',
  'journalClear',
  'backupExport',
  'backupInspect',
  'backupImport',
  'checksRun',
  'checksHistory',
  'checksGet',
  'checksReport',
  'checksPreferencesGet',
  'checksCancel',
  'checksPreferencesSet',
  'demoStart',
  'demoRemove',
  'guideGet',
  'guideSave',
  'fieldsGet',
  'fieldsFetch',
  'fieldsValues',
  'clipboardCopyText',
  'settingsGet',
  'settingsSet',
  'updateGet',
  'updateCheckNow',
  'updateRestart',
] as const;

/** The events main sends (the contract's EventPayloads has exactly these). */
export const EVENT_NAMES = ['vaultChanged', 'journalAppended', 'journalExportProgress', 'checksProgress', 'updateState'] as const;
