/**
 * Backups of profiles: an encrypted file with the credentials (sealed with a passphrase of its own, in the
 * PassphraseCipher format), or a metadata-only file without any secret. The format is described in
 * BACKUP_FORMAT.md next to this file.
 */
import { z } from 'zod';
import type { Credentials } from '../onoffice/wire.ts';
import { StoreError, isStoreError } from './errors.ts';
import { checkProfileInput, validateCredentials, type PreparedWrite, type Profile, type ProfileStore } from './profiles.ts';
import { DEFAULT_SCRYPT, PASSPHRASE_BACKEND, PassphraseCipher, type ScryptParams } from './secrets.ts';

export const BACKUP_FORMAT = 'api-user-desk-backup';
export const BACKUP_VERSION = 1;

export type BackupKind = 'encrypted' | 'metadata';

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  kind: z.enum(['encrypted', 'metadata']),
});
type Header = z.infer<typeof headerSchema>;

const endpointSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stable') }),
  z.object({ kind: z.literal('latest') }),
  z.object({ kind: z.literal('custom'), url: z.string() }),
]);

const entrySchema = z.object({
  profile: z.object({
    id: z.uuid(),
    label: z.string(),
    customer: z.string(),
    endpoint: endpointSchema,
    useCase: z.string(),
    notes: z.string(),
    createdAt: z.number().int(),
    lastCheck: z.unknown(),
  }),
  // `apiClaim` came later within version 1: files without it still read, and readers that predate it ignore it.
  credentials: z.object({ token: z.string(), secret: z.string(), apiClaim: z.string().optional() }).nullable(),
});
export type BackupEntry = z.infer<typeof entrySchema>;

const payloadSchema = z.object({
  header: headerSchema,
  exportedAt: z.number().int(),
  profiles: z.array(entrySchema),
});

export interface BackupContents {
  kind: BackupKind;
  exportedAt: number;
  profiles: BackupEntry[];
}

export interface ExportResult {
  /** The file's text: write it as UTF-8. */
  text: string;
  /** Profiles whose credentials could not be read here and went into the backup without them. */
  withoutCredentials: string[];
}

function snapshotOf(p: Profile): BackupEntry['profile'] {
  const endpoint = p.endpoint.kind === 'custom' ? { kind: 'custom' as const, url: p.endpoint.url } : { kind: p.endpoint.kind };
  return { id: p.id, label: p.label, customer: p.customer, endpoint, useCase: p.useCase, notes: p.notes, createdAt: p.createdAt, lastCheck: p.lastCheck };
}

function chosen(store: ProfileStore, ids: readonly string[]): Profile[] {
  return ids.map((id) => {
    const p = store.get(id);
    if (p === null) throw new StoreError('not-found', 'A profile chosen for the backup no longer exists.');
    return p;
  });
}

function file(header: Header, body: string): string {
  return `${JSON.stringify(header)}\n${body}\n`;
}

/**
 * Exports the chosen profiles with their credentials, sealed under `passphrase`. Needs the vault unlocked; a
 * profile whose credentials cannot be read on this machine is exported without them and named in the result.
 */
export async function exportEncrypted(
  store: ProfileStore,
  ids: readonly string[],
  passphrase: string,
  options: { now: () => number; scrypt?: ScryptParams },
): Promise<ExportResult> {
  const withoutCredentials: string[] = [];
  const profiles: BackupEntry[] = [];
  for (const p of chosen(store, ids)) {
    let credentials: Credentials | null = null;
    // An unreadable flag may be stale (a key store that failed once): try, and keep what cannot be read out.
    if (p.credentialsState !== 'missing') {
      try {
        credentials = await store.readCredentials(p.id);
      } catch (e) {
        if (!isStoreError(e, 'unreadable')) throw e;
      }
    }
    if (credentials === null) withoutCredentials.push(p.id);
    profiles.push({ profile: snapshotOf(p), credentials });
  }
  const header: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, kind: 'encrypted' };
  const cipher = await PassphraseCipher.create(passphrase, options.scrypt ?? DEFAULT_SCRYPT);
  try {
    const sealed = await cipher.encrypt(JSON.stringify({ header, exportedAt: options.now(), profiles }));
    return { text: file(header, sealed.data), withoutCredentials };
  } finally {
    cipher.lock();
  }
}

/** Exports the chosen profiles without any credentials, readable by anyone: for sharing a setup. */
export function exportMetadata(store: ProfileStore, ids: readonly string[], options: { now: () => number }): string {
  const header: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, kind: 'metadata' };
  const profiles: BackupEntry[] = chosen(store, ids).map((p) => ({ profile: snapshotOf(p), credentials: null }));
  return file(header, JSON.stringify({ header, exportedAt: options.now(), profiles }));
}

