/**
 * How secrets are sealed at rest. Every sealed record names the cipher and the backend that wrote it, so data
 * written on another machine or with another key store is recognised as such instead of failing obscurely.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { StoreError } from './errors.ts';

export type CipherId = 'passphrase-v1' | 'safestorage';

export interface Sealed {
  cipher: CipherId;
  /** Which key store wrote it: 'scrypt-aes-256-gcm' for the passphrase, the safeStorage backend otherwise. */
  backend: string;
  /** Base64 of the cipher's own binary format. */
  data: string;
}

export interface Opened {
  plain: string;
  /** The cipher advises sealing the value again (rotated key, weaker parameters): do so and save. */
  shouldReEncrypt: boolean;
}

export interface SecretCipher {
  readonly id: CipherId;
  readonly backend: string;
  encrypt(plain: string): Promise<Sealed>;
  decrypt(sealed: Sealed): Promise<Opened>;
}

/**
 * Where the repositories get the cipher in force. `id` and `backend` are known even while locked, so a profile
 * sealed by something else can be flagged without unlocking; `current()` throws `locked` while locked.
 */
export interface CipherSource {
  readonly id: CipherId;
  readonly backend: string;
  current(): SecretCipher;
}

/** A source for a cipher that never locks (the OS key store). */
export const alwaysOpen = (cipher: SecretCipher): CipherSource => ({
  id: cipher.id,
  backend: cipher.backend,
  current: () => cipher,
});

/** Refuses a sealed record that another cipher or key store wrote, naming both in plain words. */
export function assertSealedBy(cipher: Pick<SecretCipher, 'id' | 'backend'>, sealed: Sealed): void {
  if (sealed.cipher !== cipher.id || sealed.backend !== cipher.backend) {
    throw new StoreError(
      'key-mismatch',
      `These credentials were sealed with ${sealed.cipher} (${sealed.backend}) and cannot be read with ${cipher.id} (${cipher.backend}).`,
    );
  }
}

export const PASSPHRASE_BACKEND = 'scrypt-aes-256-gcm';

export interface ScryptParams {
  /** log2 of scrypt's N. */
  logN: number;
  r: number;
  p: number;
}

/** OWASP's minimum for scrypt (N = 2^17, r = 8, p = 1); each unlock costs about 128 MiB of memory for a moment. */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };
/** Data sealed with cheaper settings is still read, down to this floor. */
const MIN_LOG_N = 15;
/** Above this a crafted file could make unlock allocate gigabytes. */
const MAX_LOG_N = 20;

/*
 * Binary format, version 1 (all integers one byte):
 *   "AUDP" | version=1 | logN | r | p | salt[16] | verifier[16] | nonce[12] | ciphertext | tag[16]
 * Everything before the ciphertext is authenticated as AES-GCM additional data. The verifier is an HMAC of a
 * fixed label under a second scrypt-derived key, so a wrong passphrase is told apart from damaged data.
 */
const MAGIC = Buffer.from('AUDP', 'ascii');
const VERSION = 1;
const SALT_LEN = 16;
const VERIFIER_LEN = 16;
const NONCE_LEN = 12;
const TAG_LEN = 16;
const HEADER_LEN = MAGIC.length + 4 + SALT_LEN + VERIFIER_LEN + NONCE_LEN;

interface Header {
  params: ScryptParams;
  salt: Buffer;
  verifier: Buffer;
  nonce: Buffer;
  aad: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parse(data: string): Header {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length < HEADER_LEN + TAG_LEN || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new StoreError('unsupported-format', 'The sealed data is not in a format this app knows, or it is cut short.');
  }
  let at = MAGIC.length;
  const version = bytes[at++];
  if (version !== VERSION) {
    throw new StoreError('unsupported-format', `The sealed data uses format version ${version}; this app reads version ${VERSION}.`);
  }
  const params = { logN: bytes[at++] as number, r: bytes[at++] as number, p: bytes[at++] as number };
  if (params.logN < MIN_LOG_N || params.logN > MAX_LOG_N || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 4) {
    throw new StoreError('unsupported-format', 'The sealed data asks for key-derivation settings this app does not accept.');
  }
  const take = (n: number) => bytes.subarray(at, (at += n));
  const salt = take(SALT_LEN);
  const verifier = take(VERIFIER_LEN);
  const nonce = take(NONCE_LEN);
  return {
    params,
    salt,
    verifier,
    nonce,
    aad: bytes.subarray(0, HEADER_LEN),
    ciphertext: bytes.subarray(HEADER_LEN, bytes.length - TAG_LEN),
    tag: bytes.subarray(bytes.length - TAG_LEN),
  };
}

