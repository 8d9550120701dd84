/**
 * The field catalogue of each profile as last fetched from onOffice (`get fields` is slow and changes rarely), so
 * the field explorer opens without a call, offline too. One JSON value per profile, deleted with the profile; its
 * shape belongs to the caller, which checks it on the way out.
 */
import type { DatabaseSync } from 'node:sqlite';

export interface CachedCatalogue {
  fetchedAt: number;
  catalogue: unknown;
}

export class FieldCatalogueStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** The cached catalogue, or null when there is none or it is not readable JSON (then it is fetched again). */
  get(profileId: string): CachedCatalogue | null {
    const row = this.#db.prepare('SELECT fetched_at, catalogue FROM field_catalogues WHERE profile_id = ?').get(profileId) as
      | { fetched_at: number; catalogue: string }
      | undefined;
    if (row === undefined) return null;
    try {
      return { fetchedAt: row.fetched_at, catalogue: JSON.parse(row.catalogue) };
    } catch {
      return null;
    }
  }

  /** When the cached catalogue was fetched, without reading it; null when there is none. */
  fetchedAt(profileId: string): number | null {
    const row = this.#db.prepare('SELECT fetched_at FROM field_catalogues WHERE profile_id = ?').get(profileId) as { fetched_at: number } | undefined;
    return row?.fetched_at ?? null;
  }

  /** Replaces the profile's catalogue; false when the profile no longer exists (deleted while the fetch ran). */
  save(profileId: string, fetchedAt: number, catalogue: unknown): boolean {
    const { changes } = this.#db
      .prepare(
        `INSERT INTO field_catalogues (profile_id, fetched_at, catalogue)
         SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM profiles WHERE id = ?)
         ON CONFLICT (profile_id) DO UPDATE SET fetched_at = excluded.fetched_at, catalogue = excluded.catalogue`,
      )
      .run(profileId, fetchedAt, JSON.stringify(catalogue), profileId);
    return Number(changes) > 0;
  }
}
