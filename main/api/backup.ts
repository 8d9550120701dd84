/** The backup domain: export profiles (metadata only, or with credentials under a passphrase), inspect, import. */
import { exportEncrypted, exportMetadata, importBackup, previewImport, readBackup } from '../store/backup.ts';
import type { ProfileStore } from '../store/profiles.ts';
import type { ScryptParams } from '../store/secrets.ts';
import { stamp } from './context.ts';
import type { Handlers } from './dispatch.ts';

export type BackupHandlers = Pick<Handlers, 'backupExport' | 'backupInspect' | 'backupImport'>;

export function backupHandlers(deps: { profiles: ProfileStore; now: () => number; scrypt?: ScryptParams }): BackupHandlers {
  const { profiles, now } = deps;
  return {
    backupExport: async ({ profileIds, includeSecrets, passphrase }) => {
      const encrypted = includeSecrets ? await exportEncrypted(profiles, profileIds, passphrase as string, { now, scrypt: deps.scrypt }) : null;
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
  };
}
