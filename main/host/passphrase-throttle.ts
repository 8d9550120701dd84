/**
 * Backs off after wrong app passphrases, for the calls that check one (unlock, change): a few tries in a row are
 * free, each further one waits twice as long after the last wrong one, up to a cap; a right passphrase starts over.
 * Attempts still being checked count as wrong until they settle, so a burst of parallel tries gets no more free
 * ones than a sequence. Kept in memory per host process: resetting it takes a restart, which no page can do.
 */

export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;

export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

/** How the checked passphrase turned out: `other` is any answer that says nothing about it (invalid request, …). */
export type Verdict = 'right' | 'wrong' | 'other';

/** The wait before the next attempt once `failures` wrong ones came in a row; 0 while tries are free. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export class PassphraseThrottle {
  readonly #now: () => number;
  #failures = 0;
  #lastFailureAt = 0;
  #checking = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Asks to check a passphrase now; an admitted attempt must be `settle`d exactly once. */
  admit(): Admission {
    const counted = this.#failures + this.#checking;
    if (counted < FREE_ATTEMPTS) {
      this.#checking += 1;
      return { admitted: true };
    }
    // Past the free tries one attempt at a time, each after its wait; one still running is presumed wrong.
    if (this.#checking > 0) return { admitted: false, retryAfterMs: delayAfter(counted) };
    const wait = this.#lastFailureAt + delayAfter(this.#failures) - this.#now();
    if (wait > 0) return { admitted: false, retryAfterMs: wait };
    this.#checking += 1;
    return { admitted: true };
  }

  /** Records how an admitted attempt ended; answers the wait now due before the next one (0: none). */
  settle(verdict: Verdict): number {
    this.#checking -= 1;
    if (verdict === 'right') this.#failures = 0;
    if (verdict === 'wrong') {
      this.#failures += 1;
      this.#lastFailureAt = this.#now();
    }
    return delayAfter(this.#failures);
  }
}
