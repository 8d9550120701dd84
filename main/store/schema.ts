/**
 * The schema history of the app's database, in order. A shipped migration is never edited or renumbered: add a
 * new one instead.
 */
import type { Migration } from './database.ts';

/** The full-text key of an exchange is `time × FTS_KEY_SPAN + seq`, seq = 1, 2, … among the exchanges of that ms. */
export const FTS_KEY_BITS = 20;
export const FTS_KEY_SPAN = 2 ** FTS_KEY_BITS;
/** Joins the full-text row `f` to its exchange `x` along the unique (time, seq) index. */
export const FTS_JOIN = `x.time = f.rowid >> ${FTS_KEY_BITS} AND x.seq = f.rowid & ${FTS_KEY_SPAN - 1}`;

/**
 * Inserts the full-text row of the exchanges `x` that a WHERE clause appended to this picks: what its entries say
 * (actions, resources, messages, categories) and, while they are kept, its bodies, once per exchange.
 */
export const JOURNAL_FTS_ROW = `
  INSERT INTO journal_fts (rowid, action, resource, messages, bodies)
  SELECT x.time * ${FTS_KEY_SPAN} + x.seq,
         coalesce((SELECT group_concat(e.action_kind, ' ') FROM journal_entries e WHERE e.exchange_id = x.id), ''),
         coalesce((SELECT group_concat(concat_ws(' ', e.resourcetype, e.resourceid, e.identifier), ' ')
                   FROM journal_entries e WHERE e.exchange_id = x.id), ''),
         concat_ws(' ', x.top_message, x.failure_code, x.failure_message,
                   (SELECT group_concat(concat_ws(' ', e.action_message, e.category), ' ')
                    FROM journal_entries e WHERE e.exchange_id = x.id)),
         CASE WHEN x.bodies = 1 THEN concat_ws(' ', x.request_body, x.response_body) ELSE '' END
  FROM journal_exchanges x`;

