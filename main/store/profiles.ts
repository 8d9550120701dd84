/**
 * Profiles: one onOffice API user each. Token, secret and — for a marketplace provider's API user — the API claim
 * are sealed together in one blob; the token hint and whether a claim is held are the only parts kept in clear.
 * Nothing here hands a secret out except `readCredentials`, which only the signing path calls. Credentials that
 * cannot be decrypted are flagged and kept, never deleted.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, SQLInputValue, StatementResultingChanges } from 'node:sqlite';
import { z } from 'zod';
import { render, T, type Text } from '../domain/i18n/index.ts';
import { SECRET_LENGTH, TOKEN_LENGTH } from '../domain/vocabulary.ts';
import { checkEndpoint, ONOFFICE_ENDPOINTS } from '../onoffice/endpoint.ts';
import { tokenHint } from '../onoffice/mask.ts';
import type { Credentials } from '../onoffice/wire.ts';
import { inTransaction } from './database.ts';
import { StoreError, isStoreError, type StoreErrorDetail } from './errors.ts';
import type { CipherId, CipherSource, Sealed, SecretCipher } from './secrets.ts';

export type EndpointKind = 'stable' | 'latest' | 'custom';
export interface Endpoint {
  kind: EndpointKind;
  url: string;
}
export type EndpointInput = { kind: 'stable' } | { kind: 'latest' } | { kind: 'custom'; url: string };

/**
 * `missing`: none entered yet. `unreadable`: sealed by another cipher or key store, or decryption failed — cannot
 * be read on this machine; re-enter or restore from a backup.
 */
export type CredentialsState = 'ok' | 'missing' | 'unreadable';

export interface Profile {
  id: string;
  label: string;
  customer: string;
  endpoint: Endpoint;
  useCase: string;
  notes: string;
  createdAt: number;
  updatedAt: number;
  lastCheck: unknown;
  tokenHint: string | null;
  /** The sealed credentials hold a marketplace API claim; known without unlocking. */
  hasApiClaim: boolean;
  credentialsState: CredentialsState;
  sealedBy: { cipher: CipherId; backend: string } | null;
  /** The sandbox scenario a demo profile was made for; null for every real profile. */
  demoScenario: string | null;
}

export interface ProfileInput {
  label: string;
  customer?: string;
  endpoint: EndpointInput;
  useCase?: string;
  notes?: string;
}

export type ProfilePatch = Partial<ProfileInput>;

/** What a backup holds of a profile besides its credentials. */
export interface ProfileSnapshot extends ProfileInput {
  id: string;
  createdAt: number;
  lastCheck: unknown;
}

export interface Resealed {
  id: string;
  /** The sealed text that was read, so a write does not undo a rotation that happened meanwhile. */
  previous: string;
  sealed: Sealed;
}

interface SealedCredentials {
  sealed: Sealed;
  hint: string;
  hasApiClaim: boolean;
}

/**
 * A profile put back from a backup (`restore`) or overwritten by one (`replace`), checked and sealed ahead: sealing
 * is asynchronous, and a whole import has to be written in one synchronous transaction. `remove` takes the stored
 * credentials away; `keep` leaves them.
 */
export type PreparedWrite =
  | { kind: 'restore'; snapshot: ProfileSnapshot; input: CheckedInput; sealed: SealedCredentials | null }
  | { kind: 'replace'; id: string; input: CheckedInput; credentials: SealedCredentials | 'keep' | 'remove' };

export { SECRET_LENGTH, TOKEN_LENGTH };
/** onOffice documents no length for the claim. Shorter than 8 would also slip past the redactor's hunt. */
export const API_CLAIM_MIN_LENGTH = 8;
export const API_CLAIM_MAX_LENGTH = 1024;

type Field = 'token' | 'secret' | 'apiClaim';

const FIELD_NAMES: Record<Field, string> = { token: 'The token', secret: 'The secret', apiClaim: 'The API claim' };
const COPIED_FROM: Record<Field, string> = {
  token: 'onOffice enterprise',
  secret: 'onOffice enterprise',
  apiClaim: 'the activation URL (its apiClaim parameter)',
};

