import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Exchange, ExchangeAction } from '../onoffice/exchange.ts';
import { tokenHint } from '../onoffice/mask.ts';
import { phpJsonEncode } from '../onoffice/signing.ts';
import { buildRequest, type ActionSpec } from '../onoffice/wire.ts';
import { openDatabase } from './database.ts';
import { StoreError } from './errors.ts';
import { csvCell, ftsQuery, Journal } from './journal.ts';
import { HMAC_REMOVED } from '../onoffice/redact.ts';
import { STORE_MIGRATIONS } from './schema.ts';

const TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SECRET = 'S'.repeat(20) + 'e1f2a3b4c5d6a7b8c9d0e1f2a3b4c5d6a7b8c9d0ab12';
const keys = { token: TOKEN, secret: SECRET };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

let dir: string;
let path: string;
let db: DatabaseSync;
let clock: number;
let journal: Journal;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aud-journal-'));
  path = join(dir, 'desk.sqlite');
  clock = T0;
  db = openDatabase({ path, migrations: STORE_MIGRATIONS, now: () => clock }).db;
  journal = new Journal({ db, now: () => clock });
});
afterEach(() => {
  if (db.isOpen) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function action(kind: ExchangeAction['kind'], resourcetype: string, errorcode = 0, message = 'OK'): ExchangeAction {
  return { kind, resourcetype, resourceid: '', identifier: `${kind}-${resourcetype}`, status: { errorcode, message } };
}

function exchange(over: Partial<Exchange> = {}): Exchange {
  const specs: ActionSpec[] = (over.actions ?? [action('read', 'estate')]).map((a) => ({
    kind: a.kind,
    resourcetype: a.resourcetype,
    identifier: a.identifier,
  }));
  return {
    startedAt: clock,
    durationMs: 120,
    endpoint: 'https://api.onoffice.de/api/stable/api.php',
    attempt: 1,
    httpStatus: 200,
    requestBody: JSON.stringify(buildRequest(specs, keys, () => clock / 1000)),
    responseBody: JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [] } }),
    top: { code: 200, errorcode: 0, message: 'OK' },
    actions: [action('read', 'estate')],
    failure: null,
    clockOffsetSeconds: 0,
    ...over,
  };
}

