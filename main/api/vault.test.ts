/**
 * The vault domain over real SQLite and the sandbox: locking, the app passphrase and its change (every secret re-sealed), the OS key store (a stand-in: no key store exists where tests run) and the move from it to a passphrase.
 */
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, call, useServicesKit, value } from './testkit.ts';

const kit = useServicesKit();

describe('vault', () => {
  it('starts locked without a passphrase, keeps profiles across a restart, and never returns a secret', async () => {
    const s1 = await kit.services();
    expect(await value(s1, 'vaultState')).toMatchObject({ locked: true, passphraseSet: false, mode: 'passphrase' });
    expect(await call(s1, 'profilesCreate', { label: 'x', endpoint: { kind: 'stable' }, token: 'a'.repeat(32), secret: 'b'.repeat(64) })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    await value(s1, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const created = await kit.createProfile(s1);
    const u = kit.user('healthy-website');
    expect(created.credentials).toMatchObject({ state: 'ok', tokenHint: `${u.token.slice(0, 4)}…${u.token.slice(-4)}` });
    await kit.close(s1);
const s2 = await kit.services();
    expect(await value(s2, 'vaultState')).toMatchObject({ locked: true, passphraseSet: true });
    const listedLocked = await value<Array<{ id: string; credentials: { state: string } }>>(s2, 'profilesList');
    expect(listedLocked).toHaveLength(1);
    expect(listedLocked[0]?.credentials.state).toBe('locked');
    expect(await call(s2, 'vaultUnlock', { passphrase: 'wrong passphrase here' })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await value(s2, 'vaultUnlock', { passphrase: PASSPHRASE });
    const listed = await value<Array<{ id: string; credentials: { state: string } }>>(s2, 'profilesList');
    expect(listed[0]).toMatchObject({ id: created.id, credentials: { state: 'ok' } });

    const everything = JSON.stringify([listed, await value(s2, 'profilesGet', { id: created.id }), await value(s2, 'appInfo'), await value(s2, 'vaultState')]);
    expect(everything).not.toContain(u.token);
    expect(everything).not.toContain(u.secret);
  });
  it('changes the app passphrase: every secret is re-sealed, the old passphrase stops working', async () => {
    const s1 = await kit.services();
    await value(s1, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await kit.createProfile(s1);
    const NEXT = 'an entirely new passphrase';
    expect(await call(s1, 'vaultSetPassphrase', { passphrase: NEXT })).toMatchObject({ ok: false, error: { code: 'passphrase-exists' } });
    expect(await call(s1, 'vaultSetPassphrase', { passphrase: NEXT, current: 'not the current one' })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await value(s1, 'vaultLock');
    expect(await value(s1, 'vaultSetPassphrase', { passphrase: NEXT, current: PASSPHRASE })).toMatchObject({ locked: false });
    expect(await value(s1, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate', parameters: { listlimit: 1 } })).toMatchObject({ ok: true });
    await kit.close(s1);
const s2 = await kit.services();
    expect(await call(s2, 'vaultUnlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await value(s2, 'vaultUnlock', { passphrase: NEXT });
    expect(await value<Array<{ credentials: { state: string } }>>(s2, 'profilesList')).toEqual([expect.objectContaining({ credentials: expect.objectContaining({ state: 'ok' }) })]);
    expect(await value(s2, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate', parameters: { listlimit: 1 } })).toMatchObject({ ok: true });
  });
  it('seals with the OS key store, and moves every secret to an app passphrase in one step', async () => {
    const s = await kit.desktopServices('gnome_libsecret');
    expect(await value(s, 'vaultState')).toMatchObject({ locked: false, mode: 'safestorage', backend: 'gnome_libsecret', passphraseSet: false });
    const p = await kit.createProfile(s);
    expect(p.credentials).toMatchObject({ state: 'ok' });
    expect(await call(s, 'vaultSetPassphrase', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid-input', details: [{ field: 'passphrase' }] } });
    expect(await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE })).toMatchObject({ mode: 'passphrase', passphraseSet: true, locked: false });
    const [listed] = await value<Array<{ credentials: { state: string; cipher: string } }>>(s, 'profilesList');
    expect(listed?.credentials).toMatchObject({ state: 'ok', cipher: 'passphrase-v1' });
    expect(await value(s, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate', parameters: { listlimit: 1 } })).toMatchObject({ ok: true });
    await value(s, 'vaultLock');
    expect(await call(s, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate' })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
  it('refuses the basic_text key store until the person accepts it', async () => {
    const s = await kit.desktopServices('basic_text');
    expect(await value(s, 'vaultState')).toMatchObject({ weakStorageRefused: true, mode: 'passphrase', keyStoreBackend: 'basic_text' });
    expect(await value(s, 'vaultAcceptWeakStorage', { accept: true })).toMatchObject({ weakStorageRefused: false, mode: 'safestorage', backend: 'basic_text', locked: false });
    expect((await kit.createProfile(s)).credentials).toMatchObject({ state: 'ok' });
  });
  it('refuses signing while locked', async () => {
    const s = await kit.services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const p = await kit.createProfile(s);
    await value(s, 'vaultLock');
    expect(await call(s, 'consoleCall', { profileId: p.id, kind: 'read', resourcetype: 'estate' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(kit.sandbox.control.requestCount()).toBe(0);
  });
});