/** A space or a character beyond printable ASCII: a copy error. Never quotes the value. */
function characterProblems(field: Field, value: string): StoreErrorDetail[] {
  const name = FIELD_NAMES[field];
  if (/\s/.test(value)) {
    return [{ field, code: `${field}-whitespace`, message: `${name} contains a space, tab or line break. Copy it again without them.` }];
  }
  if (/[^\x21-\x7e]/.test(value)) {
    return [
      {
        field,
        code: `${field}-non-ascii`,
        message: `${name} contains a character that is not plain ASCII (for example a typographic quote). Copy it again from ${COPIED_FROM[field]}.`,
      },
    ];
  }
  return [];
}

/** Problems with a pasted token or secret, most specific first. */
function problemsWith(field: 'token' | 'secret', value: string, length: number): StoreErrorDetail[] {
  const characters = characterProblems(field, value);
  if (characters.length > 0) return characters;
  if (value.length !== length) {
    return [{ field, code: `${field}-length`, message: `${FIELD_NAMES[field]} must be ${length} characters long; this one has ${value.length}.` }];
  }
  return [];
}

function apiClaimProblems(value: string): StoreErrorDetail[] {
  const characters = characterProblems('apiClaim', value);
  if (characters.length > 0) return characters;
  if (value.length < API_CLAIM_MIN_LENGTH || value.length > API_CLAIM_MAX_LENGTH) {
    const message = `The API claim must be ${API_CLAIM_MIN_LENGTH} to ${API_CLAIM_MAX_LENGTH} characters long; this one has ${value.length}.`;
    return [{ field: 'apiClaim', code: 'apiClaim-length', message }];
  }
  return [];
}

const SWAPPED: StoreErrorDetail = {
  field: 'token',
  code: 'credentials-swapped',
  message: 'Token and secret look swapped: the token has 32 characters, the secret 64.',
};

/** The claim is trimmed (it is often copied out of a URL with a stray blank); empty means none. */
const credentialsSchema = z
  .object({ token: z.string(), secret: z.string(), apiClaim: z.string().trim().optional() })
  .superRefine(({ token, secret, apiClaim }, ctx) => {
    const swapped = token.trim().length === SECRET_LENGTH && secret.trim().length === TOKEN_LENGTH;
    const problems = swapped ? [SWAPPED] : [...problemsWith('token', token, TOKEN_LENGTH), ...problemsWith('secret', secret, SECRET_LENGTH)];
    if (apiClaim) problems.push(...apiClaimProblems(apiClaim));
    for (const p of problems) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message, params: { code: p.code } });
  })
  .transform(({ token, secret, apiClaim }): Credentials => ({ token, secret, ...(apiClaim ? { apiClaim } : {}) }));

/**
 * What the sealed blob holds. Records sealed before claims existed are `{token, secret}` and read as credentials
 * without a claim; a claim is only written when there is one.
 */
const sealedSchema = z.object({ token: z.string(), secret: z.string(), apiClaim: z.string().optional() });

const sealedText = ({ token, secret, apiClaim }: Credentials): string => JSON.stringify({ token, secret, ...(apiClaim ? { apiClaim } : {}) });

const endpointSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('stable') }),
    z.object({ kind: z.literal('latest') }),
    z.object({ kind: z.literal('custom'), url: z.string() }),
  ])
  .transform((e, ctx): Endpoint => {
    if (e.kind !== 'custom') return { kind: e.kind, url: ONOFFICE_ENDPOINTS[e.kind] };
    const checked = checkEndpoint(e.url.trim());
    if (!checked.ok) {
      const text = T('errors.endpoint.unusable', { reason: checked.reason });
      ctx.addIssue({ code: 'custom', message: render('en', text), params: { code: 'endpoint-invalid', text } });
      return z.NEVER;
    }
    return { kind: 'custom', url: checked.url.href };
  });

/** Appended to the name of a duplicate. */
const COPY_SUFFIX = ' (copy)';

const text = (max: number, what: string) => z.string().trim().max(max, `${what} can be at most ${max} characters long.`);