const notABackup = () =>
  new StoreError('unsupported-format', 'This file is not an API User Desk backup, or it is incomplete.');

/** The kind of a backup file, to know whether to ask for a passphrase. */
export function backupKind(text: string): BackupKind {
  const newline = text.indexOf('\n');
  if (newline < 0) throw notABackup();
  let header: unknown;
  try {
    header = JSON.parse(text.slice(0, newline));
  } catch {
    throw notABackup();
  }
  const parsed = headerSchema.safeParse(header);
  if (!parsed.success) {
    const version = (header as { version?: unknown } | null)?.version;
    if ((header as { format?: unknown } | null)?.format === BACKUP_FORMAT && version !== BACKUP_VERSION) {
      throw new StoreError('unsupported-format', `This backup uses format version ${String(version)}; this app reads version ${BACKUP_VERSION}.`);
    }
    throw notABackup();
  }
  return parsed.data.kind;
}

/**
 * Reads a backup file. Throws `wrong-passphrase`, `tampered` (changed or damaged, including a cut-off file whose
 * length still parses) or `unsupported-format`.
 */
export async function readBackup(text: string, passphrase?: string): Promise<BackupContents> {
  const kind = backupKind(text);
  const body = text.slice(text.indexOf('\n') + 1).trim();
  let payload: string;
  if (kind === 'metadata') {
    payload = body;
  } else {
    if (passphrase === undefined) throw new StoreError('wrong-passphrase', 'This backup is encrypted: enter its passphrase.');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw notABackup();
    const sealed = { cipher: 'passphrase-v1' as const, backend: PASSPHRASE_BACKEND, data: body };
    const cipher = await PassphraseCipher.unlock(passphrase, sealed);
    try {
      payload = (await cipher.decrypt(sealed)).plain;
    } finally {
      cipher.lock();
    }
  }
  let parsed;
  try {
    parsed = payloadSchema.safeParse(JSON.parse(payload));
  } catch {
    throw notABackup();
  }
  // The clear header must match the copy inside: for an encrypted file that copy is authenticated.
  if (!parsed.success || parsed.data.header.kind !== kind) {
    throw kind === 'encrypted' ? new StoreError('tampered', 'The backup has been changed and cannot be trusted.') : notABackup();
  }
  if (kind === 'metadata' && parsed.data.profiles.some((p) => p.credentials !== null)) throw notABackup();
  // The app never writes a profile twice; two entries with one id would both claim the same profile here.
  if (new Set(parsed.data.profiles.map((p) => p.profile.id)).size !== parsed.data.profiles.length) throw notABackup();
  return { kind, exportedAt: parsed.data.exportedAt, profiles: parsed.data.profiles };
}

export type ConflictChoice = 'skip' | 'replace' | 'keep-both';

/**
 * `same-profile`: a profile here has the entry's id — it is the same profile, and replace is offered.
 * `same-name`: only the name matches (ignoring case). That is another profile, so it is kept beside the one here
 * or skipped, never replaces it: otherwise any file with a familiar name could take over stored credentials.
 */
export type ConflictKind = 'same-profile' | 'same-name';

export interface Conflict {
  kind: ConflictKind;
  incoming: BackupEntry['profile'];
  existing: Profile;
}

/** What happens to a conflict nobody decided: a profile here is left alone, another one of the same name is added. */
const UNDECIDED: Record<ConflictKind, ConflictChoice> = { 'same-profile': 'skip', 'same-name': 'keep-both' };

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** A profile in the backup conflicts with one here that has the same id, or failing that the same name. */
export function findConflicts(store: ProfileStore, contents: BackupContents): Conflict[] {
  const here = store.list();
  return contents.profiles.flatMap(({ profile }): Conflict[] => {
    const byId = here.find((p) => p.id === profile.id);
    if (byId !== undefined) return [{ kind: 'same-profile', incoming: profile, existing: byId }];
    const byName = here.find((p) => sameName(p.label, profile.label));
    return byName === undefined ? [] : [{ kind: 'same-name', incoming: profile, existing: byName }];
  });
}

/** Scheme, host and port: whoever receives the token and the signed requests. */
const serverOf = (url: string): string => new URL(url).origin;

/** A backup's profile as an error message names it; the label is not checked yet and may be of any length. */
const named = (profile: BackupEntry['profile']): string => `"${profile.label.slice(0, 100)}"`;