export const STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'profiles',
    up: (db) =>
      db.exec(`
        CREATE TABLE profiles (
          id TEXT PRIMARY KEY,
          label TEXT NOT NULL,
          customer TEXT NOT NULL,
          endpoint_kind TEXT NOT NULL CHECK (endpoint_kind IN ('stable', 'latest', 'custom')),
          endpoint_url TEXT NOT NULL,
          use_case TEXT NOT NULL,
          notes TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          last_check TEXT,
          credentials TEXT,
          cipher_id TEXT,
          cipher_backend TEXT,
          token_hint TEXT,
          credentials_unreadable INTEGER NOT NULL DEFAULT 0,
          CHECK ((credentials IS NULL) = (cipher_id IS NULL) AND (credentials IS NULL) = (cipher_backend IS NULL))
        ) STRICT;
        CREATE INDEX profiles_label ON profiles (label COLLATE NOCASE);
      `),
  },
  {
    version: 2,
    name: 'settings',
    up: (db) => db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT'),
  },
  {
    version: 3,
    name: 'journal',
    // Bodies are stored once per HTTP exchange; entries are one per action. profile_id has no foreign key on
    // purpose: the record of what was sent outlives the profile. The full-text index is contentless (the text is
    // already in the tables) and kept in step by triggers.
    up: (db) =>
      db.exec(`
        CREATE TABLE journal_exchanges (
          id INTEGER PRIMARY KEY,
          group_id TEXT NOT NULL UNIQUE,
          time INTEGER NOT NULL,
          host TEXT NOT NULL,
          duration_ms INTEGER NOT NULL,
          attempt INTEGER NOT NULL,
          http_status INTEGER,
          top_code INTEGER,
          top_errorcode INTEGER,
          top_message TEXT,
          failure_code TEXT,
          failure_message TEXT,
          request_body TEXT NOT NULL,
          response_body TEXT
        ) STRICT;
        CREATE INDEX journal_exchanges_time ON journal_exchanges (time);
        CREATE TABLE journal_entries (
          id INTEGER PRIMARY KEY,
          exchange_id INTEGER NOT NULL REFERENCES journal_exchanges (id) ON DELETE CASCADE,
          time INTEGER NOT NULL,
          profile_id TEXT,
          check_run_id TEXT,
          category TEXT,
          ok INTEGER NOT NULL,
          action_kind TEXT,
          resourcetype TEXT,
          resourceid TEXT,
          identifier TEXT,
          action_errorcode INTEGER,
          action_message TEXT
        ) STRICT;
        CREATE INDEX journal_entries_time ON journal_entries (time DESC, id DESC);
        CREATE INDEX journal_entries_profile ON journal_entries (profile_id, time DESC, id DESC);
        CREATE INDEX journal_entries_exchange ON journal_entries (exchange_id);
        CREATE VIRTUAL TABLE journal_fts USING fts5 (
          action, resource, messages, bodies,
          content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER journal_entries_fts_insert AFTER INSERT ON journal_entries BEGIN
          INSERT INTO journal_fts (rowid, action, resource, messages, bodies)
          SELECT new.id,
                 coalesce(new.action_kind, ''),
                 concat_ws(' ', new.resourcetype, new.resourceid, new.identifier),
                 concat_ws(' ', x.top_message, new.action_message, x.failure_code, x.failure_message, new.category),
                 concat_ws(' ', x.request_body, x.response_body)
          FROM journal_exchanges x WHERE x.id = new.exchange_id;
        END;
        CREATE TRIGGER journal_entries_fts_delete AFTER DELETE ON journal_entries BEGIN
          DELETE FROM journal_fts WHERE rowid = old.id;
        END;
      `),
  },
  {
    version: 4,
    name: 'check runs',
    // A run is kept as the JSON the checks engine produced; the columns are what the history list filters and
    // sorts by. No foreign key: like the journal, the record of a check outlives the profile.
    up: (db) =>
      db.exec(`
        CREATE TABLE check_runs (
          id TEXT PRIMARY KEY,
          profile_id TEXT,
          started_at INTEGER NOT NULL,
          finished_at INTEGER,
          use_case TEXT NOT NULL,
          endpoint_host TEXT NOT NULL,
          summary TEXT NOT NULL,
          run TEXT NOT NULL
        ) STRICT;
        CREATE INDEX check_runs_profile ON check_runs (profile_id, started_at DESC);
      `),
  },
  {
    version: 5,
    name: 'field catalogues, check preferences, API claim flag',
    // Both tables belong to the profile and go with it (unlike the journal and the runs, which are records of the
    // past). A catalogue is kept as one JSON value: it is read and replaced whole. The claim itself stays sealed in
    // `credentials`; the flag only says one is there, so a locked vault can still show it.
    up: (db) =>
      db.exec(`
        ALTER TABLE profiles ADD COLUMN has_api_claim INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE field_catalogues (
          profile_id TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
          fetched_at INTEGER NOT NULL,
          catalogue TEXT NOT NULL
        ) STRICT;
        CREATE TABLE check_preferences (
          profile_id TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
          website_language TEXT
        ) STRICT;
      `),
  },
  {
    version: 6,
    name: 'journal: one index row per exchange in time order, body retention',
    // The full-text index had one row per entry, each with the whole exchange's bodies: a batch of n actions
    // indexed its bodies n times, and a search sorted every match by time. Now it has one row per exchange, keyed
    // by time × 2^20 + `seq` (1, 2, … among the exchanges of one millisecond), so the index's rowid order is the
    // journal's time order and a search walks matches newest first and stops at the page's end. (The key itself is
    // never stored: it exceeds JavaScript's safe integers.) `bodies` says whether the
    // exchange's bodies are still kept (the body retention empties them before the metadata goes). The index is
    // rebuilt from the rows already there.
    up: (db) =>
      db.exec(`
        DROP TRIGGER journal_entries_fts_insert;
        DROP TRIGGER journal_entries_fts_delete;
        DROP TABLE journal_fts;
        ALTER TABLE journal_exchanges ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE journal_exchanges ADD COLUMN bodies INTEGER NOT NULL DEFAULT 1;
        UPDATE journal_exchanges SET seq = r.n
          FROM (SELECT id, row_number() OVER (PARTITION BY time ORDER BY id) AS n FROM journal_exchanges) AS r
          WHERE r.id = journal_exchanges.id;
        CREATE UNIQUE INDEX journal_exchanges_time_seq ON journal_exchanges (time, seq);
        CREATE INDEX journal_exchanges_with_bodies ON journal_exchanges (time) WHERE bodies = 1;
        CREATE VIRTUAL TABLE journal_fts USING fts5 (
          action, resource, messages, bodies,
          content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
        );
        ${JOURNAL_FTS_ROW};
        CREATE TRIGGER journal_exchanges_fts_delete AFTER DELETE ON journal_exchanges BEGIN
          DELETE FROM journal_fts WHERE rowid = old.time * ${FTS_KEY_SPAN} + old.seq;
        END;
      `),
  },
  {
    version: 7,
    name: 'demo profiles, mail identity for the check',
    // `demo_scenario`: the sandbox scenario a demo profile was made for (null for every real profile); the demo
    // finds its profiles again by it after a restart. `mail_identity`: the mailbox the mail test sends from.
    up: (db) =>
      db.exec(`
        ALTER TABLE profiles ADD COLUMN demo_scenario TEXT;
        ALTER TABLE check_preferences ADD COLUMN mail_identity TEXT;
      `),
  },
  {
    version: 8,
    name: 'setup guide progress',
    // One row per profile, gone with it. The progress is one JSON value (step, use case, expected estates, the test
    // mail's addresses, run ids), read and replaced whole; it never holds a secret or a consent to send mail.
    up: (db) =>
      db.exec(`
        CREATE TABLE guide_progress (
          profile_id TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
          progress TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `),
  },
];
