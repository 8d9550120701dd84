/**
 * The setup guide's progress per profile: the step reached, the use case, the estate ids the person expects, the
 * sender and receiver of the test mail and the guide's latest check run per step. Never a secret and never the
 * consent to send a mail (the request schema has no field for either). Deleted with the profile.
 */
import type { DatabaseSync } from 'node:sqlite';
import { guideProgressSchema, type GuideProgress, type GuideProgressInput, type ParsedRequestOf } from '../../preload/contract.ts';
import { BoundaryFailure } from './dispatch.ts';

interface Row {
  profile_id: string;
  progress: string;
  updated_at: number;
}

export class GuideStore {
  readonly #db: DatabaseSync;
  readonly #now: () => number;

  constructor(db: DatabaseSync, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** The stored progress, null when there is none or it no longer reads as progress (written by another version). */
  get(profileId: string): GuideProgress | null {
    const row = this.#db.prepare('SELECT profile_id, progress, updated_at FROM guide_progress WHERE profile_id = ?').get(profileId) as Row | undefined;
    if (row === undefined) return null;
    let stored: unknown;
    try {
      stored = JSON.parse(row.progress);
    } catch {
      return null;
    }
    const parsed = guideProgressSchema.safeParse(stored);
    return parsed.success ? { ...parsed.data, profileId: row.profile_id, updatedAt: row.updated_at } : null;
  }

  /** Replaces the progress; null when the profile does not exist. */
  save(profileId: string, progress: GuideProgressInput): GuideProgress | null {
    // Parsed again here: this store is the last word on what is kept, whoever calls it.
    const clean = guideProgressSchema.parse(progress);
    const at = this.#now();
    const { changes } = this.#db
      .prepare(
        `INSERT INTO guide_progress (profile_id, progress, updated_at)
         SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM profiles WHERE id = ?)
         ON CONFLICT (profile_id) DO UPDATE SET progress = excluded.progress, updated_at = excluded.updated_at`,
      )
      .run(profileId, JSON.stringify(clean), at, profileId);
    return Number(changes) > 0 ? { ...clean, profileId, updatedAt: at } : null;
  }
}

export function guideHandlers(store: GuideStore) {
  return {
    guideGet: async ({ profileId }: ParsedRequestOf<'guideGet'>) => store.get(profileId),
    guideSave: async ({ profileId, progress }: ParsedRequestOf<'guideSave'>) => {
      const saved = store.save(profileId, progress);
      if (saved === null) throw new BoundaryFailure('not-found', 'This profile no longer exists.');
      return saved;
    },
  };
}