function deriveKeys(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  // Node's default maxmem (32 MiB) is exactly 128·N·r at N=2^15, r=8, which scrypt rejects: leave headroom.
  const maxmem = 128 * N * params.r * params.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 64, { N, r: params.r, p: params.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

const verifierOf = (verifyKey: Buffer): Buffer =>
  createHmac('sha256', verifyKey).update('api-user-desk passphrase verifier v1').digest().subarray(0, VERIFIER_LEN);

/**
 * AES-256-GCM under a key derived from the person's passphrase with scrypt. One instance holds one derived key
 * (for one salt) in memory from unlock to lock; the passphrase itself is never kept.
 */
export class PassphraseCipher implements SecretCipher {
  readonly id = 'passphrase-v1' as const;
  readonly backend = PASSPHRASE_BACKEND;
  readonly #params: ScryptParams;
  readonly #salt: Buffer;
  readonly #verifier: Buffer;
  #keys: Buffer | null;

  private constructor(params: ScryptParams, salt: Buffer, keys: Buffer) {
    this.#params = params;
    this.#salt = salt;
    this.#keys = keys;
    this.#verifier = verifierOf(keys.subarray(32));
  }

  /** A new key from a new passphrase, with a fresh random salt. */
  static async create(passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<PassphraseCipher> {
    if (params.logN < MIN_LOG_N || params.logN > MAX_LOG_N) throw new RangeError('scrypt logN out of range');
    const salt = randomBytes(SALT_LEN);
    return new PassphraseCipher(params, salt, await deriveKeys(passphrase, salt, params));
  }

  /**
   * Re-derives the key that sealed `sample` (salt and parameters come from it) and checks the passphrase against
   * the sample's verifier. Throws `wrong-passphrase`, `tampered` or `unsupported-format`.
   */
  static async unlock(passphrase: string, sample: Sealed): Promise<PassphraseCipher> {
    assertSealedBy({ id: 'passphrase-v1', backend: PASSPHRASE_BACKEND }, sample);
    const header = parse(sample.data);
    const keys = await deriveKeys(passphrase, Buffer.from(header.salt), header.params);
    if (!timingSafeEqual(verifierOf(keys.subarray(32)), header.verifier)) {
      keys.fill(0);
      throw new StoreError('wrong-passphrase', 'The passphrase is not correct.');
    }
    const cipher = new PassphraseCipher(header.params, Buffer.from(header.salt), keys);
    await cipher.decrypt(sample);
    return cipher;
  }

  get unlocked(): boolean {
    return this.#keys !== null;
  }

  /** Overwrites the derived key in memory; every later encrypt or decrypt fails with `locked`. */
  lock(): void {
    this.#keys?.fill(0);
    this.#keys = null;
  }

  #key(): Buffer {
    if (this.#keys === null) throw new StoreError('locked', 'The vault is locked. Enter the app passphrase to continue.');
    return this.#keys.subarray(0, 32);
  }

  async encrypt(plain: string): Promise<Sealed> {
    const key = this.#key();
    const nonce = randomBytes(NONCE_LEN);
    const { logN, r, p } = this.#params;
    const aad = Buffer.concat([MAGIC, Buffer.from([VERSION, logN, r, p]), this.#salt, this.#verifier, nonce]);
    const gcm = createCipheriv('aes-256-gcm', key, nonce);
    gcm.setAAD(aad);
    const ciphertext = Buffer.concat([gcm.update(plain, 'utf8'), gcm.final()]);
    const data = Buffer.concat([aad, ciphertext, gcm.getAuthTag()]).toString('base64');
    return { cipher: this.id, backend: this.backend, data };
  }

  async decrypt(sealed: Sealed): Promise<Opened> {
    assertSealedBy(this, sealed);
    const key = this.#key();
    const h = parse(sealed.data);
    if (!h.salt.equals(this.#salt)) {
      throw new StoreError('key-mismatch', 'This data was sealed under a different app passphrase (or before the passphrase was changed).');
    }
    if (!timingSafeEqual(h.verifier, this.#verifier)) {
      throw new StoreError('tampered', 'The sealed data has been changed or damaged and cannot be trusted.');
    }
    try {
      const gcm = createDecipheriv('aes-256-gcm', key, h.nonce);
      gcm.setAAD(h.aad);
      gcm.setAuthTag(h.tag);
      const plain = Buffer.concat([gcm.update(h.ciphertext), gcm.final()]).toString('utf8');
      // Same key, same parameters: sealing again would change nothing. Stronger parameters need the passphrase.
      return { plain, shouldReEncrypt: false };
    } catch {
      throw new StoreError('tampered', 'The sealed data has been changed or damaged and cannot be trusted.');
    }
  }
}