const inputShape = {
  label: z.string().trim().min(1, 'Give the profile a name.').max(100, 'The name can be at most 100 characters long.'),
  customer: text(200, 'The customer name').default(''),
  endpoint: endpointSchema,
  useCase: text(100, 'The use case').default(''),
  notes: text(10_000, 'The notes').default(''),
};
const inputSchema = z.object(inputShape);
export type CheckedInput = z.output<typeof inputSchema>;
const patchSchema = z.object({
  label: inputShape.label.optional(),
  customer: text(200, 'The customer name').optional(),
  endpoint: endpointSchema.optional(),
  useCase: text(100, 'The use case').optional(),
  notes: text(10_000, 'The notes').optional(),
});

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue): StoreErrorDetail => {
    const field = issue.path.map(String).join('.') || 'input';
    const params = issue.code === 'custom' ? (issue.params as { code?: string; text?: Text } | undefined) : undefined;
    return { field, code: params?.code ?? `${field}-${issue.code}`, message: issue.message, ...(params?.text ? { text: params.text } : {}) };
  });
  throw new StoreError('invalid-input', details.map((d) => d.message).join(' '), { details });
}

/** Checks a profile's fields (trimmed, endpoint resolved to its URL) without storing them. Throws `invalid-input`. */
export function checkProfileInput(input: ProfileInput): CheckedInput {
  return parseOrThrow(inputSchema, input);
}

/** Checks pasted credentials without storing them, e.g. to show problems while the person types. */
export function validateCredentials(input: Credentials): Credentials {
  return parseOrThrow(credentialsSchema, input);
}

interface Row {
  id: string;
  label: string;
  customer: string;
  endpoint_kind: EndpointKind;
  endpoint_url: string;
  use_case: string;
  notes: string;
  created_at: number;
  updated_at: number;
  last_check: string | null;
  credentials: string | null;
  cipher_id: CipherId | null;
  cipher_backend: string | null;
  token_hint: string | null;
  credentials_unreadable: number;
  has_api_claim: number;
  demo_scenario: string | null;
}

const UNREADABLE_MESSAGE =
  'The credentials of this profile cannot be read on this machine. Re-enter them or restore them from a backup.';

export interface ProfileStoreOptions {
  db: DatabaseSync;
  cipher: CipherSource;
  now: () => number;
  newId?: () => string;
}

export class ProfileStore {
  readonly #db: DatabaseSync;
  readonly #cipher: CipherSource;
  readonly #now: () => number;
  readonly #newId: () => string;

  constructor(options: ProfileStoreOptions) {
    this.#db = options.db;
    this.#cipher = options.cipher;
    this.#now = options.now;
    this.#newId = options.newId ?? randomUUID;
  }

  /** Every write goes through here, so a full disk or read-only file is a typed error. */
  #run(sql: string, ...params: SQLInputValue[]): StatementResultingChanges {
    return inTransaction(this.#db, () => this.#db.prepare(sql).run(...params));
  }

