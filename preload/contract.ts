/**
 * THE boundary between the renderer and the main process: every channel with its zod request schema and its
 * result type, and every event main sends. Main, preload, the browser host's bridge and the renderer all import
 * this one file. Nothing in a result ever carries a secret: credentials cross it once, inbound, and never return.
 */
import { z } from 'zod';
import { STEP_NAMES, type StepName } from '../main/domain/vocabulary.ts';
import type { CheckRun, Finding } from '../main/checks/types.ts';
import { RIGHT_MODULES } from '../main/checks/usecases.ts';
import type { Text } from '../main/domain/i18n/text.ts';
import { ACTION_KINDS, USE_CASE_NAMES as USE_CASES, type UseCaseName as UseCase } from '../main/domain/usecases.ts';

/** Both languages of a text that is data, not the app's (a field's label from the API). */
export interface Localized {
  de: string;
  en: string;
}
export type { CheckRun, Finding };
// The check vocabulary the renderer lays out (statuses, reasons, rights, use-case definitions) comes through this
// boundary, so the renderer imports nothing from main/ directly.
export { ESTATE_REASONS, FINDING_STATUSES, FIX_WHERE, type EstateReason, type FindingStatus, type FixWhere } from '../main/domain/vocabulary.ts';
export type { Summary } from '../main/checks/types.ts';
// Use cases and action kinds are defined once, in main/domain/usecases.ts.
export {
  ACTION_KINDS,
  RIGHT_ACTIONS,
  RIGHT_MODULES,
  USE_CASES as USE_CASE_DEFINITIONS,
  USE_CASE_NAMES as USE_CASES,
  USE_CASE_TEXT,
  customUseCase,
  useCaseTitle,
  type RightAction,
  type RightModule,
  type RightRequirement,
  type UseCaseName as UseCase,
} from '../main/domain/usecases.ts';
// Lists and defaults: plain data in main/domain/vocabulary.ts, which the renderer imports directly (no zod).
import {
  FIELD_MODULES,
  FIELD_NAME_PATTERN,
  GUIDE_STEPS,
  MAX_CHECK_FIELDS,
  PICTURE_CATEGORIES,
  WEBSITE_LANGUAGES,
  type CHANNEL_NAMES,
  type EVENT_NAMES,
  type FieldModule,
  type Settings,
  type UpdateDisabledReason,
  type UpdateErrorKind,
  type WebsiteLanguage,
} from '../main/domain/vocabulary.ts';
export {
  CHANNEL_NAMES,
  DEFAULT_PICTURE_CATEGORIES,
  EVENT_NAMES,
  FIELD_MODULES,
  FIELD_NAME_PATTERN,
  GUIDE_STEPS,
  MAX_CHECK_FIELDS,
  PICTURE_CATEGORIES,
  SETTINGS_DEFAULTS,
  STEP_NAMES,
  UPDATE_DISABLED_REASONS,
  UPDATE_ERROR_KINDS,
  WEBSITE_LANGUAGES,
  WRITE_ACTION_KINDS,
  type FieldModule,
  type GuideStep,
  type PictureCategory,
  type Settings,
  type StepName,
  type UpdateDisabledReason,
  type UpdateErrorKind,
  type WebsiteLanguage,
} from '../main/domain/vocabulary.ts';

// ---------------------------------------------------------------------------------------------------------------
// The result envelope. Thrown errors lose their codes across IPC, so handlers return values.

export interface BoundaryError {
  code: string;
  message: string;
  /** The message as a catalogue text, set where it is meant for a person: shown in the language chosen now. */
  text?: Text;
  details?: unknown;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: BoundaryError };

// ---------------------------------------------------------------------------------------------------------------
// Shared shapes.


export const endpointSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stable') }),
  z.object({ kind: z.literal('latest') }),
  z.object({ kind: z.literal('custom'), url: z.string().min(1).max(2048) }),
]);
export type EndpointInput = z.infer<typeof endpointSchema>;

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
/** Credentials are checked in depth by main (lengths, whitespace, swapped); here only bounded. */
const credential = z.string().min(1).max(512);
/** A marketplace API user's claim: optional, write-only like the secret; main trims it and checks it in depth. */
const apiClaim = z.string().max(4096).optional();