describe('Journal.record', () => {
  it('stores one entry per action, grouped, with the token as its hint and no HMAC', () => {
    const ex = exchange({ actions: [action('read', 'estate'), action('get', 'fields', 500, 'Keine Berechtigung')] });
    const { groupId, ids } = journal.record(ex, { profileId: 'p1', checkRunId: 'run1', category: 'transport', actionCategory: () => 'rights', keys });
    expect(ids).toHaveLength(2);
    const second = journal.get(ids[1] as number);
    expect(second).toMatchObject({
      groupId,
      profileId: 'p1',
      checkRunId: 'run1',
      host: 'api.onoffice.de',
      actionKind: 'get',
      resourcetype: 'fields',
      actionErrorcode: 500,
      actionMessage: 'Keine Berechtigung',
      category: 'rights',
      httpStatus: 200,
      topErrorcode: 0,
      durationMs: 120,
      attempt: 1,
      ok: false,
    });
    // The good action of the same batch is not marked by its failed neighbour.
    expect(journal.get(ids[0] as number)).toMatchObject({ ok: true, category: null });
    expect(second?.requestBody).toContain(tokenHint(TOKEN));
    expect(second?.requestBody).toContain(HMAC_REMOVED);
    expect(second?.requestBody).not.toContain(TOKEN);
    expect(second?.requestBody).not.toMatch(/"hmac":"[A-Za-z0-9+/]{20,}/);
  });

  it("removes a marketplace API user's claim from bodies, messages and exports", () => {
    const claimed = { ...keys, apiClaim: 'c1aim/With+Odd=Chars0123456789' };
    const specs: ActionSpec[] = [{ kind: 'read', resourcetype: 'estate' }, { kind: 'get', resourcetype: 'users' }];
    const echo = `extendedclaim ${claimed.apiClaim} rejected`;
    const { ids } = journal.record(
      exchange({
        requestBody: JSON.stringify(buildRequest(specs, claimed, () => clock / 1000)),
        responseBody: JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [{ status: { errorcode: 193, message: echo } }] } }),
        actions: [action('read', 'estate', 193, echo), action('get', 'users')],
      }),
      { profileId: 'p1', keys: claimed },
    );
    const entry = journal.get(ids[0] as number);
    expect(entry?.requestBody).toContain('"extendedclaim":"[api claim removed]"');
    const exported = [...journal.exportJsonLines()].join('') + [...journal.exportCsv()].join('');
    for (const text of [JSON.stringify(entry), exported]) {
      expect(text).not.toContain(claimed.apiClaim);
      expect(text).not.toContain(JSON.stringify(claimed.apiClaim).slice(1, -1).replaceAll('/', '\\/'));
    }
  });

  it('records an exchange that failed before any action was answered', () => {
    const { ids } = journal.record(
      exchange({ httpStatus: null, responseBody: null, top: null, actions: [], failure: { code: 'timeout-total', message: 'no answer in 30 s' } }),
      { profileId: null, category: 'transport', keys },
    );
    expect(ids).toHaveLength(1);
    expect(journal.get(ids[0] as number)).toMatchObject({ actionKind: null, ok: false, failureCode: 'timeout-total', responseBody: null, category: 'transport' });
  });

  it('caps large bodies and says so', () => {
    const big = JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, blob: 'ä'.repeat(100_000) });
    const { ids } = journal.record(exchange({ responseBody: big }), { profileId: null, keys });
    const body = journal.get(ids[0] as number)?.responseBody ?? '';
    expect(Buffer.byteLength(body)).toBeLessThan(64 * 1024 + 100);
    expect(body).toMatch(/…\[cut: \d+ bytes in total, first 65536 kept\]$/);
    expect(body).not.toContain('\uFFFD');
  });
});

describe('a full disk', () => {
  it('fails the write with a typed error, keeps what was there, and works again once there is room', () => {
    journal.record(exchange(), { profileId: 'p', keys });
    const { page_count: pages } = db.prepare('PRAGMA page_count').get() as { page_count: number };
    db.exec(`PRAGMA max_page_count = ${pages + 2}`);
    const big = JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, blob: 'q'.repeat(60_000) });
    let error: unknown;
    try {
      journal.record(exchange({ responseBody: big }), { profileId: 'p', keys });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('disk-full');
    expect(journal.count()).toBe(1);
    db.exec('PRAGMA max_page_count = 1073741823');
    journal.record(exchange({ responseBody: big }), { profileId: 'p', keys });
    expect(journal.count()).toBe(2);
  });
});