/** Names the backup's profile in an `invalid-input` error about it; other errors pass unchanged. */
async function aboutEntry<T>(profile: BackupEntry['profile'], work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!isStoreError(e, 'invalid-input')) throw e;
    const details = e.details === undefined ? {} : { details: e.details };
    throw new StoreError('invalid-input', `The profile ${named(profile)} in the backup cannot be imported: ${e.message}`, { ...details, cause: e });
  }
}

export interface ImportPreview {
  incoming: BackupEntry['profile'];
  hasCredentials: boolean;
  /** The URL the profile's calls go to after import. */
  endpoint: string;
  conflict: Conflict | null;
  /** The endpoint is on another server than the conflicting profile's here (never for a new profile). */
  serverChanged: boolean;
}

/**
 * What importing the backup would do, entry by entry, for the person to decide on before anything is written.
 * Checks every entry first: a backup that cannot be imported whole is refused here with `invalid-input`.
 */
export async function previewImport(store: ProfileStore, contents: BackupContents): Promise<ImportPreview[]> {
  const conflicts = new Map(findConflicts(store, contents).map((c) => [c.incoming.id, c]));
  const preview: ImportPreview[] = [];
  for (const { profile, credentials } of contents.profiles) {
    const { endpoint } = await aboutEntry(profile, () => {
      if (credentials !== null) validateCredentials(credentials);
      return checkProfileInput(profile);
    });
    const conflict = conflicts.get(profile.id) ?? null;
    const serverChanged = conflict !== null && serverOf(conflict.existing.endpoint.url) !== serverOf(endpoint.url);
    preview.push({ incoming: profile, hasCredentials: credentials !== null, endpoint: endpoint.url, conflict, serverChanged });
  }
  return preview;
}

export interface ImportResult {
  created: string[];
  replaced: string[];
  skipped: string[];
  /**
   * Replaced profiles whose stored credentials were removed: the backup moved them to another server and brought
   * no credentials of its own, and the token must not follow a file to a server the person never entered.
   */
  credentialsDropped: { id: string; label: string; reason: 'endpoint-changed' }[];
}

/**
 * Imports every profile of the backup, all or nothing; `choose` decides each conflict (undecided: see UNDECIDED).
 * `replace` (same profile only) overwrites the existing profile's metadata, and its credentials when the backup
 * has some; without, the stored credentials stay only while the endpoint stays on the same server. `keep-both`
 * adds the incoming profile under a new id with "(imported)" after its name. Throws `invalid-input` for an entry
 * that cannot be imported or a choice that is not offered, and `locked` while credentials cannot be sealed.
 */
export async function importBackup(
  store: ProfileStore,
  contents: BackupContents,
  choose: (conflict: Conflict) => ConflictChoice | undefined,
): Promise<ImportResult> {
  const result: ImportResult = { created: [], replaced: [], skipped: [], credentialsDropped: [] };
  const planned: { write: PreparedWrite; outcome: 'created' | 'replaced' }[] = [];
  // Everything that can fail is checked, and every secret sealed (asynchronously), before the first write; then one
  // synchronous transaction writes it all, so a bad entry or a failed write leaves this installation as it was.
  for (const [i, preview] of (await previewImport(store, contents)).entries()) {
    const { incoming: profile, conflict } = preview;
    const { credentials } = contents.profiles[i] as BackupEntry;
    const choice = conflict === null ? 'keep-both' : (choose(conflict) ?? UNDECIDED[conflict.kind]);
    if (choice === 'skip') {
      result.skipped.push(profile.id);
    } else if (choice === 'replace' && conflict !== null) {
      if (conflict.kind !== 'same-profile') {
        throw new StoreError(
          'invalid-input',
          `The profile ${named(profile)} in the backup only has the name of "${conflict.existing.label}" here; it is another profile. Import it beside that one or skip it.`,
        );
      }
      const dropsCredentials = credentials === null && preview.serverChanged && conflict.existing.credentialsState !== 'missing';
      if (dropsCredentials) result.credentialsDropped.push({ id: conflict.existing.id, label: profile.label, reason: 'endpoint-changed' });
      const write = await aboutEntry(profile, () =>
        store.prepareReplace(conflict.existing.id, profile, credentials ?? (dropsCredentials ? 'remove' : 'keep')),
      );
      planned.push({ write, outcome: 'replaced' });
    } else {
      const label = conflict === null ? profile.label : `${profile.label} (imported)`.slice(0, 100);
      planned.push({ write: await aboutEntry(profile, () => store.prepareRestore({ ...profile, label }, credentials)), outcome: 'created' });
    }
  }
  const ids = store.writeAll(planned.map((p) => p.write));
  planned.forEach(({ outcome }, i) => result[outcome].push(ids[i] as string));
  return result;
}
