/**
 * The backup domain: profiles backed up with their credentials under a passphrase and restored.
 */
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, call, useServicesKit, value } from './testkit.ts';

const kit = useServicesKit();

describe('backup', () => {
  it('backs up and restores profiles with their credentials', async () => {
    const s = await kit.services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await kit.createProfile(s);
    const copy = await value<{ id: string; label: string }>(s, 'profilesDuplicate', { id: p.id, withCredentials: false });
    const both = await value<{ withoutCredentials: string[] }>(s, 'backupExport', { profileIds: [p.id, copy.id], includeSecrets: true, passphrase: 'backup passphrase 1' });
    expect(both.withoutCredentials).toEqual([copy.label]);
    await value(s, 'profilesDelete', { id: copy.id });
    const file = await value<{ content: string; fileName: string; withoutCredentials: string[] }>(s, 'backupExport', { profileIds: [p.id], includeSecrets: true, passphrase: 'backup passphrase 1' });
    expect(file.withoutCredentials).toEqual([]);
    expect(file.content).not.toContain(kit.user('healthy-website').secret);
    expect(file.content).not.toContain(kit.user('healthy-website').token);
    expect(await call(s, 'backupInspect', { content: file.content, passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    const entries = await value<Array<{ id: string; conflict: boolean; hasCredentials: boolean }>>(s, 'backupInspect', { content: file.content, passphrase: 'backup passphrase 1' });
    expect(entries).toEqual([expect.objectContaining({ id: p.id, conflict: true, hasCredentials: true })]);
    expect(await value(s, 'backupImport', { content: file.content, passphrase: 'backup passphrase 1', choices: { [p.id]: 'keep-both' } })).toEqual({ imported: 1, skipped: 0, credentialsDropped: [] });
    const listed = await value<Array<{ credentials: { state: string } }>>(s, 'profilesList');
    expect(listed).toHaveLength(2);
    expect(listed.every((x) => x.credentials.state === 'ok')).toBe(true);
  });
});