describe('redaction (property)', () => {
  const printable = /^[!-~]+$/;
  const token = fc.stringMatching(/^[!-~]{32}$/);
  const secret = fc.stringMatching(/^[!-~]{64}$/);

  it('no stored column and no exported byte holds the token, the secret or an HMAC, in any spelling', () => {
    fc.assert(
      fc.property(
        token,
        secret,
        fc.array(fc.constantFrom('value', 'key', 'nested', 'url', 'php', 'hmacEcho', 'secretLeak', 'secretParam'), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
        (tok, sec, places, seconds) => {
          fc.pre(printable.test(tok) && printable.test(sec) && !sec.includes(tok));
          const creds = { token: tok, secret: sec };
          const parameters: Record<string, unknown> = {};
          for (const [i, place] of places.entries()) {
            if (place === 'value') parameters[`v${i}`] = tok;
            if (place === 'key') parameters[tok] = i;
            if (place === 'nested') parameters[`n${i}`] = [{ deep: `before ${tok} after` }];
            if (place === 'url') parameters[`u${i}`] = `https://example.com/?t=${encodeURIComponent(tok)}`;
            if (place === 'secretParam') parameters[`s${i}`] = `${sec}`;
          }
          const request = buildRequest([{ kind: 'read', resourcetype: 'estate', parameters }], creds, () => seconds);
          const hmac = request.request.actions[0]?.hmac as string;
          const echo = places.includes('hmacEcho') ? ` (hmac ${hmac})` : '';
          const leak = places.includes('secretLeak') ? ` secret=${sec}` : '';
          const response = {
            status: { code: 500, errorcode: 22, message: `token ${tok} unknown${echo}${leak}` },
            response: { results: [{ data: { records: [{ elements: { token: tok, hmac } }] } }] },
          };
          const responseBody = places.includes('php') ? phpJsonEncode(response) : JSON.stringify(response);
          const ex = exchange({
            requestBody: JSON.stringify(request),
            responseBody,
            top: response.status,
            actions: [{ kind: 'read', resourcetype: 'estate', resourceid: tok, identifier: `id ${tok}`, status: { errorcode: 22, message: `bad ${tok}${leak}` } }],
          });
          journal.clear();
          journal.record(ex, { profileId: 'p', keys: creds });

          const stored = JSON.stringify([
            db.prepare('SELECT * FROM journal_exchanges').all(),
            db.prepare('SELECT * FROM journal_entries').all(),
          ]);
          const exported = [...journal.exportJsonLines()].join('') + [...journal.exportCsv()].join('');
          for (const value of [tok, sec, hmac]) {
            const json = JSON.stringify(value).slice(1, -1);
            for (const form of new Set([value, json, json.replaceAll('/', '\\/'), encodeURIComponent(value)])) {
              if (stored.includes(form) || exported.includes(form)) {
                throw new Error(`a ${value === tok ? 'token' : value === sec ? 'secret' : 'hmac'} spelling survived`);
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('search and paging', () => {
  it('finds words from messages and bodies, with or without umlauts, and reads odd input safely', () => {
    journal.record(exchange({ top: { code: 500, errorcode: 137, message: 'Ungültige Zeichenfolge' } }), { profileId: 'p', keys });
    journal.record(
      exchange({
        responseBody: JSON.stringify({ status: { code: 200, errorcode: 0, message: 'OK' }, data: { ort: 'Mönchengladbach' } }),
        actions: [action('get', 'estateCategories', 0, 'OK')],
      }),
      { profileId: 'p', keys },
    );
    const found = (text: string) => journal.query({ text }).entries.map((e) => e.resourcetype);
    expect(found('ungültige')).toEqual(['estate']);
    expect(found('ungultige')).toEqual(['estate']);
    expect(found('Mönchen')).toEqual(['estateCategories']);
    expect(found('estatecategories')).toEqual(['estateCategories']);
    expect(found('" OR * NEAR(')).toEqual([]);
    expect(found('')).toHaveLength(2);
    expect(ftsQuery('a"b c')).toBe('"a"* "b"* "c"*');
  });

  it('pages through every entry exactly once, newest first, even with equal times', () => {
    for (let i = 0; i < 237; i++) {
      clock = T0 + Math.floor(i / 10) * 1000;
      journal.record(exchange({ actions: [action('read', 'estate'), action('get', 'fields')] }), { profileId: 'p', keys });
    }
    const seen: number[] = [];
    let last = { time: Infinity, id: Infinity };
    let cursor = null;
    do {
      const page = journal.query({}, { limit: 33, cursor });
      for (const e of page.entries) {
        expect(e.time < last.time || (e.time === last.time && e.id < last.id)).toBe(true);
        last = { time: e.time, id: e.id };
        seen.push(e.id);
      }
      cursor = page.next;
    } while (cursor !== null);
    expect(seen).toHaveLength(474);
    expect(new Set(seen).size).toBe(474);
  });

  it('filters by profile, time, kind, resourcetype, category and status', () => {
    journal.record(exchange({ actions: [action('read', 'estate')] }), { profileId: 'a', actionCategory: () => 'rights', keys });
    clock += 1000;
    journal.record(exchange({ actions: [action('create', 'address', 140, 'Fehler')] }), { profileId: 'b', actionCategory: () => 'rights', keys });
    clock += 1000;
    journal.record(exchange({ actions: [action('get', 'fields')] }), { profileId: 'a', keys });
    const kinds = (f: Parameters<Journal['query']>[0]) => journal.query(f).entries.map((e) => e.actionKind);
    expect(kinds({ profileId: 'a' })).toEqual(['get', 'read']);
    expect(kinds({ from: T0 + 1000, to: T0 + 2000 })).toEqual(['create']);
    expect(kinds({ kinds: ['read', 'create'] })).toEqual(['create', 'read']);
    expect(kinds({ resourcetype: 'fields' })).toEqual(['get']);
    expect(kinds({ category: 'rights' })).toEqual(['create']);
    expect(kinds({ status: 'failed' })).toEqual(['create']);
    expect(kinds({ status: 'ok', profileId: 'a', text: 'estate' })).toEqual(['read']);
  });
});

describe('export', () => {
  it('writes JSON Lines that parse back, and CSV with correct quoting and defused formulas', () => {
    journal.record(
      exchange({ actions: [action('read', 'estate', 1, '=HYPERLINK("http://x","click")')], top: { code: 200, errorcode: 0, message: 'line one\nline "two", ok' } }),
      { profileId: '@p', actionCategory: () => '-cat', keys },
    );
    const lines = [...journal.exportJsonLines()].join('').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ profileId: '@p', actionMessage: '=HYPERLINK("http://x","click")' });

    const csv = [...journal.exportCsv()].join('');
    expect(csv.startsWith('\uFEFFid,groupId,time,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csv).toContain(`,'@p,`);
    expect(csv).toContain(`,'-cat,`);
    expect(csv).toContain('"line one\nline ""two"", ok"');
    expect(csv).toContain(',2026-11-01T00:00:00.000Z,');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(' padded')).toBe('" padded"');
  });

  it('writes the same time format and the same profile columns in JSON Lines and CSV', () => {
    clock = Date.UTC(2026, 11, 2, 14, 30, 0, 250);
    journal.record(exchange(), { profileId: 'p-1', keys });
    journal.record(exchange(), { profileId: 'p-gone', keys });
    journal.record(exchange(), { profileId: null, keys });
    const profileLabel = (id: string) => (id === 'p-1' ? 'Website, Müller' : null);
    const lines = [...journal.exportJsonLines({}, { profileLabel })].join('').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const csv = [...journal.exportCsv({}, { profileLabel })].join('').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
    const header = (csv[0] as string).split(',');
    const cells = csv.slice(1).map((l) => l.split(','));
    const column = (name: string) => cells.map((c) => c[header.indexOf(name)]);
    // One ISO 8601 form (UTC, milliseconds) in both files, read back to the same instant.
    expect(lines.map((l) => l.time)).toEqual(['2026-12-02T14:30:00.250Z', '2026-12-02T14:30:00.250Z', '2026-12-02T14:30:00.250Z']);
    expect(column('time')).toEqual(lines.map((l) => l.time));
    expect(Date.parse(lines[0]?.time as string)).toBe(clock);
    // The label next to the id; a deleted profile keeps its id and an empty label.
    expect(header.slice(0, 5)).toEqual(['id', 'groupId', 'time', 'profile', 'profileId']);
    expect(lines.map((l) => [l.profile, l.profileId])).toEqual([[null, null], [null, 'p-gone'], ['Website, Müller', 'p-1']]);
    expect(csv[3]).toContain(',"Website, Müller",p-1,');
    expect(column('profileId').slice(0, 2)).toEqual(['', 'p-gone']);
    expect(Object.keys(lines[0] as object)).toEqual(header);
  });
});

describe('retention', () => {
  it('deletes entries older than the age limit, with their bodies and index rows', () => {
    journal.record(exchange({ top: { code: 200, errorcode: 0, message: 'uralt' } }), { profileId: 'p', keys });
    clock += 50 * DAY;
    journal.record(exchange({ top: { code: 200, errorcode: 0, message: 'neu' } }), { profileId: 'p', keys });
    clock += 50 * DAY;
    expect(journal.prune()).toBe(1);
    expect(journal.query().entries.map((e) => e.topMessage)).toEqual(['neu']);
    expect(journal.query({ text: 'uralt' }).entries).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM journal_exchanges').get()).toEqual({ n: 1 });
  });

  it('keeps only the newest entries beyond the count limit, and clears everything on request', () => {
    for (let i = 0; i < 30; i++) {
      clock += 1000;
      journal.record(exchange({ actions: [action('read', `r${i}`)] }), { profileId: 'p', keys });
    }
    expect(journal.prune({ maxAgeDays: 90, maxEntries: 12 })).toBe(18);
    expect(journal.query().entries.map((e) => e.resourcetype)).toEqual(Array.from({ length: 12 }, (_, i) => `r${29 - i}`));
    expect(journal.query({ text: 'r3' }).entries).toEqual([]);
    expect(journal.clear()).toBe(12);
    expect(journal.count()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM journal_exchanges').get()).toEqual({ n: 0 });
    expect(journal.query({ text: 'estate' }).entries).toEqual([]);
  });

  it('clears exactly the entries counted for a confirmation, keeping those recorded since', () => {
    for (let i = 0; i < 5; i++) {
      clock += 1000;
      journal.record(exchange({ actions: [action('read', `alt${i}`), action('get', 'fields')] }), { profileId: 'p', keys });
    }
    const counted = { count: journal.count(), through: journal.newestId() };
    clock += 1000;
    journal.record(exchange({ actions: [action('read', 'neu'), action('get', 'fields')] }), { profileId: 'p', keys });
    expect(journal.clear(counted.through ?? 0)).toBe(counted.count);
    expect(journal.query().entries.map((e) => e.resourcetype).sort()).toEqual(['fields', 'neu']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM journal_exchanges').get()).toEqual({ n: 1 });
    expect(journal.query({ text: 'alt0' }).entries).toEqual([]);
    expect(journal.query({ text: 'neu' }).entries).toHaveLength(2);
    expect(journal.clear(counted.through ?? 0)).toBe(0);
    expect(journal.newestId()).not.toBeNull();
    journal.clear();
    expect(journal.newestId()).toBeNull();
  });
});

describe('damaged journal file', () => {
  it('is moved aside and a fresh journal works', () => {
    for (let i = 0; i < 300; i++) journal.record(exchange({ responseBody: 'x'.repeat(3000) }), { profileId: 'p', keys });
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    truncateSync(path, Math.floor(statSync(path).size / 3));
    const size = statSync(path).size;

    const reopened = openDatabase({ path, migrations: STORE_MIGRATIONS, now: () => clock });
    db = reopened.db;
    expect(reopened.recovered).not.toBeNull();
    expect(statSync(reopened.recovered?.movedTo as string).size).toBe(size);
    const fresh = new Journal({ db, now: () => clock });
    expect(fresh.count()).toBe(0);
    fresh.record(exchange(), { profileId: 'p', keys });
    expect(fresh.query({ text: 'estate' }).entries).toHaveLength(1);
  });
});

describe('crash safety', () => {
  const writer = join(import.meta.dirname, 'fixtures', 'journal-writer.ts');

  function runAndKill(file: string, killAfterLines: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--no-warnings', writer, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      const ids: number[] = [];
      let buffered = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        ids.push(...lines.map(Number));
        if (ids.length >= killAfterLines && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(ids) : reject(new Error(`writer ended on its own: ${stderr}`))));
    });
  }

  it('keeps every committed entry when the writer is killed mid-burst, ten times over', async () => {
    db.close();
    const file = join(dir, 'crash.sqlite');
    const committed: number[] = [];
    for (let round = 0; round < 10; round++) {
      committed.push(...(await runAndKill(file, 150 + round * 53)));
      const check = openDatabase({ path: file, migrations: STORE_MIGRATIONS, now: () => clock });
      expect(check.recovered).toBeNull();
      expect(check.db.prepare('PRAGMA quick_check').all()).toEqual([{ quick_check: 'ok' }]);
      const present = new Set((check.db.prepare('SELECT id FROM journal_entries').all() as { id: number }[]).map((r) => r.id));
      expect(committed.filter((id) => !present.has(id))).toEqual([]);
      check.db.close();
    }
    expect(committed.length).toBeGreaterThanOrEqual(10 * 150);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  }, 120_000);
});

describe('paging and search at depth', () => {
  /** Records `n` exchanges at shuffled times (several per millisecond), each with 1–3 actions; every third says "selten". */
  function fill(n: number): void {
    for (let i = 0; i < n; i++) {
      clock = T0 + ((i * 7919) % 97) * 1000 + (i % 3);
      const actions = Array.from({ length: 1 + (i % 3) }, (_, k) => action('read', `r${i}x${k}`));
      const words = i % 3 === 0 ? 'selten haeufig' : 'haeufig';
      journal.record(exchange({ actions, top: { code: 200, errorcode: 0, message: words } }), { profileId: i % 2 ? 'a' : 'b', keys });
    }
  }
  type Key = { time: number; id: number; profileId: string | null; topMessage: string | null };
  const all = (): Key[] =>
    (db.prepare('SELECT e.id, e.time, e.profile_id AS profileId, x.top_message AS topMessage FROM journal_entries e JOIN journal_exchanges x ON x.id = e.exchange_id').all() as Key[])
      .sort((p, q) => q.time - p.time || q.id - p.id);
  const walk = (filter: Parameters<Journal['query']>[0], limit: number) => {
    const ids: number[] = [];
    let cursor = null;
    do {
      const page = journal.query(filter, { limit, cursor });
      ids.push(...page.entries.map((e) => e.id));
      cursor = page.next;
    } while (cursor !== null);
    return ids;
  };

  it('returns exactly the right rows for a cursor deep in the journal', () => {
    fill(400);
    const expected = all();
    for (const at of [0, 1, 250, 513, expected.length - 2]) {
      const from = expected[at] as Key;
      const page = journal.query({}, { limit: 37, cursor: { time: from.time, id: from.id } });
      expect(page.entries.map((e) => e.id)).toEqual(expected.slice(at + 1, at + 38).map((e) => e.id));
    }
    expect(walk({ profileId: 'a' }, 29)).toEqual(expected.filter((e) => e.profileId === 'a').map((e) => e.id));
  });

  it('searches newest first and pages through every match once, with filters and time bounds', () => {
    fill(400);
    const expected = all();
    const rare = expected.filter((e) => e.topMessage?.includes('selten'));
    expect(walk({ text: 'selten' }, 7)).toEqual(rare.map((e) => e.id));
    expect(walk({ text: 'haeufig' }, 50)).toEqual(expected.map((e) => e.id));
    expect(walk({ text: 'selten', profileId: 'b' }, 11)).toEqual(rare.filter((e) => e.profileId === 'b').map((e) => e.id));
    const from = T0 + 20_000;
    const to = T0 + 60_001;
    expect(walk({ text: 'haeufig', from, to }, 13)).toEqual(expected.filter((e) => e.time >= from && e.time < to).map((e) => e.id));
    expect(journal.countMatching({ text: 'selten' })).toBe(rare.length);
  });

  it('counts matches exactly up to a cap, and says when there are more', () => {
    fill(300);
    const expected = all();
    const rare = expected.filter((e) => e.topMessage?.includes('selten'));
    const fromA = expected.filter((e) => e.profileId === 'a');
    // Profile and time only: exact whatever the cap.
    expect(journal.countUpTo({}, 5)).toEqual({ count: expected.length, exact: true });
    expect(journal.countUpTo({ profileId: 'a', from: T0 + 20_000 }, 5)).toEqual({ count: fromA.filter((e) => e.time >= T0 + 20_000).length, exact: true });
    // Other filters: exact below the cap, capped above it.
    expect(journal.countUpTo({ text: 'selten' }, 10_000)).toEqual({ count: rare.length, exact: true });
    expect(journal.countUpTo({ text: 'selten' }, rare.length)).toEqual({ count: rare.length, exact: true });
    expect(journal.countUpTo({ text: 'selten' }, rare.length - 1)).toEqual({ count: rare.length - 1, exact: false });
    expect(journal.countUpTo({ text: 'selten', profileId: 'b' })).toEqual({ count: rare.filter((e) => e.profileId === 'b').length, exact: true });
    expect(journal.countUpTo({ status: 'ok' })).toEqual({ count: expected.length, exact: true });
    expect(journal.countUpTo({ status: 'ok' }, 100)).toEqual({ count: 100, exact: false });
    expect(journal.countUpTo({ status: 'failed' }, 100)).toEqual({ count: 0, exact: true });
    expect(journal.countUpTo({ text: 'nirgends' })).toEqual({ count: 0, exact: true });
  });

  it('indexes the bodies of a batch once, and still lists each of its entries', () => {
    const { ids } = journal.record(
      exchange({ actions: [action('read', 'estate'), action('get', 'fields'), action('read', 'address')], responseBody: '{"ort":"Quakenbrück"}' }),
      { profileId: 'p', keys },
    );
    expect(db.prepare("SELECT count(*) AS n FROM journal_fts WHERE journal_fts MATCH 'quakenbruck'").get()).toEqual({ n: 1 });
    expect(journal.query({ text: 'Quakenbrück' }).entries.map((e) => e.id)).toEqual([...ids].reverse());
  });
});

describe('incremental retention', () => {
  it('prunes by age and by count in batches, oldest first, leaving no orphan exchange or index row', () => {
    for (let i = 0; i < 1300; i++) {
      clock = T0 + i * 60_000;
      journal.record(exchange({ actions: [action('read', `r${i}`)], top: { code: 200, errorcode: 0, message: `m${i}` } }), { profileId: 'p', keys });
    }
    // Age: everything before minute 1100 of a 1300-minute journal, more than two batches.
    clock = T0 + 1100 * 60_000 + 2 * DAY;
    expect(journal.prune({ maxAgeDays: 2, maxEntries: 1_000_000 })).toBe(1100);
    expect(journal.count()).toBe(200);
    expect(journal.query({}, { limit: 1000 }).entries.at(-1)?.resourcetype).toBe('r1100');
    expect(journal.prune({ maxAgeDays: 2, maxEntries: 150 })).toBe(50);
    expect(journal.query({}, { limit: 1000 }).entries.map((e) => e.resourcetype)).toEqual(Array.from({ length: 150 }, (_, i) => `r${1299 - i}`));
    expect(db.prepare('SELECT COUNT(*) AS n FROM journal_exchanges').get()).toEqual({ n: 150 });
    expect(journal.query({ text: 'm1100' }).entries).toEqual([]);
    expect(journal.query({ text: 'm1250' }).entries).toHaveLength(1);
  });
});

describe('body retention', () => {
  it('empties old bodies and drops them from the index, keeping the metadata and its search', () => {
    journal.record(exchange({ responseBody: '{"name":"Erika Mustermann"}', top: { code: 200, errorcode: 0, message: 'alt' } }), { profileId: 'p', keys });
    clock += 40 * DAY;
    const { ids } = journal.record(exchange({ responseBody: '{"name":"Max Mustermann"}' }), { profileId: 'p', keys });
    expect(journal.prune({ maxAgeDays: 90, maxEntries: 100_000, bodyMaxAgeDays: 30 })).toBe(0);
    expect(journal.query({ text: 'Erika' }).entries).toEqual([]);
    expect(journal.query({ text: 'Mustermann' }).entries.map((e) => e.id)).toEqual(ids);
    const old = journal.query({ text: 'alt' }).entries;
    expect(old).toHaveLength(1);
    expect(journal.get(old[0]?.id as number)).toMatchObject({ requestBody: '', responseBody: null, topMessage: 'alt' });
    expect(journal.get(ids[0] as number)?.responseBody).toContain('Max');
    expect(journal.prune({ maxAgeDays: 90, maxEntries: 100_000, bodyMaxAgeDays: 0 })).toBe(0);
    expect(journal.query({ text: 'Mustermann' }).entries).toEqual([]);
  });

  it('stores no body at all when the retention is 0', () => {
    const off = new Journal({ db, now: () => clock, bodyRetentionDays: () => 0 });
    const { ids } = off.record(exchange({ responseBody: '{"email":"erika@example.com"}' }), { profileId: 'p', keys });
    expect(off.get(ids[0] as number)).toMatchObject({ requestBody: '', responseBody: null, resourcetype: 'estate' });
    expect(JSON.stringify(db.prepare('SELECT * FROM journal_exchanges').all())).not.toContain('erika');
    expect(off.query({ text: 'erika' }).entries).toEqual([]);
    expect(off.query({ text: 'estate' }).entries).toHaveLength(1);
  });
});

describe('migration 6', () => {
  it('rebuilds the index of a journal written before it: one row per exchange, same search, same order', () => {
    db.close();
    const file = join(dir, 'old.sqlite');
    const v5 = openDatabase({ path: file, migrations: STORE_MIGRATIONS.slice(0, 5), now: () => clock });
    const insertX = v5.db.prepare(`INSERT INTO journal_exchanges (group_id, time, host, duration_ms, attempt, request_body, response_body)
                                   VALUES (?, ?, 'h', 1, 1, ?, ?)`);
    const insertE = v5.db.prepare('INSERT INTO journal_entries (exchange_id, time, ok, action_kind, resourcetype) VALUES (?, ?, 1, ?, ?)');
    for (let i = 0; i < 40; i++) {
      const time = T0 + (i % 5) * 1000;
      const x = insertX.run(`g${i}`, time, '{"req":1}', i % 4 === 0 ? '{"ort":"Bonn"}' : '{"ort":"Köln"}').lastInsertRowid;
      insertE.run(x, time, 'read', `estate${i}`);
      insertE.run(x, time, 'get', 'fields');
    }
    v5.db.close();
    db = openDatabase({ path: file, migrations: STORE_MIGRATIONS, now: () => clock }).db;
    journal = new Journal({ db, now: () => clock });
    const expected = (db.prepare('SELECT e.id, e.exchange_id AS x, e.time FROM journal_entries e ORDER BY e.time DESC, e.id DESC').all() as { id: number; x: number }[]);
    expect(db.prepare("SELECT count(*) AS n FROM journal_fts WHERE journal_fts MATCH 'koln'").get()).toEqual({ n: 30 });
    const bonn: number[] = [];
    let cursor = null;
    do {
      const page = journal.query({ text: 'bonn' }, { limit: 3, cursor });
      bonn.push(...page.entries.map((e) => e.id));
      cursor = page.next;
    } while (cursor !== null);
    expect(bonn).toEqual(expected.filter((e) => (e.x - 1) % 4 === 0).map((e) => e.id));
    // New exchanges in a millisecond the old rows already use sort after them.
    clock = T0 + 4000;
    const { ids } = journal.record(exchange({ responseBody: '{"ort":"Bonn"}' }), { profileId: null, keys });
    expect(journal.query({ text: 'bonn' }, { limit: 1 }).entries.map((e) => e.id)).toEqual(ids);
  });
});
