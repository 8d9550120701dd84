import { describe, expect, it } from 'vitest';
import { PASSPHRASE_BACKEND, PassphraseCipher, type Sealed } from './secrets.ts';
import { codeOf } from '../../tests/support/errors.ts';

const FAST = { logN: 15, r: 8, p: 1 };
const PLAIN = JSON.stringify({ token: 'T'.repeat(32), secret: 'S'.repeat(64) });

function flipByte(sealed: Sealed, index: number): Sealed {
  const bytes = Buffer.from(sealed.data, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] as number) ^ 0x01;
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
    expect(a.subarray(0, 8)).toEqual(Buffer.from([0x41, 0x55, 0x44, 0x50, 1, 15, 8, 1]));
    expect(a.subarray(0, 40)).toEqual(b.subarray(0, 40));
    expect(a.subarray(40, 52)).not.toEqual(b.subarray(40, 52));
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
    const cipher = await PassphraseCipher.create('pass', FAST);
    const sealed = await cipher.encrypt(PLAIN);
    cipher.lock();
    expect(cipher.unlocked).toBe(false);
    expect(await codeOf(() => cipher.decrypt(sealed))).toBe('locked');
    expect(await codeOf(() => cipher.encrypt(PLAIN))).toBe('locked');
  });

  it('refuses key-derivation settings below the floor', async () => {
    await expect(PassphraseCipher.create('pass', { logN: 10, r: 8, p: 1 })).rejects.toThrow(RangeError);
    const sealed = await (await PassphraseCipher.create('pass', FAST)).encrypt(PLAIN);
    const bytes = Buffer.from(sealed.data, 'base64');
    bytes[5] = 10;
    expect(await codeOf(() => PassphraseCipher.unlock('pass', { ...sealed, data: bytes.toString('base64') }))).toBe(
      'unsupported-format',
    );
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
