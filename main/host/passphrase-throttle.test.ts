import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, MAX_DELAY_MS, PassphraseThrottle, delayAfter } from './passphrase-throttle.ts';

describe('passphrase throttle', () => {
  it('doubles the wait from one second after the free tries, up to the cap', () => {
    expect(Array.from({ length: FREE_ATTEMPTS }, (_, i) => delayAfter(i))).toEqual(Array(FREE_ATTEMPTS).fill(0));
    expect([FREE_ATTEMPTS, FREE_ATTEMPTS + 1, FREE_ATTEMPTS + 2].map(delayAfter)).toEqual([1_000, 2_000, 4_000]);
    expect(delayAfter(FREE_ATTEMPTS + 8)).toBe(256_000);
    expect(delayAfter(FREE_ATTEMPTS + 9)).toBe(MAX_DELAY_MS);
    expect(delayAfter(10_000)).toBe(MAX_DELAY_MS);
  });

  it('gives a parallel burst no more free tries than a sequence, and one at a time after them', () => {
    let clock = 0;
    const throttle = new PassphraseThrottle(() => clock);
    const burst = Array.from({ length: FREE_ATTEMPTS + 3 }, () => throttle.admit());
    expect(burst.filter((a) => a.admitted)).toHaveLength(FREE_ATTEMPTS);
    expect(burst.at(-1)).toEqual({ admitted: false, retryAfterMs: 1_000 });
    for (let i = 0; i < FREE_ATTEMPTS; i++) throttle.settle('wrong');
    expect(throttle.admit()).toEqual({ admitted: false, retryAfterMs: 1_000 });
    clock += 1_000;
    expect(throttle.admit()).toEqual({ admitted: true });
    expect(throttle.admit()).toEqual({ admitted: false, retryAfterMs: 2_000 });
    // An answer that says nothing about the passphrase costs no wait.
    expect(throttle.settle('other')).toBe(1_000);
    expect(throttle.admit()).toEqual({ admitted: true });
    expect(throttle.settle('right')).toBe(0);
    expect(throttle.admit()).toEqual({ admitted: true });
  });
});
