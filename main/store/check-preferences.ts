/** What the check form remembers per profile: the website's language and the mailbox the mail test sends from. Deleted with the profile. */
import type { DatabaseSync } from 'node:sqlite';

export interface StoredCheckPreferences {
  /** null when none was chosen (the main language only). */
  language: string | null;
  /** The e-mail identity (mailbox address) of the mail test; null when none was given. */
  mailIdentity: string | null;
}

type Column = 'website_language' | 'mail_identity';

export class CheckPreferenceStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(profileId: string): StoredCheckPreferences {
    const row = this.#db.prepare('SELECT website_language, mail_identity FROM check_preferences WHERE profile_id = ?').get(profileId) as
      | { website_language: string | null; mail_identity: string | null }
      | undefined;
    return { language: row?.website_language ?? null, mailIdentity: row?.mail_identity ?? null };
  }

  /** The remembered website language, null when none was chosen (the main language only). */
  language(profileId: string): string | null {
    return this.get(profileId).language;
  }

  /** False when the profile does not exist. */
  setLanguage(profileId: string, language: string | null): boolean {
    return this.#set(profileId, 'website_language', language);
  }

  /** False when the profile does not exist. */
  setMailIdentity(profileId: string, identity: string | null): boolean {
    return this.#set(profileId, 'mail_identity', identity);
  }

  /** One column of the profile's row, the others left as they are. */
  #set(profileId: string, column: Column, value: string | null): boolean {
    const { changes } = this.#db
      .prepare(
        `INSERT INTO check_preferences (profile_id, ${column})
         SELECT ?, ? WHERE EXISTS (SELECT 1 FROM profiles WHERE id = ?)
         ON CONFLICT (profile_id) DO UPDATE SET ${column} = excluded.${column}`,
      )
      .run(profileId, value, profileId);
    return Number(changes) > 0;
  }
}
