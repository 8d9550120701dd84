/**
 * The composition root: every channel answers any payload with an envelope, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../preload/contract.ts';
import { PASSPHRASE, useServicesKit, value } from './testkit.ts';

const kit = useServicesKit();

describe('app services', () => {
  it('answers random payloads on every channel with an envelope, never an exception', async () => {
    const s = await kit.services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES.filter((c) => c !== 'vaultLock' && c !== 'journalClear')), fc.anything(), async (channel, payload) => {
        const r = await s.dispatch(channel, payload);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(typeof r.error.code).toBe('string');
      }),
      { numRuns: 150 },
    );
    expect(await s.dispatch('noSuchChannel', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await s.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});
