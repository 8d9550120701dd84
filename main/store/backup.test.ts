import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupKind, exportEncrypted, exportMetadata, findConflicts, importBackup, previewImport, readBackup, type BackupContents } from './backup.ts';
import { openDatabase } from './database.ts';
import { V1 } from './fixtures/passphrase-v1.ts';
import { ProfileStore } from './profiles.ts';
import { STORE_MIGRATIONS } from './schema.ts';
import { alwaysOpen, PassphraseCipher } from './secrets.ts';
import { codeOf } from '../../tests/support/errors.ts';

const FAST = { logN: 15, r: 8, p: 1 };
const TOKEN = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const SECRET = 'Zz'.repeat(32);
const CLAIM = 'a9c1aim0feed5eed0bad1dea0123abcd';
const now = () => 1_750_000_000_000;

let dir: string;
let dbs: DatabaseSync[];
let ids: number;

async function freshStore(): Promise<ProfileStore> {
  const db = openDatabase({ path: join(dir, `desk-${dbs.length}.sqlite`), migrations: STORE_MIGRATIONS, now }).db;
  dbs.push(db);
  const cipher = await PassphraseCipher.create('app passphrase', FAST);
  return new ProfileStore({ db, cipher: alwaysOpen(cipher), now, newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}` });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aud-backup-'));
  dbs = [];
  ids = 0;
});
afterEach(() => {
  for (const db of dbs) db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sourceWithTwo() {
  const store = await freshStore();
  const a = await store.create({ label: 'Muster', customer: 'Muster GmbH', endpoint: { kind: 'stable' }, notes: 'n' }, { token: TOKEN, secret: SECRET });
  const b = await store.create({ label: 'Sandbox', endpoint: { kind: 'custom', url: 'http://127.0.0.1:8080/api.php' } });
  store.setLastCheck(a.id, { passed: 5 });
  return { store, a, b };
}

describe('encrypted backup', () => {
  it('round-trips profiles and credentials into another installation, showing nothing in clear but the header', async () => {
    const { store, a, b } = await sourceWithTwo();
    const { text, withoutCredentials } = await exportEncrypted(store, [a.id, b.id], 'backup pass', { now, scrypt: FAST });
    expect(withoutCredentials).toEqual([b.id]);
    const [header, body, rest] = text.split('\n');
    expect(JSON.parse(header as string)).toEqual({ format: 'api-user-desk-backup', version: 1, kind: 'encrypted' });
    expect(rest).toBe('');
    for (const clear of [TOKEN, SECRET, 'Muster', 'Sandbox', '127.0.0.1']) expect(text).not.toContain(clear);
    expect(Buffer.from(body as string, 'base64').subarray(0, 4).toString()).toBe('AUDP');

    const target = await freshStore();
    const contents = await readBackup(text, 'backup pass');
    expect(backupKind(text)).toBe('encrypted');
    expect(await importBackup(target, contents, () => 'skip')).toEqual({ created: [a.id, b.id], replaced: [], skipped: [], credentialsDropped: [] });
    expect(target.get(a.id)).toMatchObject({ label: 'Muster', customer: 'Muster GmbH', notes: 'n', lastCheck: { passed: 5 }, tokenHint: 'c0ff…ee00' });
    expect(await target.readCredentials(a.id)).toEqual({ token: TOKEN, secret: SECRET });
    expect(target.get(b.id)).toMatchObject({ credentialsState: 'missing', endpoint: { kind: 'custom', url: 'http://127.0.0.1:8080/api.php' } });
  });

  it("carries a marketplace API user's claim with the credentials, sealed like them", async () => {
    const store = await freshStore();
    const p = await store.create({ label: 'Anbieter', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET, apiClaim: CLAIM });
    const { text } = await exportEncrypted(store, [p.id], 'backup pass', { now, scrypt: FAST });
    expect(text).not.toContain(CLAIM);

    const target = await freshStore();
    await importBackup(target, await readBackup(text, 'backup pass'), () => 'skip');
    expect(target.get(p.id)?.hasApiClaim).toBe(true);
    expect(await target.readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET, apiClaim: CLAIM });

    // Replacing with the backup's credentials brings the claim back too.
    await target.rotateCredentials(p.id, { token: TOKEN, secret: SECRET });
    await importBackup(target, await readBackup(text, 'backup pass'), () => 'replace');
    expect((await target.readCredentials(p.id)).apiClaim).toBe(CLAIM);
  });

  it('tells a wrong passphrase, a truncated file and a tampered file apart', async () => {
    const { store, a } = await sourceWithTwo();
    const { text } = await exportEncrypted(store, [a.id], 'backup pass', { now, scrypt: FAST });
    expect(await codeOf(() => readBackup(text, 'not the pass'))).toBe('wrong-passphrase');
    expect(await codeOf(() => readBackup(text))).toBe('wrong-passphrase');

    const [header, body] = text.split('\n') as [string, string];
    expect(await codeOf(() => readBackup(`${header}\n${body.slice(0, Math.floor(body.length / 2))}\n`, 'backup pass'))).toBe('tampered');
    expect(await codeOf(() => readBackup(`${header}\n${body.slice(0, 40)}\n`, 'backup pass'))).toBe('unsupported-format');
    expect(await codeOf(() => readBackup(text.slice(0, 30), 'backup pass'))).toBe('unsupported-format');

    const bytes = Buffer.from(body, 'base64');
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] as number) ^ 0x20;
    expect(await codeOf(() => readBackup(`${header}\n${bytes.toString('base64')}\n`, 'backup pass'))).toBe('tampered');

    const relabelled = text.replace('"kind":"encrypted"', '"kind":"metadata"');
    expect(await codeOf(() => readBackup(relabelled, 'backup pass'))).toBe('unsupported-format');
    expect(await codeOf(() => readBackup(text.replace('"version":1', '"version":2'), 'backup pass'))).toBe('unsupported-format');
  });

  it('resolves each conflict as chosen: skip, replace, keep both', async () => {
    const { store, a, b } = await sourceWithTwo();
    const c = await store.create({ label: 'Third', endpoint: { kind: 'latest' } });
    const { text } = await exportEncrypted(store, [a.id, b.id, c.id], 'backup pass', { now, scrypt: FAST });

    store.updateMetadata(a.id, { label: 'Muster renamed' });
    await store.rotateCredentials(a.id, { token: TOKEN.replace('c0ff', 'beef'), secret: SECRET });
    store.updateMetadata(b.id, { notes: 'changed here' });
    const contents = await readBackup(text, 'backup pass');
    const conflicts = findConflicts(store, contents);
    expect(conflicts.map((x) => [x.kind, x.existing.id])).toEqual([
      ['same-profile', a.id],
      ['same-profile', b.id],
      ['same-profile', c.id],
    ]);

    const choices = { [a.id]: 'replace', [b.id]: 'skip', [c.id]: 'keep-both' } as const;
    const result = await importBackup(store, contents, (conflict) => choices[conflict.incoming.id] ?? 'skip');
    expect(result.replaced).toEqual([a.id]);
    expect(result.skipped).toEqual([b.id]);
    expect(result.created).toHaveLength(1);
    expect(store.get(a.id)?.label).toBe('Muster');
    expect((await store.readCredentials(a.id)).token).toBe(TOKEN);
    expect(store.get(b.id)?.notes).toBe('changed here');
    expect(store.get(result.created[0] as string)?.label).toBe('Third (imported)');
    expect(store.list()).toHaveLength(4);
  });
});

describe('metadata backup', () => {
  it('carries no secret, and importing it with replace keeps the credentials already here', async () => {
    const { store, a, b } = await sourceWithTwo();
    const text = exportMetadata(store, [a.id, b.id], { now });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('Muster GmbH');
    expect(backupKind(text)).toBe('metadata');

    store.updateMetadata(a.id, { notes: 'local' });
    const contents = await readBackup(text);
    const result = await importBackup(store, contents, () => 'replace');
    expect(result.replaced).toEqual([a.id, b.id]);
    expect(store.get(a.id)?.notes).toBe('n');
    expect(await store.readCredentials(a.id)).toEqual({ token: TOKEN, secret: SECRET });
  });

  it("leaves a marketplace API user's claim out, and importing it with replace keeps the claim here", async () => {
    const store = await freshStore();
    const p = await store.create({ label: 'Anbieter', endpoint: { kind: 'stable' } }, { token: TOKEN, secret: SECRET, apiClaim: CLAIM });
    const text = exportMetadata(store, [p.id], { now });
    expect(text).not.toContain(CLAIM);
    expect(text).not.toMatch(/claim/i);
    await importBackup(store, await readBackup(text), () => 'replace');
    expect(await store.readCredentials(p.id)).toEqual({ token: TOKEN, secret: SECRET, apiClaim: CLAIM });
  });

  it('refuses a metadata file that smuggles credentials', async () => {
    const { store, a } = await sourceWithTwo();
    const text = exportMetadata(store, [a.id], { now }).replace('"credentials":null', `"credentials":{"token":"${TOKEN}","secret":"${SECRET}"}`);
    expect(await codeOf(() => readBackup(text))).toBe('unsupported-format');
  });
});

/** The metadata file of `profiles` as a person could write it by hand. */
function metadataFile(profiles: { id: string; label: string; customer?: string; endpoint: unknown }[]): string {
  const header = { format: 'api-user-desk-backup', version: 1, kind: 'metadata' };
  const entries = profiles.map((p) => ({
    profile: { customer: '', useCase: '', notes: '', createdAt: 1, lastCheck: null, ...p },
    credentials: null,
  }));
  return `${JSON.stringify(header)}\n${JSON.stringify({ header, exportedAt: 1, profiles: entries })}\n`;
}

const EVIL = { kind: 'custom', url: 'https://collector.example/api.php' };

describe('import of a file that points stored credentials elsewhere', () => {
  it('removes the stored credentials when replace moves a profile to another server without bringing its own', async () => {
    const { store, a } = await sourceWithTwo();
    const contents = await readBackup(metadataFile([{ id: a.id, label: 'Muster', endpoint: EVIL }]));
    const [preview] = await previewImport(store, contents);
    expect(preview).toMatchObject({
      incoming: { label: 'Muster', customer: '' },
      endpoint: 'https://collector.example/api.php',
      conflict: { kind: 'same-profile', existing: { endpoint: { url: 'https://api.onoffice.de/api/stable/api.php' } } },
      serverChanged: true,
    });

    const result = await importBackup(store, contents, () => 'replace');
    expect(result.replaced).toEqual([a.id]);
    expect(result.credentialsDropped).toEqual([{ id: a.id, label: 'Muster', reason: 'endpoint-changed' }]);
    expect(store.get(a.id)).toMatchObject({ endpoint: { url: 'https://collector.example/api.php' }, credentialsState: 'missing', tokenHint: null });
    expect(await codeOf(() => store.readCredentials(a.id))).toBe('no-credentials');
  });

  it("keeps them when the server stays the same, and takes the backup's own credentials to a new server", async () => {
    const { store, a } = await sourceWithTwo();
    const same = await importBackup(store, await readBackup(metadataFile([{ id: a.id, label: 'Muster', endpoint: { kind: 'latest' } }])), () => 'replace');
    expect(same.credentialsDropped).toEqual([]);
    expect(await store.readCredentials(a.id)).toEqual({ token: TOKEN, secret: SECRET });

    const source = await freshStore();
    const moved = await source.create({ label: 'Muster', endpoint: { kind: 'custom', url: 'https://crm.example/api.php' } }, { token: TOKEN.replace('c0ff', 'beef'), secret: SECRET });
    const contents = await readBackup((await exportEncrypted(source, [moved.id], 'backup pass', { now, scrypt: FAST })).text, 'backup pass');
    const withOwn = { ...contents, profiles: contents.profiles.map((e) => ({ ...e, profile: { ...e.profile, id: a.id } })) };
    const result = await importBackup(store, withOwn, () => 'replace');
    expect(result.credentialsDropped).toEqual([]);
    expect((await store.readCredentials(a.id)).token).toBe(TOKEN.replace('c0ff', 'beef'));
  });

  it('treats a profile that only shares the name as another profile: keep both or skip, never replace', async () => {
    const { store, a } = await sourceWithTwo();
    const stranger = '11111111-1111-4111-8111-111111111111';
    const contents = await readBackup(metadataFile([{ id: stranger, label: 'MUSTER', customer: 'Muster GmbH', endpoint: EVIL }]));
    const [conflict] = findConflicts(store, contents);
    expect(conflict).toMatchObject({ kind: 'same-name', existing: { id: a.id } });
    const [preview] = await previewImport(store, contents);
    expect(preview).toMatchObject({ incoming: { label: 'MUSTER', customer: 'Muster GmbH' }, endpoint: EVIL.url, serverChanged: true });

    const error = await importBackup(store, contents, () => 'replace').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/"MUSTER".*another profile/) });
    expect(store.get(a.id)).toMatchObject({ label: 'Muster', endpoint: { kind: 'stable' }, credentialsState: 'ok' });

    expect((await importBackup(store, contents, () => 'skip')).skipped).toEqual([stranger]);
    // Undecided, it is added beside the one here, under its own id, without anything of the one here.
    const result = await importBackup(store, contents, () => undefined);
    expect(result.created).toEqual([stranger]);
    expect(store.get(stranger)).toMatchObject({ label: 'MUSTER (imported)', credentialsState: 'missing' });
    expect(await store.readCredentials(a.id)).toEqual({ token: TOKEN, secret: SECRET });
    expect(store.get(a.id)?.endpoint.url).toBe('https://api.onoffice.de/api/stable/api.php');
  });
});

describe('import is all or nothing', () => {
  it('imports nothing when the second entry cannot be imported, and names it', async () => {
    const target = await freshStore();
    const text = metadataFile([
      { id: '22222222-2222-4222-8222-222222222222', label: 'Good', endpoint: { kind: 'stable' } },
      { id: '33333333-3333-4333-8333-333333333333', label: 'Bad', endpoint: { kind: 'custom', url: 'ftp://files.example/api.php' } },
    ]);
    const contents = await readBackup(text);
    const error = await importBackup(target, contents, () => 'skip').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('"Bad"') });
    expect(target.list()).toEqual([]);
    expect(await codeOf(() => previewImport(target, contents))).toBe('invalid-input');
  });

  it('undoes a rename when a later write fails', async () => {
    const { store, a } = await sourceWithTwo();
    const contents = await readBackup(
      metadataFile([
        { id: a.id, label: 'Muster renamed', endpoint: { kind: 'stable' } },
        { id: '44444444-4444-4444-8444-444444444444', label: 'Boom', endpoint: { kind: 'stable' } },
      ]),
    );
    (dbs[0] as DatabaseSync).exec(`CREATE TRIGGER fail_boom BEFORE INSERT ON profiles WHEN NEW.label = 'Boom'
      BEGIN SELECT RAISE(ABORT, 'the disk gave up'); END`);
    const error = await importBackup(store, contents, () => 'replace').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'io-error', cause: { message: expect.stringContaining('the disk gave up') } });
    expect(store.get(a.id)?.label).toBe('Muster');
    expect(store.list().map((p) => p.label)).toEqual(['Muster', 'Sandbox']);
  });

  it('leaves a profile as it was when its replacement credentials are unusable', async () => {
    const { store, a } = await sourceWithTwo();
    const contents: BackupContents = {
      kind: 'encrypted',
      exportedAt: 1,
      profiles: [
        {
          profile: { id: a.id, label: 'Muster renamed', customer: '', endpoint: { kind: 'stable' }, useCase: '', notes: '', createdAt: 1, lastCheck: null },
          credentials: { token: 'too short', secret: SECRET },
        },
      ],
    };
    expect(await codeOf(() => importBackup(store, contents, () => 'replace'))).toBe('invalid-input');
    expect(store.get(a.id)?.label).toBe('Muster');
    expect(await store.readCredentials(a.id)).toEqual({ token: TOKEN, secret: SECRET });
  });

  it('refuses a file that lists one profile twice', async () => {
    const twice = { id: '55555555-5555-4555-8555-555555555555', label: 'Twice', endpoint: { kind: 'stable' } };
    expect(await codeOf(() => readBackup(metadataFile([twice, { ...twice, label: 'Again' }])))).toBe('unsupported-format');
  });
});

describe('backup files: damage and older formats', () => {
  it('tells a wrong passphrase apart from damage in each part of the sealed payload', async () => {
    const { store, a } = await sourceWithTwo();
    const { text } = await exportEncrypted(store, [a.id], 'backup pass', { now, scrypt: FAST });
    const [header, body] = text.split('\n') as [string, string];
    const flipped = (at: number) => {
      const bytes = Buffer.from(body, 'base64');
      bytes[at] = (bytes[at] as number) ^ 0x04;
      return `${header}\n${bytes.toString('base64')}\n`;
    };
    expect(await codeOf(() => readBackup(text, 'wrong pass'))).toBe('wrong-passphrase');
    const length = Buffer.from(body, 'base64').length;
    const regions = { params: 5, salt: 12, verifier: 30, checksum: 50, nonce: 80, ciphertext: 100, tag: length - 3 };
    const reported = Object.fromEntries(
      await Promise.all(Object.entries(regions).map(async ([region, at]) => [region, await codeOf(() => readBackup(flipped(at), 'backup pass'))])),
    );
    expect(reported).toEqual({
      params: 'tampered',
      salt: 'tampered',
      verifier: 'tampered',
      checksum: 'tampered',
      nonce: 'tampered',
      ciphertext: 'tampered',
      tag: 'tampered',
    });
  });

  it('reads an encrypted backup written in format version 1', async () => {
    const contents = await readBackup(V1.backup, V1.backupPassphrase);
    expect(contents.profiles.map((e) => [e.profile.label, e.credentials])).toEqual([['Muster', V1.plain]]);
    expect(await codeOf(() => readBackup(V1.backup, 'not the passphrase'))).toBe('wrong-passphrase');
  });
});
