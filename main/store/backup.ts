/**
 * Backups of profiles: an encrypted file with the credentials (sealed with a passphrase of its own, in the
 * PassphraseCipher format), or a metadata-only file without any secret. The format is described in
 * BACKUP_FORMAT.md next to this file.
 */
import { z } from 'zod';
import type { Credentials } from '../onoffice/wire.ts';
import { StoreError, isStoreError } from './errors.ts';
import type { Profile, ProfileStore } from './profiles.ts';
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
  return { kind, exportedAt: parsed.data.exportedAt, profiles: parsed.data.profiles };
}

export type ConflictChoice = 'skip' | 'replace' | 'keep-both';

export interface Conflict {
  incoming: BackupEntry['profile'];
  existing: Profile;
}

/** A profile in the backup conflicts with one here that has the same id, or failing that the same name. */
export function findConflicts(store: ProfileStore, contents: BackupContents): Conflict[] {
  const here = store.list();
  return contents.profiles.flatMap(({ profile }) => {
    const existing =
      here.find((p) => p.id === profile.id) ??
      here.find((p) => p.label.localeCompare(profile.label, undefined, { sensitivity: 'accent' }) === 0);
    return existing === undefined ? [] : [{ incoming: profile, existing }];
  });
}

export interface ImportResult {
  created: string[];
  replaced: string[];
  skipped: string[];
}

/**
 * Imports every profile of the backup; `choose` decides each conflict. `replace` overwrites the existing profile's
 * metadata, and its credentials when the backup has some (a metadata-only backup leaves them as they are).
 * `keep-both` adds the incoming profile under a new id with "(imported)" after its name.
 */
export async function importBackup(
  store: ProfileStore,
  contents: BackupContents,
  choose: (conflict: Conflict) => ConflictChoice,
): Promise<ImportResult> {
  const result: ImportResult = { created: [], replaced: [], skipped: [] };
  const conflicts = new Map(findConflicts(store, contents).map((c) => [c.incoming.id, c]));
  for (const { profile, credentials } of contents.profiles) {
    const conflict = conflicts.get(profile.id);
    const choice = conflict === undefined ? 'keep-both' : choose(conflict);
    if (choice === 'skip') {
      result.skipped.push(profile.id);
    } else if (choice === 'replace' && conflict !== undefined) {
      const { id } = conflict.existing;
      store.updateMetadata(id, { label: profile.label, customer: profile.customer, endpoint: profile.endpoint, useCase: profile.useCase, notes: profile.notes });
      if (credentials !== null) await store.rotateCredentials(id, credentials);
      result.replaced.push(id);
    } else {
      const label = conflict === undefined ? profile.label : `${profile.label} (imported)`.slice(0, 100);
      result.created.push((await store.restore({ ...profile, label }, credentials)).id);
    }
  }
  return result;
}
