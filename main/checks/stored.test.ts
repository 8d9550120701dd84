/**
 * Stored runs keep keys and parameters: one stored JSON renders in German and in English, in the language chosen
 * when it is shown; runs stored before texts were keys (German/English pairs) still render.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../onoffice/client.ts';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import { openDatabase } from '../store/database.ts';
import { RunStore } from '../store/runs.ts';
import { STORE_MIGRATIONS } from '../store/schema.ts';
import { runCheck } from './engine.ts';
import { renderHtml, renderMarkdown } from './report.ts';
import type { CheckRun } from './types.ts';

let dir: string;
let db: DatabaseSync;
let sandbox: SandboxHandle | null = null;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-stored-'));
  db = openDatabase({ path: path.join(dir, 'd.sqlite'), migrations: STORE_MIGRATIONS, now: () => 0 }).db;
});
afterEach(async () => {
  await sandbox?.stop();
  sandbox = null;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const save = (runs: RunStore, run: CheckRun): void =>
  runs.save({ id: run.id, profileId: 'p1', startedAt: Date.parse(run.startedAt), finishedAt: Date.parse(run.finishedAt), useCase: run.useCase, endpointHost: run.endpointHost, summary: run.summary }, run);

describe('stored runs', () => {
  it('a run stored as keys renders in German and in English from the same stored JSON', async () => {
    sandbox = await startSandbox({ scenarios: ['no-read-rights'], seed: 3 });
    const user = sandbox.apiUsers[0];
    if (!user) throw new Error('no api user');
    const endpoint = new URL(sandbox.endpoint);
    const run = await runCheck({
      runId: 'stored-1',
      useCase: 'website',
      credentials: { token: user.token, secret: user.secret },
      clientFactory: (onExchange) => createClient({ endpoint, credentials: () => user, onExchange, retryBaseDelayMs: 1 }),
      now: () => Date.parse('2026-01-02T03:04:05Z'),
    });
    const runs = new RunStore(db);
    save(runs, run);
    const raw = db.prepare('SELECT run FROM check_runs WHERE id = ?').get('stored-1') as { run: string };
    // Keys and parameters are stored, not sentences of either language.
    expect(raw.run).toContain('"key":"finding.');
    expect(raw.run).not.toContain('Verbindung zur API steht');
    expect(raw.run).not.toContain('Connected to the API');

    const stored = runs.get('stored-1')?.run as CheckRun;
    const de = renderMarkdown(stored, 'de', { timeZone: 'UTC' });
    const en = renderMarkdown(stored, 'en', { timeZone: 'UTC' });
    expect(de).toContain('Verbindung zur API steht');
    expect(de).toContain('Extras → Einstellungen → Benutzer → API-Benutzer öffnen → Registerkarte Rechte');
    expect(de).not.toContain('Connected to the API');
    expect(en).toContain('Connected to the API');
    expect(en).toContain('Extras → Settings → User → open the API user → Rights tab');
    expect(en).not.toContain('Verbindung zur API steht');
    // Parameters that are texts (module names) follow the language too.
    expect(de).toContain('## ✗ Keine Immobilie sichtbar');
    expect(en).toContain('## ✗ No property visible');
    // Nothing is left unrendered: no key and no placeholder shows.
    for (const text of [de, en]) {
      expect(text).not.toMatch(/\bfinding\.[a-z]+\.[a-z-]+/);
      expect(text).not.toMatch(/\{[a-zA-Z]+\}/);
    }
  });

  it('a run stored before texts were keys (German/English pairs) still renders in both languages', () => {
    const old = {
      id: 'old-1',
      useCase: 'website',
      endpointHost: 'api.onoffice.de',
      startedAt: '2025-11-03T09:00:00.000Z',
      finishedAt: '2025-11-03T09:00:02.000Z',
      requests: 2,
      ok: false,
      findings: [
        {
          id: 'rights:estate:read',
          status: 'fail',
          title: { de: 'Recht Immobilie/lesen fehlt', en: 'Right property/read missing' },
          explanation: { de: 'Die Leseabfrage wurde abgelehnt.', en: 'The read was refused.' },
          fix: { de: 'Extras → Einstellungen → Benutzer', en: 'Extras → Settings → User' },
          evidence: { code: 40, request: 'read estate (listlimit 20)' },
          heuristic: false,
        },
      ],
      summary: { pass: 0, fail: 1, warn: 0, info: 0, skipped: 0, unknown: 0 },
    };
    const runs = new RunStore(db);
    runs.save({ id: old.id, profileId: 'p1', startedAt: 1, finishedAt: 2, useCase: old.useCase, endpointHost: old.endpointHost, summary: old.summary }, old);
    const stored = runs.get('old-1')?.run as CheckRun;
    const de = renderMarkdown(stored, 'de', { timeZone: 'UTC' });
    const en = renderHtml(stored, 'en', { timeZone: 'UTC' });
    expect(de).toContain('## ✗ Recht Immobilie/lesen fehlt');
    expect(de).toContain('**In enterprise beheben:** Extras → Einstellungen → Benutzer');
    expect(de).toContain('read estate (listlimit 20)');
    expect(en).toContain('Right property/read missing');
    expect(en).toContain('<strong>Fix in enterprise:</strong> Extras → Settings → User');
  });
});