export const profileFieldsSchema = z.object({
  label: z.string().trim().min(1).max(100),
  customer: text(200).default(''),
  endpoint: endpointSchema,
  useCase: z.enum(USE_CASES).default('website'),
  notes: text(5000).default(''),
});

export type CredentialsState = 'ok' | 'unreadable' | 'locked' | 'missing';

export interface ProfileView {
  id: string;
  label: string;
  customer: string;
  endpoint: { kind: 'stable' | 'latest' | 'custom'; url: string };
  useCase: UseCase;
  notes: string;
  createdAt: number;
  updatedAt: number;
  /** `inconclusive`: required checks that stayed without an answer (absent in checks stored before it was kept). */
  lastCheck: { at: number; pass: number; warn: number; fail: number; inconclusive?: number; runId?: string } | null;
  /** `hasApiClaim`: a marketplace API user's claim is stored with the credentials (the claim itself never comes back). */
  credentials: { state: CredentialsState; tokenHint: string | null; cipher: string | null; backend: string | null; hasApiClaim: boolean };
  /** A demo profile: made by "Try it with the sandbox", its calls go to the local sandbox. */
  demo: boolean;
}

export interface VaultView {
  locked: boolean;
  /** Which protection seals new secrets: the OS key store (safeStorage) or the app passphrase. */
  mode: 'safestorage' | 'passphrase';
  /** Backend name for support: e.g. 'gnome_libsecret', 'kwallet6', 'basic_text', 'scrypt-aes-256-gcm'. */
  backend: string;
  passphraseSet: boolean;
  /** The OS key store's backend as detected (shown for support), null where there is none (browser host). */
  keyStoreBackend: string | null;
  /** The OS key store is only a hard-coded key (Linux basic_text) and the person has not accepted that. */
  weakStorageRefused: boolean;
  autoLockMinutes: number;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  platform: string;
  /** Set when the database file was unusable and moved aside at start. */
  databaseRecovered: { movedTo: string; reason: string } | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Updates: the desktop app only. Main owns the updater; the renderer only ever sees this view of it.


export type UpdateState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'available'; version: string }
  | { status: 'downloading'; version: string; percent: number }
  | { status: 'ready'; version: string }
  | { status: 'not-available' }
  /** `message`: the cause in one plain line, with addresses cut to host and path and the home folder as ~. */
  | { status: 'error'; kind: UpdateErrorKind; code: string | null; message: string }
  | { status: 'disabled'; reason: UpdateDisabledReason };

