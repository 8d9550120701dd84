/**
 * The settings domain: settings kept and checked, the chosen language, the update setting; the browser host has no updater.
 */
import { describe, expect, it } from 'vitest';
import { call, useServicesKit, value } from './testkit.ts';

const kit = useServicesKit();

describe('settings', () => {
  it('keeps settings and rejects invalid ones', async () => {
    const s = await kit.services();
    expect(await value(s, 'settingsSet', { language: 'en', autoLockMinutes: 5 })).toMatchObject({ language: 'en', autoLockMinutes: 5 });
    expect(await call(s, 'settingsSet', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call(s, 'settingsSet', { nonsense: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await value(s, 'settingsGet')).toMatchObject({ language: 'en', autoLockMinutes: 5 });
  });
  it('counts the language as chosen only when the person chose it, not when it followed the system', async () => {
    const s = await kit.services();
    expect(await value(s, 'settingsGet')).toMatchObject({ languageChosen: false });
    expect(await value(s, 'settingsSet', { language: 'en' })).toMatchObject({ language: 'en', languageChosen: false });
    expect(await value(s, 'settingsSet', { theme: 'dark' })).toMatchObject({ language: 'en', languageChosen: false });
    expect(await value(s, 'settingsSet', { language: 'de', languageChosen: true })).toMatchObject({ language: 'de', languageChosen: true });
    expect(await value(s, 'settingsSet', { theme: 'light' })).toMatchObject({ language: 'de', languageChosen: true });
  });
  it('keeps the update setting across a restart; the browser version answers that it has no updates', async () => {
    const s1 = await kit.services();
    expect(await value(s1, 'settingsGet')).toMatchObject({ updates: { check: true } });
    expect(await value(s1, 'settingsSet', { updates: { check: false } })).toMatchObject({ updates: { check: false }, language: 'de' });
    expect(await call(s1, 'settingsSet', { updates: { check: true, channel: 'beta' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call(s1, 'settingsSet', { updates: {} })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await kit.close(s1);
const s2 = await kit.services();
    expect(await value(s2, 'settingsGet')).toMatchObject({ updates: { check: false } });
    for (const channel of ['updateGet', 'updateCheckNow', 'updateRestart'] as const) {
      expect(await call(s2, channel), channel).toMatchObject({ ok: false, error: { code: 'updates-unavailable' } });
    }
  });
});
