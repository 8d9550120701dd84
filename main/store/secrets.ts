/**
 * How secrets are sealed at rest. Every sealed record names the cipher and the backend that wrote it, so data
 * written on another machine or with another key store is recognised as such instead of failing obscurely.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
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

/** The cheapest settings this format accepts (N = 2^15, a quarter of the cost): for tests only, never the app's default. */
export const TEST_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 1 };

/**
 * The only settings read or written: what this app writes (above) and the cheaper ones its format documents as
 * readable (N = 2^15 and 2^16). The parameters come from the data itself, so anything else (say N = 2^20, r = 32,
 * p = 4: 4 GiB and a minute per try) is refused before any key derivation.
 */
const accepted = ({ logN, r, p }: ScryptParams): boolean => logN >= 15 && logN <= 17 && r === 8 && p === 1;
/** What scrypt may allocate whatever the data says: the accepted maximum (128 MiB) plus headroom. */
const SCRYPT_MAXMEM = 160 * 1024 * 1024;

/*
 * Binary format (all integers one byte):
 *   version 2: "AUDP" | 2 | logN | r | p | salt[16] | verifier[16] | sha256[32] | nonce[12] | ciphertext | tag[16]
 *   version 1: "AUDP" | 1 | logN | r | p | salt[16] | verifier[16] | nonce[12] | ciphertext | tag[16]
 * Everything before the ciphertext is authenticated as AES-GCM additional data. The verifier is an HMAC of a
 * fixed label under a second scrypt-derived key, so a wrong passphrase is told apart from damaged data. Version 2
 * adds the SHA-256 of the bytes before it: damage to the salt, the parameters or the verifier would otherwise
 * derive another key and read as a wrong passphrase, and it is caught before any key derivation. Version 1 is
 * still read, and reported as worth sealing again.
 */
const MAGIC = Buffer.from('AUDP', 'ascii');
const VERSION = 2;
const SALT_LEN = 16;
const VERIFIER_LEN = 16;
const SUM_LEN = 32;
const NONCE_LEN = 12;
const TAG_LEN = 16;
/** Magic, version, parameters, salt and verifier: what key derivation and the passphrase check rely on. */
const KEY_HEADER_LEN = MAGIC.length + 4 + SALT_LEN + VERIFIER_LEN;
const headerLength = (version: number): number => KEY_HEADER_LEN + (version === 1 ? 0 : SUM_LEN) + NONCE_LEN;

const sha256 = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest();

const damaged = () => new StoreError('tampered', 'The sealed data has been changed or damaged and cannot be trusted.');

interface Header {
  version: number;
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
  if (bytes.length < MAGIC.length + 1 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new StoreError('unsupported-format', 'The sealed data is not in a format this app knows, or it is cut short.');
  }
  const version = bytes[MAGIC.length] as number;
  if (version !== 1 && version !== VERSION) {
    throw new StoreError('unsupported-format', `The sealed data uses format version ${version}; this app reads versions 1 and ${VERSION}.`);
  }
  const headerLen = headerLength(version);
  if (bytes.length < headerLen + TAG_LEN) {
    throw new StoreError('unsupported-format', 'The sealed data is not in a format this app knows, or it is cut short.');
  }
  if (version !== 1 && !timingSafeEqual(sha256(bytes.subarray(0, KEY_HEADER_LEN)), bytes.subarray(KEY_HEADER_LEN, KEY_HEADER_LEN + SUM_LEN))) {
    throw damaged();
  }
  let at = MAGIC.length + 1;
  const params = { logN: bytes[at++] as number, r: bytes[at++] as number, p: bytes[at++] as number };
  if (!accepted(params)) {
    throw new StoreError('unsupported-format', 'The sealed data is damaged or was not written by this app: it asks for key-derivation settings this app never uses.');
  }
  const take = (n: number) => bytes.subarray(at, (at += n));
  const salt = take(SALT_LEN);
  const verifier = take(VERIFIER_LEN);
  if (version !== 1) take(SUM_LEN);
  const nonce = take(NONCE_LEN);
  return {
    version,
    params,
    salt,
    verifier,
    nonce,
    aad: bytes.subarray(0, headerLen),
    ciphertext: bytes.subarray(headerLen, bytes.length - TAG_LEN),
    tag: bytes.subarray(bytes.length - TAG_LEN),
  };
}

function deriveKeys(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 64, { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: SCRYPT_MAXMEM }, (err, key) =>
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
    if (!accepted(params)) throw new RangeError('scrypt settings other than N = 2^15…2^17, r = 8, p = 1');
    const salt = randomBytes(SALT_LEN);
    return new PassphraseCipher(params, salt, await deriveKeys(passphrase, salt, params));
  }

  /**
   * Re-derives the key that sealed `sample` (salt and parameters come from it) and checks the passphrase against
   * the sample's verifier. Throws `wrong-passphrase`, `tampered` or `unsupported-format`; in version 1 data,
   * damage to the salt, parameters or verifier cannot be told apart and reads as `wrong-passphrase`.
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
    const keyHeader = Buffer.concat([MAGIC, Buffer.from([VERSION, logN, r, p]), this.#salt, this.#verifier]);
    const aad = Buffer.concat([keyHeader, sha256(keyHeader), nonce]);
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
    if (!timingSafeEqual(h.verifier, this.#verifier)) throw damaged();
    try {
      const gcm = createDecipheriv('aes-256-gcm', key, h.nonce);
      gcm.setAAD(h.aad);
      gcm.setAuthTag(h.tag);
      const plain = Buffer.concat([gcm.update(h.ciphertext), gcm.final()]).toString('utf8');
      // Sealing again moves version 1 data to the current format. Stronger parameters would need the passphrase.
      return { plain, shouldReEncrypt: h.version !== VERSION };
    } catch {
      throw damaged();
    }
  }
}
