/**
 * A small seeded PRNG, so that credentials, sample data and faults are the same for the same seed on every run.
 * Not for secrets of any real system: the sandbox only hands out throwaway credentials.
 */

/** Uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with labels (FNV-1a), so each scenario and each request gets its own independent stream. */
export function deriveSeed(seed: number, ...labels: readonly (string | number)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const label of labels) {
    for (const ch of `|${label}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** An integer in [min, max], both inclusive. */
export function randomInt(rnd: Random, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}

export function pick<T>(rnd: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick: no items');
  return items[Math.floor(rnd() * items.length)] as T;
}

/** `count` distinct items in random order (all of them when there are fewer). */
export function pickSome<T>(rnd: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0] as T);
  return picked;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomString(rnd: Random, length: number, alphabet: string = ALPHANUMERIC): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rnd() * alphabet.length)];
  return out;
}
