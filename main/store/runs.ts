/** The history of onboarding check runs, per profile, newest first. A run is stored as the engine's JSON. */
import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './database.ts';

export interface StoredRunMeta {
  id: string;
  profileId: string | null;
  startedAt: number;
  finishedAt: number | null;
  useCase: string;
  endpointHost: string;
  summary: unknown;
  /** The steps a partial run covered (read from the run); absent for a full run. */
  steps?: unknown;
}

interface Row {
  id: string;
  profile_id: string | null;
  started_at: number;
  finished_at: number | null;
  use_case: string;
  endpoint_host: string;
  summary: string;
  run: string;
  /** `json_extract(run, '$.steps')`, in lists only. */
  steps?: string | null;
}

const toMeta = (r: Row): StoredRunMeta => ({
  id: r.id,
  profileId: r.profile_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  useCase: r.use_case,
  endpointHost: r.endpoint_host,
  summary: JSON.parse(r.summary),
  ...(typeof r.steps === 'string' ? { steps: JSON.parse(r.steps) } : {}),
});

export class RunStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  save(meta: StoredRunMeta, run: unknown): void {
    inTransaction(this.#db, () =>
      this.#db
        .prepare(
          `INSERT INTO check_runs (id, profile_id, started_at, finished_at, use_case, endpoint_host, summary, run)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET finished_at = excluded.finished_at, summary = excluded.summary, run = excluded.run`,
        )
        .run(meta.id, meta.profileId, meta.startedAt, meta.finishedAt, meta.useCase, meta.endpointHost, JSON.stringify(meta.summary), JSON.stringify(run)),
    );
  }

  list(profileId: string, limit = 50): StoredRunMeta[] {
    const rows = this.#db
      .prepare("SELECT *, json_extract(run, '$.steps') AS steps FROM check_runs WHERE profile_id = ? ORDER BY started_at DESC, id DESC LIMIT ?")
      .all(profileId, limit) as unknown as Row[];
    return rows.map(toMeta);
  }

  get(id: string): { meta: StoredRunMeta; run: unknown } | null {
    const row = this.#db.prepare('SELECT * FROM check_runs WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? null : { meta: toMeta(row), run: JSON.parse(row.run) };
  }
}
