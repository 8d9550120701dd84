import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckPreferenceStore } from './check-preferences.ts';
import { openDatabase } from './database.ts';
import { FieldCatalogueStore } from './field-catalogues.ts';
import { STORE_MIGRATIONS } from './schema.ts';

let dir: string;
const opened: DatabaseSync[] = [];
const file = () => path.join(dir, 'd.sqlite');
function open(migrations = STORE_MIGRATIONS): DatabaseSync {
  const { db } = openDatabase({ path: file(), migrations, now: () => 0 });
  opened.push(db);
  return db;
}
const addProfile = (db: DatabaseSync, id: string) =>
  db
    .prepare(
      `INSERT INTO profiles (id, label, customer, endpoint_kind, endpoint_url, use_case, notes, created_at, updated_at)
       VALUES (?, 'Website', '', 'stable', 'https://api.onoffice.de/api/stable/api.php', 'website', '', 0, 0)`,
    )
    .run(id);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'aud-fields-'));
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.isOpen) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const CATALOGUE = { modules: [{ module: 'estate', label: { de: 'Immobilien', en: 'Properties' }, fields: [] }] };

describe('field catalogue cache', () => {
  it('adds its tables to a database of the previous version and keeps what was there', () => {
    const old = open(STORE_MIGRATIONS.filter((m) => m.version < 5));
    addProfile(old, 'p1');
    old.close();
    const db = open();
    expect(db.prepare('SELECT version, name FROM schema_migrations WHERE version = 5').get()).toEqual({ version: 5, name: 'field catalogues, check preferences, API claim flag' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM profiles').get()).toEqual({ n: 1 });
    // Profiles from before claims existed hold none.
    expect(db.prepare('SELECT has_api_claim FROM profiles').get()).toEqual({ has_api_claim: 0 });
    expect(new FieldCatalogueStore(db).save('p1', 1000, CATALOGUE)).toBe(true);
  });

  it('keeps one catalogue per profile, replaces it on a new fetch, and survives a restart', () => {
    const db = open();
    addProfile(db, 'p1');
    addProfile(db, 'p2');
    const store = new FieldCatalogueStore(db);
    expect(store.get('p1')).toBeNull();
    store.save('p1', 1000, CATALOGUE);
    store.save('p2', 1500, { modules: [] });
    store.save('p1', 2000, { ...CATALOGUE, modules: [] });
    db.close();
    const again = new FieldCatalogueStore(open());
    expect(again.get('p1')).toEqual({ fetchedAt: 2000, catalogue: { modules: [] } });
    expect(again.get('p2')).toEqual({ fetchedAt: 1500, catalogue: { modules: [] } });
    expect(again.fetchedAt('p1')).toBe(2000);
    expect(again.fetchedAt('p3')).toBeNull();
  });

  it('goes with the profile, and is not stored for a profile deleted while the fetch ran', () => {
    const db = open();
    addProfile(db, 'p1');
    const store = new FieldCatalogueStore(db);
    store.save('p1', 1000, CATALOGUE);
    db.prepare('DELETE FROM profiles WHERE id = ?').run('p1');
    expect(store.get('p1')).toBeNull();
    expect(store.save('p1', 2000, CATALOGUE)).toBe(false);
    expect(db.prepare('SELECT COUNT(*) AS n FROM field_catalogues').get()).toEqual({ n: 0 });
  });

  it('treats an unreadable value as no catalogue, so the next fetch replaces it', () => {
    const db = open();
    addProfile(db, 'p1');
    db.prepare("INSERT INTO field_catalogues (profile_id, fetched_at, catalogue) VALUES ('p1', 5, '{broken')").run();
    expect(new FieldCatalogueStore(db).get('p1')).toBeNull();
  });
});

describe('check preferences', () => {
  it('remembers the website language per profile and forgets it with the profile', () => {
    const db = open();
    addProfile(db, 'p1');
    addProfile(db, 'p2');
    const prefs = new CheckPreferenceStore(db);
    expect(prefs.language('p1')).toBeNull();
    expect(prefs.setLanguage('p1', 'ENG')).toBe(true);
    prefs.setLanguage('p2', 'FRA');
    prefs.setLanguage('p2', null);
    expect(prefs.language('p1')).toBe('ENG');
    expect(prefs.language('p2')).toBeNull();
    db.prepare('DELETE FROM profiles WHERE id = ?').run('p1');
    expect(prefs.language('p1')).toBeNull();
    expect(prefs.setLanguage('p1', 'ENG')).toBe(false);
  });
});
