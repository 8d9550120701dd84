import type * as NodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { V1 } from './fixtures/passphrase-v1.ts';
import { PASSPHRASE_BACKEND, PassphraseCipher, type Sealed } from './secrets.ts';
import { codeOf } from '../../tests/support/errors.ts';

/**
 * Every key scrypt derives for the code under test, as the very Buffer handed to it: the cipher keeps that Buffer
 * (no copy) from unlock to lock, so a test can see whether its bytes were overwritten. scrypt itself runs unchanged.
 */
const derivedKeys = vi.hoisted(() => [] as Buffer[]);
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  const scrypt = ((...args: unknown[]) => {
    const done = args.pop() as (err: Error | null, key: Buffer) => void;
    (actual.scrypt as (...a: unknown[]) => void)(...args, (err: Error | null, key: Buffer) => {
      if (!err) derivedKeys.push(key);
      done(err, key);
    });
  }) as typeof NodeCrypto.scrypt;
  return { ...actual, scrypt, default: { ...actual, scrypt } };
});

const FAST = { logN: 15, r: 8, p: 1 };
const PLAIN = JSON.stringify({ token: 'T'.repeat(32), secret: 'S'.repeat(64) });

/** Byte ranges of format version 2. */
const REGIONS = {
  magic: [0, 4],
  version: [4, 5],
  params: [5, 8],
  salt: [8, 24],
  verifier: [24, 40],
  checksum: [40, 72],
  nonce: [72, 84],
  ciphertext: [84, -16],
  tag: [-16, 0],
} as const;

function flipByte(sealed: Sealed, index: number): Sealed {
  const bytes = Buffer.from(sealed.data, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] as number) ^ 0x01;
  return { ...sealed, data: bytes.toString('base64') };
}

/** Flips one bit in the middle of a region (a stand-in for damage on disk). */
function damage(sealed: Sealed, region: keyof typeof REGIONS): Sealed {
  const bytes = Buffer.from(sealed.data, 'base64');
  const [from, to] = REGIONS[region];
  const start = from < 0 ? bytes.length + from : from;
  const end = to <= 0 ? bytes.length + to : to;
  return flipByte(sealed, Math.floor((start + end - 1) / 2));
}

/** Sets the scrypt parameters of version 2 data and fixes its checksum, as a crafted file would. */
function withParams(sealed: Sealed, params: [number, number, number]): Sealed {
  const bytes = Buffer.from(sealed.data, 'base64');
  bytes.set(params, 5);
  if (bytes[4] === 2) bytes.set(createHash('sha256').update(bytes.subarray(0, 40)).digest(), 40);
  return { ...sealed, data: bytes.toString('base64') };
}

