-- ProfileHub SQLite schema, version 3: records are stored in arrival order.
--
-- Version 1 clustered records on their idempotency key (source, record_id). Record ids are
-- effectively random, so every group commit dirtied (and wrote to the WAL) a page of that large
-- b-tree for almost every record it carried. Rows are now appended to a rowid table, and the
-- idempotency key lives in a narrow unique index whose pages hold several times more entries.
-- Nothing reads records in primary-key order: stage evaluation and replays sort events themselves.
-- The per-profile index keys (profile_id, source): every profile lookup uses its first column, the
-- funnel's "has a record from this source" test is answered from the index alone, and no query
-- used occurred_at from it (replays sort by occurred_at, source and record_id after the lookup).
--
-- ix_merges_survivor goes: its only reader (erasure) filters on absorbed_id OR survivor_id, which
-- SQLite answers with a scan of merges either way, and every merge paid for updating it.

CREATE TABLE records_by_arrival (
    record_key       INTEGER NOT NULL PRIMARY KEY,
    source           TEXT    NOT NULL,
    record_id        TEXT    NOT NULL,
    profile_id       TEXT    NOT NULL REFERENCES profiles (profile_id),
    occurred_at      INTEGER NOT NULL,
    event            TEXT    NULL,
    stage_relevant   INTEGER NOT NULL DEFAULT 0,
    properties_json  TEXT    NULL,
    traits_json      TEXT    NULL,
    identifiers_json TEXT    NOT NULL
);

INSERT INTO records_by_arrival (source, record_id, profile_id, occurred_at, event, stage_relevant, properties_json, traits_json, identifiers_json)
SELECT source, record_id, profile_id, occurred_at, event, stage_relevant, properties_json, traits_json, identifiers_json
FROM records
ORDER BY occurred_at, source, record_id;

DROP TABLE records;

ALTER TABLE records_by_arrival RENAME TO records;

CREATE UNIQUE INDEX ux_records_idempotency ON records (source, record_id);
CREATE INDEX ix_records_profile ON records (profile_id, source);

DROP INDEX ix_merges_survivor;
