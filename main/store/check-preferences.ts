/** What the check form remembers per profile: the website's language. Deleted with the profile. */
import type { DatabaseSync } from 'node:sqlite';

export class CheckPreferenceStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** The remembered website language, null when none was chosen (the main language only). */
  language(profileId: string): string | null {
    const row = this.#db.prepare('SELECT website_language FROM check_preferences WHERE profile_id = ?').get(profileId) as { website_language: string | null } | undefined;
    return row?.website_language ?? null;
  }

  /** False when the profile does not exist. */
  setLanguage(profileId: string, language: string | null): boolean {
    const { changes } = this.#db
      .prepare(
        `INSERT INTO check_preferences (profile_id, website_language)
         SELECT ?, ? WHERE EXISTS (SELECT 1 FROM profiles WHERE id = ?)
         ON CONFLICT (profile_id) DO UPDATE SET website_language = excluded.website_language`,
      )
      .run(profileId, language, profileId);
    return Number(changes) > 0;
  }
}