describe('PassphraseCipher', () => {
  it('round-trips and labels what it sealed', async () => {
    const cipher = await PassphraseCipher.create('correct horse battery staple', FAST);
    const sealed = await cipher.encrypt(PLAIN);
    expect(sealed.cipher).toBe('passphrase-v1');
    expect(sealed.backend).toBe(PASSPHRASE_BACKEND);
    expect(sealed.data).not.toContain('TTTT');
    expect(await cipher.decrypt(sealed)).toEqual({ plain: PLAIN, shouldReEncrypt: false });
  });

  it('works with the default parameters, which need more memory than scrypt allows by default', async () => {
    const cipher = await PassphraseCipher.create('default settings');
    const sealed = await cipher.encrypt(PLAIN);
    expect(Buffer.from(sealed.data, 'base64')[5]).toBe(17);
    expect((await cipher.decrypt(sealed)).plain).toBe(PLAIN);
  });

  it('stores the scrypt parameters with the data and uses a fresh nonce each time', async () => {
    const cipher = await PassphraseCipher.create('pass', FAST);
    const a = Buffer.from((await cipher.encrypt(PLAIN)).data, 'base64');
    const b = Buffer.from((await cipher.encrypt(PLAIN)).data, 'base64');
    expect(a.subarray(0, 8)).toEqual(Buffer.from([0x41, 0x55, 0x44, 0x50, 2, 15, 8, 1]));
    expect(a.subarray(40, 72)).toEqual(createHash('sha256').update(a.subarray(0, 40)).digest());
    expect(a.subarray(0, 72)).toEqual(b.subarray(0, 72));
    expect(a.subarray(72, 84)).not.toEqual(b.subarray(72, 84));
  });

  it('unlocks again from a sample with the right passphrase', async () => {
    const sealed = await (await PassphraseCipher.create('Grüße aus Köln', FAST)).encrypt(PLAIN);
    const reopened = await PassphraseCipher.unlock('Grüße aus Köln', sealed);
    expect((await reopened.decrypt(sealed)).plain).toBe(PLAIN);
  });

  it('tells a wrong passphrase apart from tampered data', async () => {
    const cipher = await PassphraseCipher.create('right', FAST);
    const sealed = await cipher.encrypt(PLAIN);
    expect(await codeOf(() => PassphraseCipher.unlock('wrong', sealed))).toBe('wrong-passphrase');
    expect(await codeOf(() => PassphraseCipher.unlock('right', flipByte(sealed, -1)))).toBe('tampered');
    expect(await codeOf(() => PassphraseCipher.unlock('right', flipByte(sealed, 60)))).toBe('tampered');
    expect(await codeOf(() => cipher.decrypt(flipByte(sealed, 60)))).toBe('tampered');
    expect(await codeOf(() => cipher.decrypt(flipByte(sealed, 30)))).toBe('tampered');
    expect(await codeOf(() => cipher.decrypt(flipByte(sealed, 4)))).toBe('unsupported-format');
  });

  it('refuses truncated data and data from another key or cipher', async () => {
    const cipher = await PassphraseCipher.create('one', FAST);
    const other = await PassphraseCipher.create('one', FAST);
    const sealed = await cipher.encrypt(PLAIN);
    const short = { ...sealed, data: Buffer.from(sealed.data, 'base64').subarray(0, 50).toString('base64') };
    expect(await codeOf(() => cipher.decrypt(short))).toBe('unsupported-format');
    expect(await codeOf(() => other.decrypt(sealed))).toBe('key-mismatch');
    expect(await codeOf(() => cipher.decrypt({ ...sealed, cipher: 'safestorage', backend: 'gnome_libsecret' }))).toBe(
      'key-mismatch',
    );
  });

  it('wipes the key on lock and refuses to work afterwards', async () => {
    derivedKeys.length = 0;
    const cipher = await PassphraseCipher.create('pass', FAST);
    expect(derivedKeys).toHaveLength(1);
    const keys = derivedKeys[0] as Buffer;
    expect(keys).toHaveLength(64);
    expect(keys.equals(Buffer.alloc(64))).toBe(false);
    const sealed = await cipher.encrypt(PLAIN);
    cipher.lock();
    // Both halves, the encryption key and the verifier's key, are overwritten in the Buffer the cipher held.
    expect(keys.equals(Buffer.alloc(64))).toBe(true);
    expect(cipher.unlocked).toBe(false);
    expect(await codeOf(() => cipher.decrypt(sealed))).toBe('locked');
    expect(await codeOf(() => cipher.encrypt(PLAIN))).toBe('locked');

    // A key unlocked again is wiped on lock too, and the key a wrong passphrase derived is wiped at once.
    derivedKeys.length = 0;
    const reopened = await PassphraseCipher.unlock('pass', sealed);
    expect(await codeOf(() => PassphraseCipher.unlock('not the passphrase', sealed))).toBe('wrong-passphrase');
    const [reopenedKeys, wrongKeys] = derivedKeys as [Buffer, Buffer];
    expect(derivedKeys).toHaveLength(2);
    expect(reopenedKeys.equals(Buffer.alloc(64))).toBe(false);
    expect(wrongKeys.equals(Buffer.alloc(64))).toBe(true);
    reopened.lock();
    expect(reopenedKeys.equals(Buffer.alloc(64))).toBe(true);
  });

  it('tells a wrong passphrase apart from damage in every part of the data', async () => {
    const sealed = await (await PassphraseCipher.create('right passphrase', FAST)).encrypt(PLAIN);
    expect(await codeOf(() => PassphraseCipher.unlock('wrong passphrase', sealed))).toBe('wrong-passphrase');
    const reported: Record<string, string> = {};
    for (const region of Object.keys(REGIONS) as (keyof typeof REGIONS)[]) {
      reported[region] = await codeOf(() => PassphraseCipher.unlock('right passphrase', damage(sealed, region)));
    }
    expect(reported).toEqual({
      magic: 'unsupported-format',
      version: 'unsupported-format',
      params: 'tampered',
      salt: 'tampered',
      verifier: 'tampered',
      checksum: 'tampered',
      nonce: 'tampered',
      ciphertext: 'tampered',
      tag: 'tampered',
    });
    // Damage is found before the passphrase matters: the wrong one gets the same answer.
    expect(await codeOf(() => PassphraseCipher.unlock('wrong passphrase', damage(sealed, 'salt')))).toBe('tampered');
  });

  it('accepts only the key-derivation settings this app writes or wrote, and refuses others before deriving', async () => {
    await expect(PassphraseCipher.create('pass', { logN: 10, r: 8, p: 1 })).rejects.toThrow(RangeError);
    await expect(PassphraseCipher.create('pass', { logN: 18, r: 8, p: 1 })).rejects.toThrow(RangeError);
    const sealed = await (await PassphraseCipher.create('pass', FAST)).encrypt(PLAIN);
    // Each of these would cost a key derivation (up to 4 GiB and a minute for the last) if it were attempted.
    for (const params of [[10, 8, 1], [18, 8, 1], [16, 8, 2], [15, 16, 1], [20, 32, 4]] as [number, number, number][]) {
      const started = performance.now();
      expect([params, await codeOf(() => PassphraseCipher.unlock('pass', withParams(sealed, params)))]).toEqual([params, 'unsupported-format']);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    const v1 = withParams(V1.vaultCheck, [20, 32, 4]);
    expect(await codeOf(() => PassphraseCipher.unlock(V1.appPassphrase, v1))).toBe('unsupported-format');
  });

  it('reads format version 1 and asks for it to be sealed again in the current format', async () => {
    const cipher = await PassphraseCipher.unlock(V1.appPassphrase, V1.vaultCheck);
    const opened = await cipher.decrypt(V1.credentials);
    expect(opened).toEqual({ plain: JSON.stringify(V1.plain), shouldReEncrypt: true });
    const again = await cipher.encrypt(opened.plain);
    expect(Buffer.from(again.data, 'base64')[4]).toBe(2);
    expect(await cipher.decrypt(again)).toEqual({ plain: opened.plain, shouldReEncrypt: false });
    expect(await codeOf(() => PassphraseCipher.unlock('not the passphrase', V1.vaultCheck))).toBe('wrong-passphrase');
    // Version 1 has no checksum: damage to the ciphertext is still found, by the GCM tag.
    expect(await codeOf(() => PassphraseCipher.unlock(V1.appPassphrase, flipByte(V1.vaultCheck, -20)))).toBe('tampered');
  });

  it('never puts the passphrase or the plain text into an error message', async () => {
    const cipher = await PassphraseCipher.create('hunter2-passphrase', FAST);
    const sealed = await cipher.encrypt(PLAIN);
    const messages: string[] = [];
    for (const attempt of [
      () => PassphraseCipher.unlock('hunter3-passphrase', sealed),
      () => cipher.decrypt(flipByte(sealed, -3)),
    ]) {
      await attempt().catch((e: Error) => messages.push(e.message));
    }
    expect(messages).toHaveLength(2);
    for (const m of messages) {
      expect(m).not.toMatch(/hunter|TTTT|SSSS/);
    }
  });
});