export interface UpdateView {
  state: UpdateState;
  /** The release channel the app follows, e.g. `latest`. */
  channel: string;
  currentVersion: string;
  /** When the last check finished (found something, nothing or failed); null before the first. */
  lastCheckAt: number | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Settings.

export const settingsPatchSchema = z
  .object({
    language: z.enum(['de', 'en']),
    languageChosen: z.boolean(),
    theme: z.enum(['system', 'light', 'dark']),
    autoLockMinutes: z.number().int().min(0).max(24 * 60),
    journalRetentionDays: z.number().int().min(1).max(3650),
    journalMaxRows: z.number().int().min(1000).max(10_000_000),
    journalBodyRetentionDays: z.number().int().min(0).max(3650),
    updates: z.object({ check: z.boolean() }).strict(),
  })
  .partial()
  .strict();


export interface ConsoleResult {
  ok: boolean;
  attempts: number;
  durationMs: number;
  clockOffsetSeconds: number | null;
  error: { code: string | number; category: string; message: string; explanation: string; fix: string } | null;
  results: Array<
    | { ok: true; kind: string; resourcetype: string; resourceid: string; records: Array<{ id: string; type: string | null; elements: unknown }>; cntabsolute: number | null }
    | { ok: false; kind: string; resourcetype: string; resourceid: string; errorcode: number; message: string; category: string; explanation: string; fix: string }
  >;
  /** The server's last answer as it came (redacted like the journal's copy, capped); null when none came. */
  response: string | null;
}

export const journalFilterSchema = z
  .object({
    profileId: id.optional(),
    runId: id.optional(),
    /** Only these entries (the calls a check finding rests on). */
    ids: z.array(z.number().int().positive()).min(1).max(200).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    kind: z.enum(ACTION_KINDS).optional(),
    resourcetype: text(100).optional(),
    category: text(40).optional(),
    status: z.enum(['ok', 'failed']).optional(),
    search: text(200).optional(),
  })
  .strict();

/** One row of the journal list: only what the list shows (time, profile, action, resource, status, category, duration, ids). */
export interface JournalEntrySummary {
  id: number;
  exchangeId: string;
  at: number;
  profileId: string | null;
  runId: string | null;
  kind: string;
  resourcetype: string;
  resourceid: string;
  durationMs: number;
  httpStatus: number | null;
  topCode: number | null;
  topErrorcode: number | null;
  topMessage: string | null;
  errorcode: number | null;
  message: string | null;
  category: string | null;
}

/** One entry opened: the summary, the exchange's particulars and both (redacted) bodies, fetched on demand. */
export interface JournalEntryView extends JournalEntrySummary {
  host: string;
  identifier: string;
  attempt: number;
  /** Redacted: the token appears only as its hint, no hmac, never the secret. */
  requestBody: string;
  responseBody: string | null;
}

export interface JournalPage {
  entries: JournalEntrySummary[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/**
 * How many entries match a filter. `exact: false`: more than `count` match (a filter other than profile and time
 * is counted only up to a cap). `newestId`: the journal's newest entry id as counted, for `journalClear`.
 */
export interface JournalCount {
  count: number;
  exact: boolean;
  newestId: number | null;
}

/**
 * How a journal export ended for its caller. `written`/`cancelled`: the desktop app wrote (or stopped writing and
 * removed) the chosen file; `dismissed`: the person closed the save dialog; `started`: the browser host's download
 * has begun (its end comes as `journalExportProgress`).
 */
export interface JournalExportOutcome {
  state: 'written' | 'cancelled' | 'dismissed' | 'started';
  fileName: string | null;
  rows: number;
}

export interface FileContent {
  fileName: string;
  mimeType: string;
  content: string;
}

export interface BackupEntryView {
  id: string;
  label: string;
  customer: string;
  hasCredentials: boolean;
  /** A profile with this id already exists here. */
  conflict: boolean;
  /**
   * Where the profile's calls go, old → new. `to`: the backup's endpoint URL. `from`: the endpoint of the profile
   * here it meets, null when it meets none; when `conflict` is false but `from` is set, only the name matches: it
   * is another profile, and can be kept beside that one or skipped, never replace it. `serverChanged`: `to` is on
   * another server (scheme, host, port) than `from`; replacing then removes the stored credentials unless the
   * backup brings its own.
   */
  endpoint: { from: string | null; to: string; serverChanged: boolean };
}

export interface CheckRunMeta {
  id: string;
  startedAt: number;
  finishedAt: number | null;
  useCase: string;
  endpointHost: string;
  summary: CheckRun['summary'];
  /** Only on a partial run (a re-check of some steps): the steps it covered. */
  steps?: readonly StepName[];
}

// ---------------------------------------------------------------------------------------------------------------
// The field catalogue of a profile (`get fields`), and the check's field, language and picture inputs.


/** What the field list shows of a field; the permitted values of a select come with `fieldsValues`. */
export interface FieldSummary {
  name: string;
  /** Empty in a language the API gave no label in. */
  label: Localized;
  type: string;
  length: number | null;
  default: string | null;
  /** The group enterprise shows the field under (the API's `content`); null where there is none. */
  group: Localized | null;
  permittedCount: number;
}

export interface FieldCatalogueView {
  /** When the catalogue was fetched from onOffice, ms since the epoch. */
  fetchedAt: number;
  modules: Array<{ module: FieldModule; label: Localized; fields: FieldSummary[] }>;
}

export interface FieldValuesView {
  module: FieldModule;
  name: string;
  values: Array<{ key: string; label: Localized }>;
}

/** `details` of a failed `fieldsFetch`: the error catalogue's explanation as texts, shown in the person's language. */
export interface ExplainedErrorDetails {
  code: number | string;
  category: string;
  title: Text;
  explanation: Text;
  fix: Text;
}

export interface CheckPreferences {
  /** The website language the form starts with; null: the main language only. */
  language: WebsiteLanguage | null;
  /** The e-mail identity (mailbox address) the mail test sends from; null: none given yet. */
  mailIdentity: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// The setup guide: one per profile, resumable. Its stored progress never holds a secret or a mail consent.


export const guideProgressSchema = z
  .object({
    step: z.enum(GUIDE_STEPS),
    useCase: z.enum(USE_CASES),
    customRights: z
      .array(z.object({ module: z.enum(RIGHT_MODULES), action: z.enum(['read', 'create', 'modify', 'delete']), scope: z.enum(['all', 'own']) }).strict())
      .max(40),
    customAdmin: z.boolean(),
    expectEstates: z.array(z.number().int().positive()).max(500),
    /** The sender address and the test mail's receiver may be remembered; the consent to send never is. */
    mailIdentity: z.string().trim().max(320),
    mailReceiver: z.string().trim().max(320),
    /** The guide's latest check run per step, so a resumed guide shows its results. */
    runs: z.partialRecord(z.enum(GUIDE_STEPS), id),
  })
  .strict();
export type GuideProgressInput = z.infer<typeof guideProgressSchema>;
export interface GuideProgress extends GuideProgressInput {
  profileId: string;
  updatedAt: number;
}

export const fieldNameSchema = z.string().regex(FIELD_NAME_PATTERN);
export const fieldListSchema = z
  .array(z.object({ module: z.enum(FIELD_MODULES), names: z.array(fieldNameSchema).min(1).max(MAX_CHECK_FIELDS) }).strict())
  .max(FIELD_MODULES.length)
  .refine((lists) => new Set(lists.map((l) => l.module)).size === lists.length, { message: 'one list per module' })
  .refine((lists) => lists.reduce((n, l) => n + l.names.length, 0) <= MAX_CHECK_FIELDS, { message: `at most ${MAX_CHECK_FIELDS} field names` });

const checksRun = z
  .object({
    profileId: id,
    useCase: z.enum(USE_CASES).optional(),
    customRights: z
      .array(z.object({ module: z.string().min(1).max(40), action: z.enum(['read', 'modify', 'create', 'delete']), scope: z.enum(['all', 'own']).default('all') }).strict())
      .max(100)
      .default([]),
    customAdmin: z.boolean().default(false),
    expectEstates: z.array(z.number().int().positive()).max(500).default([]),
    mail: z
      .object({
        identity: z.string().trim().min(3).max(320),
        receiver: z.string().trim().max(320).optional(),
        /** Only an explicit action of the person sets this: a real mail is sent. */
        consent: z.boolean().default(false),
      })
      .strict()
      .nullable()
      .default(null),
    fields: fieldListSchema.default([]),
    /** The website's language besides the main one; null: the main language only. */
    language: z.enum(WEBSITE_LANGUAGES).nullable().default(null),
    /** The engine's website defaults when absent. */
    pictureCategories: z.array(z.enum(PICTURE_CATEGORIES)).min(1).max(PICTURE_CATEGORIES.length).optional(),
    /** Only these steps (the setup guide re-checks one step); every step when absent. */
    steps: z.array(z.enum(STEP_NAMES)).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------------------------
// Channels. `request` validates in main; `result` is the success type (wrapped in Result<…> on the way back).

/** `channel<Result>()(requestSchema)`: the request type is inferred from the schema, the result type is declared. */
const channel =
  <Res>() =>
  <Req extends z.ZodType>(request: Req): { request: Req; result: Res } => ({ request, result: undefined as Res });

const none = z.object({}).strict();
const byId = z.object({ id }).strict();
const profileCreate = profileFieldsSchema.extend({ token: credential, secret: credential, apiClaim }).strict();
const profileUpdate = z.object({ id, patch: profileFieldsSchema.partial().strict() }).strict();
const consoleCall = z
  .object({
    profileId: id,
    kind: z.enum(ACTION_KINDS),
    resourcetype: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
    resourceid: text(64).optional(),
    parameters: z.record(z.string(), z.unknown()).default({}),
    /** Required for create, modify, delete and do: the person confirmed this one call (main refuses it otherwise). */
    confirmed: z.literal(true).optional(),
  })
  .strict();
const journalQuery = z
  .object({ filter: journalFilterSchema, cursor: text(200).nullable().default(null), limit: z.number().int().min(1).max(500).default(100) })
  .strict();
/** A journal export, streamed to a file (desktop) or a download (browser host: GET/POST /bridge/download/journalExport). */
export const journalExportRequestSchema = z
  .object({ format: z.enum(['jsonl', 'csv']), filter: journalFilterSchema, exportId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) })
  .strict();
const backupContent = z.string().min(1).max(50_000_000);
const passphrase = z.string().min(10).max(1024);
const backupExport = z
  .object({ profileIds: z.array(id).min(1).max(10_000), includeSecrets: z.boolean(), passphrase: passphrase.optional() })
  .strict()
  .refine((v) => !v.includeSecrets || v.passphrase !== undefined, { message: 'a backup with secrets needs a passphrase', path: ['passphrase'] });

export const CHANNELS = {
  appInfo: channel<AppInfo>()(none),

  vaultState: channel<VaultView>()(none),
  // The passphrase's length rule lives in main, which answers with a field detail the form can show.
  vaultSetPassphrase: channel<VaultView>()(z.object({ passphrase: z.string().min(1).max(1024), current: z.string().max(1024).optional() }).strict()),
  vaultUnlock: channel<VaultView>()(z.object({ passphrase: z.string().min(1).max(1024) }).strict()),
  vaultLock: channel<VaultView>()(none),
  vaultAcceptWeakStorage: channel<VaultView>()(z.object({ accept: z.literal(true) }).strict()),

  profilesList: channel<ProfileView[]>()(none),
  profilesGet: channel<ProfileView>()(byId),
  profilesCreate: channel<ProfileView>()(profileCreate),
  profilesUpdate: channel<ProfileView>()(profileUpdate),
  /** Replaces all credentials: without `apiClaim`, a claim held so far is removed. */
  profilesRotateCredentials: channel<ProfileView>()(z.object({ id, token: credential, secret: credential, apiClaim }).strict()),
  profilesDelete: channel<{ deleted: true }>()(byId),
  profilesDuplicate: channel<ProfileView>()(z.object({ id, withCredentials: z.boolean() }).strict()),
  profilesCopyToken: channel<{ clearsAfterSeconds: number }>()(byId),

  consoleCall: channel<ConsoleResult>()(consoleCall),

  journalQuery: channel<JournalPage>()(journalQuery),
  /** The redacted bodies and particulars of one entry, when the person opens it. */
  journalEntry: channel<JournalEntryView>()(z.object({ id: z.number().int().positive() }).strict()),
  /** Desktop: save dialog, then rows written to the file as they are read, progress as `journalExportProgress`. */
  journalExport: channel<JournalExportOutcome>()(journalExportRequestSchema),
  /** Stops a running export (either host); the partial file is removed. */
  journalExportCancel: channel<{ cancelled: boolean }>()(z.object({ exportId: journalExportRequestSchema.shape.exportId }).strict()),
  /** How many entries match the filter (the list's headline; with an empty filter, what a clear deletes). */
  journalCount: channel<JournalCount>()(z.object({ filter: journalFilterSchema }).strict()),
  /** `throughId` (from `journalCount`): deletes only the entries counted then, none recorded since. */
  journalClear: channel<{ deleted: number }>()(z.object({ throughId: z.number().int().nonnegative().optional() }).strict()),

  /** `withoutCredentials`: labels of chosen profiles whose credentials cannot be read here and went in without them. */
  backupExport: channel<FileContent & { withoutCredentials: string[] }>()(backupExport),
  backupInspect: channel<BackupEntryView[]>()(z.object({ content: backupContent, passphrase: z.string().max(1024).optional() }).strict()),
  /** `credentialsDropped`: replaced profiles whose stored credentials were removed because their server changed. */
  backupImport: channel<{ imported: number; skipped: number; credentialsDropped: { label: string; reason: 'endpoint-changed' }[] }>()(
    z
      .object({
        content: backupContent,
        passphrase: z.string().max(1024).optional(),
        choices: z.record(id, z.enum(['skip', 'replace', 'keep-both'])),
      })
      .strict(),
  ),

  checksRun: channel<CheckRun>()(checksRun),
  checksHistory: channel<CheckRunMeta[]>()(z.object({ profileId: id }).strict()),
  checksGet: channel<CheckRun>()(z.object({ runId: id }).strict()),
  checksReport: channel<FileContent>()(z.object({ runId: id, format: z.enum(['markdown', 'html']), language: z.enum(['de', 'en']) }).strict()),
  /** What the check form remembers per profile. */
  checksPreferencesGet: channel<CheckPreferences>()(z.object({ profileId: id }).strict()),
  /** Stops the profile's running check (either host); its partial result is not kept. */
  checksCancel: channel<{ cancelled: boolean }>()(z.object({ profileId: id }).strict()),
  /** Sets what is given and leaves the rest as it was. */
  checksPreferencesSet: channel<CheckPreferences>()(
    z
      .object({ profileId: id, language: z.enum(WEBSITE_LANGUAGES).nullable().optional(), mailIdentity: z.string().trim().min(3).max(320).nullable().optional() })
      .strict(),
  ),

  /**
   * "Try it with the sandbox": starts the local sandbox in the app and makes one demo profile per scenario (the
   * vault must be open). Answers all demo profiles, those made now and those already there.
   */
  demoStart: channel<ProfileView[]>()(none),
  /** Removes every demo profile with its credentials and stops the sandbox. */
  demoRemove: channel<{ removed: number }>()(none),

  /** The setup guide's stored progress for a profile; null before the guide saved any. */
  guideGet: channel<GuideProgress | null>()(z.object({ profileId: id }).strict()),
  guideSave: channel<GuideProgress>()(z.object({ profileId: id, progress: guideProgressSchema }).strict()),

  /** The cached field catalogue of a profile, null before the first fetch; never calls onOffice. */
  fieldsGet: channel<FieldCatalogueView | null>()(z.object({ profileId: id }).strict()),
  /** Fetches the catalogue from onOffice (one signed request), caches it and returns it. */
  fieldsFetch: channel<FieldCatalogueView>()(z.object({ profileId: id }).strict()),
  /** The permitted values of one cached select field (any name the catalogue holds, not only well-formed ones). */
  fieldsValues: channel<FieldValuesView>()(z.object({ profileId: id, module: z.enum(FIELD_MODULES), name: text(200).min(1) }).strict()),

  /** Plain text that is no secret (a field name) onto the clipboard; the desktop app only, a browser page copies itself. */
  clipboardCopyText: channel<{ copied: true }>()(z.object({ text: z.string().min(1).max(1000) }).strict()),

  settingsGet: channel<Settings>()(none),
  settingsSet: channel<Settings>()(settingsPatchSchema),

  /** The updater's state, channel and version. The desktop app only: the browser host answers `updates-unavailable`. */
  updateGet: channel<UpdateView>()(none),
  /** Checks now (also with automatic checks off) and answers once the check is done; a found update downloads on. */
  updateCheckNow: channel<UpdateView>()(none),
  /** Quits and installs the downloaded update; only in state `ready` (else `update-not-ready`). */
  updateRestart: channel<{ restarting: true }>()(none),
} as const;

export type ChannelName = keyof typeof CHANNELS;
export type RequestOf<C extends ChannelName> = z.input<(typeof CHANNELS)[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['request']>;
export type ResultOf<C extends ChannelName> = (typeof CHANNELS)[C]['result'];
// The renderer takes the channel list from main/domain/vocabulary.ts (no zod there): it must be exactly CHANNELS.
const channelListIsComplete: [ChannelName] extends [(typeof CHANNEL_NAMES)[number]] ? ([(typeof CHANNEL_NAMES)[number]] extends [ChannelName] ? true : false) : false = true;
void channelListIsComplete;

/** The IPC channel string of a contract channel. */
export const ipcChannel = (name: ChannelName): string => `desk:${name}`;

// ---------------------------------------------------------------------------------------------------------------
// Events, main → renderer.

export interface EventPayloads {
  vaultChanged: VaultView;
  journalAppended: { count: number };
  /** A running journal export: rows written so far of `total`; the last event has state done, cancelled or failed. */
  journalExportProgress: { exportId: string; fileName: string; written: number; total: number; state: 'running' | 'done' | 'cancelled' | 'failed' };
  /** One per finding of a running check, as soon as it is known. */
  checksProgress: { runId: string; profileId: string; finding: Finding; done: number; total: number };
  /** The updater's view whenever it changes (desktop app only). */
  updateState: UpdateView;
}
export type EventName = keyof EventPayloads;
const eventListIsComplete: [EventName] extends [(typeof EVENT_NAMES)[number]] ? ([(typeof EVENT_NAMES)[number]] extends [EventName] ? true : false) : false = true;
void eventListIsComplete;
export const ipcEvent = (name: EventName): string => `desk-event:${name}`;

/** What the renderer sees as `window.desk`: one named function per channel, plus event subscriptions. */
export type DeskApi = {
  [C in ChannelName]: (request: RequestOf<C>) => Promise<Result<ResultOf<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};
