import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from './database.ts';
import { RunStore } from './runs.ts';
import { STORE_MIGRATIONS } from './schema.ts';

let dir: string;
let db: DatabaseSync;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-runs-'));
  db = openDatabase({ path: path.join(dir, 'd.sqlite'), migrations: STORE_MIGRATIONS, now: () => 0 }).db;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RunStore', () => {
  it('keeps runs per profile, newest first, and updates a run when it finishes', () => {
    const runs = new RunStore(db);
    const meta = (id: string, profileId: string, startedAt: number) => ({ id, profileId, startedAt, finishedAt: null, useCase: 'website', endpointHost: 'h', summary: { pass: 0 } });
    runs.save(meta('r1', 'p1', 1000), { findings: [] });
    runs.save(meta('r2', 'p1', 2000), { findings: [] });
    runs.save(meta('r3', 'p2', 3000), { findings: [] });
    runs.save({ ...meta('r1', 'p1', 1000), finishedAt: 1500, summary: { pass: 3 } }, { findings: [{ id: 'connection' }] });
    expect(runs.list('p1').map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(runs.get('r1')).toEqual({ meta: { ...meta('r1', 'p1', 1000), finishedAt: 1500, summary: { pass: 3 } }, run: { findings: [{ id: 'connection' }] } });
    expect(runs.get('nope')).toBeNull();
    expect(runs.list('p1', 1)).toHaveLength(1);
  });
});