  #row(id: string): Row | undefined {
    return this.#db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as Row | undefined;
  }

  #requireRow(id: string): Row {
    const row = this.#row(id);
    if (row === undefined) throw new StoreError('not-found', 'This profile no longer exists.');
    return row;
  }

  /**
   * Whether the sealed credentials hold a claim is kept in clear (`has_api_claim`), so a profile can say so while
   * the vault is locked. Call inside the transaction that writes the blob it describes.
   */
  #markApiClaim(id: string, has: boolean): void {
    this.#db.prepare('UPDATE profiles SET has_api_claim = ? WHERE id = ?').run(has ? 1 : 0, id);
  }

  #toProfile(row: Row): Profile {
    let credentialsState: CredentialsState = 'ok';
    if (row.credentials === null) credentialsState = 'missing';
    else if (row.credentials_unreadable !== 0 || row.cipher_id !== this.#cipher.id || row.cipher_backend !== this.#cipher.backend) {
      credentialsState = 'unreadable';
    }
    return {
      id: row.id,
      label: row.label,
      customer: row.customer,
      endpoint: { kind: row.endpoint_kind, url: row.endpoint_url },
      useCase: row.use_case,
      notes: row.notes,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lastCheck: row.last_check === null ? null : JSON.parse(row.last_check),
      tokenHint: row.token_hint,
      hasApiClaim: row.credentials !== null && row.has_api_claim !== 0,
      credentialsState,
      sealedBy: row.cipher_id === null || row.cipher_backend === null ? null : { cipher: row.cipher_id, backend: row.cipher_backend },
      demoScenario: row.demo_scenario,
    };
  }

  list(): Profile[] {
    const rows = this.#db.prepare('SELECT * FROM profiles ORDER BY label COLLATE NOCASE, created_at').all() as unknown as Row[];
    return rows.map((r) => this.#toProfile(r));
  }

  get(id: string): Profile | null {
    const row = this.#row(id);
    return row === undefined ? null : this.#toProfile(row);
  }

  /**
   * Creates a profile, with credentials when given (they are validated and sealed first). `demoScenario` marks a
   * demo profile made for that sandbox scenario.
   */
  async create(input: ProfileInput, credentials?: Credentials, options: { demoScenario?: string } = {}): Promise<Profile> {
    const p = parseOrThrow(inputSchema, input);
    const sealed = credentials === undefined ? null : await this.#seal(credentials);
    return this.#insert(this.#newId(), p, this.#now(), null, sealed, options.demoScenario ?? null);
  }

  /** The demo profiles, in list order. */
  listDemo(): Profile[] {
    return this.list().filter((p) => p.demoScenario !== null);
  }

  /**
   * Points every demo profile at the sandbox's new address (it listens on another port after a restart). Not an
   * edit of the person's: `updated_at` stays. Returns how many changed.
   */
  moveDemoEndpoints(url: string): number {
    const checked = parseOrThrow(endpointSchema, { kind: 'custom', url });
    return Number(
      this.#run(
        "UPDATE profiles SET endpoint_kind = 'custom', endpoint_url = ? WHERE demo_scenario IS NOT NULL AND endpoint_url <> ?",
        checked.url, checked.url,
      ).changes,
    );
  }

  /** Checks a profile from a backup and seals its credentials; nothing is written. Throws `invalid-input` or `locked`. */
  async prepareRestore(snapshot: ProfileSnapshot, credentials: Credentials | null): Promise<PreparedWrite> {
    const input = checkProfileInput(snapshot);
    return { kind: 'restore', snapshot, input, sealed: credentials === null ? null : await this.#seal(credentials) };
  }

  /** Checks a backup's version of an existing profile and seals credentials given; nothing is written. */
  async prepareReplace(id: string, snapshot: ProfileInput, credentials: Credentials | 'keep' | 'remove'): Promise<PreparedWrite> {
    const input = checkProfileInput(snapshot);
    return { kind: 'replace', id, input, credentials: typeof credentials === 'string' ? credentials : await this.#seal(credentials) };
  }

  /**
   * Writes prepared restores and replaces in one transaction: all of them, or on any failure none. A restored
   * profile keeps its id when that is free, so journal entries find it again; otherwise it gets a new one. Returns
   * the id written for each, in order.
   */
  writeAll(writes: readonly PreparedWrite[]): string[] {
    return inTransaction(this.#db, () =>
      writes.map((w) => {
        if (w.kind === 'replace') {
          this.#requireRow(w.id);
          this.#updateRow(w.id, w.input);
          if (w.credentials === 'remove') this.#writeCredentials(w.id, null);
          else if (w.credentials !== 'keep') this.#writeCredentials(w.id, w.credentials);
          return w.id;
        }
        const id = this.#row(w.snapshot.id) === undefined ? w.snapshot.id : this.#newId();
        this.#insertRow(id, w.input, w.snapshot.createdAt, w.snapshot.lastCheck ?? null, w.sealed);
        return id;
      }),
    );
  }

  #insert(id: string, p: CheckedInput, createdAt: number, lastCheck: unknown, sealed: SealedCredentials | null, demoScenario: string | null): Profile {
    inTransaction(this.#db, () => this.#insertRow(id, p, createdAt, lastCheck, sealed, demoScenario));
    return this.#toProfile(this.#requireRow(id));
  }

  /** Call inside a transaction. */
  #insertRow(id: string, p: CheckedInput, createdAt: number, lastCheck: unknown, sealed: SealedCredentials | null, demoScenario: string | null = null): void {
    this.#db
      .prepare(
        `INSERT INTO profiles (id, label, customer, endpoint_kind, endpoint_url, use_case, notes, created_at, updated_at,
           last_check, credentials, cipher_id, cipher_backend, token_hint, demo_scenario)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id, p.label, p.customer, p.endpoint.kind, p.endpoint.url, p.useCase, p.notes, createdAt, this.#now(),
        lastCheck === null ? null : JSON.stringify(lastCheck),
        sealed?.sealed.data ?? null, sealed?.sealed.cipher ?? null, sealed?.sealed.backend ?? null, sealed?.hint ?? null,
        demoScenario,
      );
    this.#markApiClaim(id, sealed?.hasApiClaim ?? false);
  }

  /** Call inside a transaction. */
  #updateRow(id: string, p: CheckedInput): void {
    this.#db
      .prepare(
        `UPDATE profiles SET label = ?, customer = ?, endpoint_kind = ?, endpoint_url = ?, use_case = ?, notes = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(p.label, p.customer, p.endpoint.kind, p.endpoint.url, p.useCase, p.notes, this.#now(), id);
  }

  /** Replaces the sealed credentials whole, or removes them (null); call inside a transaction. */
  #writeCredentials(id: string, sealed: SealedCredentials | null): void {
    this.#db
      .prepare(
        `UPDATE profiles SET credentials = ?, cipher_id = ?, cipher_backend = ?, token_hint = ?, credentials_unreadable = 0,
           updated_at = ? WHERE id = ?`,
      )
      .run(sealed?.sealed.data ?? null, sealed?.sealed.cipher ?? null, sealed?.sealed.backend ?? null, sealed?.hint ?? null, this.#now(), id);
    this.#markApiClaim(id, sealed?.hasApiClaim ?? false);
  }

  updateMetadata(id: string, patch: ProfilePatch): Profile {
    const p = parseOrThrow(patchSchema, patch);
    const row = this.#requireRow(id);
    inTransaction(this.#db, () =>
      this.#updateRow(id, {
        label: p.label ?? row.label,
        customer: p.customer ?? row.customer,
        endpoint: p.endpoint ?? { kind: row.endpoint_kind, url: row.endpoint_url },
        useCase: p.useCase ?? row.use_case,
        notes: p.notes ?? row.notes,
      }),
    );
    return this.#toProfile(this.#requireRow(id));
  }

  /** Stores the outcome of the latest onboarding check; any JSON-serialisable summary. */
  setLastCheck(id: string, summary: unknown): Profile {
    this.#requireRow(id);
    this.#run('UPDATE profiles SET last_check = ?, updated_at = ? WHERE id = ?', JSON.stringify(summary), this.#now(), id);
    return this.#toProfile(this.#requireRow(id));
  }

  /**
   * Replaces the credentials (new API user, rotated secret, new activation, or re-entry of unreadable ones). All of
   * them: credentials given without a claim remove a claim held so far.
   */
  async rotateCredentials(id: string, credentials: Credentials): Promise<Profile> {
    this.#requireRow(id);
    const sealed = await this.#seal(credentials);
    inTransaction(this.#db, () => this.#writeCredentials(id, sealed));
    return this.#toProfile(this.#requireRow(id));
  }

  delete(id: string): void {
    const changes = inTransaction(this.#db, () => this.#db.prepare('DELETE FROM profiles WHERE id = ?').run(id).changes);
    if (changes === 0) throw new StoreError('not-found', 'This profile no longer exists.');
  }

  /**
   * Copies the metadata only. A copy is almost always meant for another API user of the same customer, and copied
   * secrets would be one more place to rotate when they change.
   */
  duplicate(id: string): Profile {
    const row = this.#requireRow(id);
    const newId = this.#newId();
    const at = this.#now();
    // The marker stays whole: a long name gives way instead (a name is at most 100 characters).
    const label = `${row.label.slice(0, 100 - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
    this.#run(
      `INSERT INTO profiles (id, label, customer, endpoint_kind, endpoint_url, use_case, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      newId, label, row.customer, row.endpoint_kind, row.endpoint_url, row.use_case, row.notes, at, at,
    );
    return this.#toProfile(this.#requireRow(newId));
  }

  /**
   * For the signing path only. Throws `locked`, `no-credentials`, `unreadable` or `not-found`. Re-seals and saves
   * when the cipher advises it.
   */
  async readCredentials(id: string): Promise<Credentials> {
    const row = this.#requireRow(id);
    if (row.credentials === null || row.cipher_id === null || row.cipher_backend === null) {
      throw new StoreError('no-credentials', 'This profile has no credentials yet. Enter the token and secret of the API user.');
    }
    if (row.cipher_id !== this.#cipher.id || row.cipher_backend !== this.#cipher.backend) {
      throw new StoreError('unreadable', UNREADABLE_MESSAGE);
    }
    const cipher = this.#cipher.current();
    const sealed: Sealed = { cipher: row.cipher_id, backend: row.cipher_backend, data: row.credentials };
    let opened;
    try {
      opened = await cipher.decrypt(sealed);
    } catch (e) {
      if (isStoreError(e, 'locked')) throw e;
      this.#run('UPDATE profiles SET credentials_unreadable = 1 WHERE id = ? AND credentials = ?', id, row.credentials);
      throw new StoreError('unreadable', UNREADABLE_MESSAGE, { cause: e });
    }
    const credentials: Credentials = sealedSchema.parse(JSON.parse(opened.plain));
    // A key store that failed once (a refused prompt, a keyring not yet up) may answer later: then the flag goes.
    if (row.credentials_unreadable !== 0) {
      this.#run('UPDATE profiles SET credentials_unreadable = 0 WHERE id = ? AND credentials = ?', id, row.credentials);
    }
    this.#healApiClaimFlag(id, row.credentials, credentials.apiClaim !== undefined);
    if (opened.shouldReEncrypt) {
      const again = await cipher.encrypt(opened.plain);
      // Only replaces what was read: a rotation that happened meanwhile wins.
      this.#run(
        'UPDATE profiles SET credentials = ?, cipher_id = ?, cipher_backend = ? WHERE id = ? AND credentials = ?',
        again.data, again.cipher, again.backend, id, row.credentials,
      );
    }
    return credentials;
  }

  /**
   * Reads every readable secret with the cipher in force and seals it with `next`, for a change of key; nothing
   * is written. Secrets that cannot be read here stay as they are (flagged, never dropped).
   */
  async resealAllWith(next: SecretCipher): Promise<Resealed[]> {
    const resealed: Resealed[] = [];
    for (const p of this.list()) {
      // A profile flagged unreadable is tried again too: the flag may stem from a key store that failed once.
      if (p.sealedBy?.cipher !== this.#cipher.id || p.sealedBy.backend !== this.#cipher.backend) continue;
      const row = this.#requireRow(p.id);
      let credentials: Credentials;
      try {
        credentials = await this.readCredentials(p.id);
      } catch (e) {
        if (isStoreError(e, 'unreadable')) continue;
        throw e;
      }
      resealed.push({ id: p.id, previous: row.credentials as string, sealed: await next.encrypt(sealedText(credentials)) });
    }
    return resealed;
  }

  /** Stores what `resealAllWith` sealed; call inside the caller's transaction. A secret changed meanwhile wins. */
  writeResealed(resealed: readonly Resealed[]): void {
    // The re-sealed secrets were just read: whatever unreadable flag they had is stale.
    const update = this.#db.prepare(
      'UPDATE profiles SET credentials = ?, cipher_id = ?, cipher_backend = ?, credentials_unreadable = 0 WHERE id = ? AND credentials = ?',
    );
    for (const r of resealed) update.run(r.sealed.data, r.sealed.cipher, r.sealed.backend, r.id, r.previous);
  }

  /**
   * The clear flag follows the blob just read, should they disagree (e.g. an older version of the app replaced the
   * credentials and dropped the claim). Only while that blob is still the one stored: a rotation meanwhile wins.
   */
  #healApiClaimFlag(id: string, blob: string, has: boolean): void {
    if ((this.#row(id)?.has_api_claim !== 0) === has) return;
    inTransaction(this.#db, () => {
      const current = this.#db.prepare('SELECT credentials FROM profiles WHERE id = ?').get(id) as { credentials: string | null } | undefined;
      if (current?.credentials === blob) this.#markApiClaim(id, has);
    });
  }

  async #seal(input: Credentials): Promise<SealedCredentials> {
    const credentials = validateCredentials(input);
    const cipher = this.#cipher.current();
    return { sealed: await cipher.encrypt(sealedText(credentials)), hint: tokenHint(credentials.token), hasApiClaim: credentials.apiClaim !== undefined };
  }
}
