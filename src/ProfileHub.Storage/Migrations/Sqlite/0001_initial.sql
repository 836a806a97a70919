-- ProfileHub SQLite schema, version 1.
-- Times are INTEGER UTC ticks (100 ns since 0001-01-01): exact round trips, cheap comparisons.

-- One row per live (surviving) profile. Absorbed profiles are deleted and kept as aliases.
CREATE TABLE profiles (
    profile_id       TEXT    NOT NULL PRIMARY KEY,
    created_at       INTEGER NOT NULL,  -- event time of the record that created it (survivor choice)
    updated_at       INTEGER NOT NULL,  -- commit time of the last change
    version          INTEGER NOT NULL,
    stage            TEXT    NULL,
    stage_order      INTEGER NOT NULL DEFAULT 0,
    stage_entered_at INTEGER NULL,
    first_stage_at   INTEGER NULL,      -- time of the first transition: the funnel's time window
    at_risk          INTEGER NOT NULL DEFAULT 0,
    last_activity_at INTEGER NULL,
    traits_json      TEXT    NULL,
    first_source     TEXT    NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_profiles_stage ON profiles (stage, profile_id);
CREATE INDEX ix_profiles_first_stage_at ON profiles (first_stage_at);

-- Absorbed profile id -> surviving profile id. Re-pointed when a survivor is itself absorbed, so a
-- lookup by an old id is always one hop.
CREATE TABLE profile_aliases (
    alias_id   TEXT    NOT NULL PRIMARY KEY,
    profile_id TEXT    NOT NULL REFERENCES profiles (profile_id),
    merged_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_profile_aliases_profile ON profile_aliases (profile_id);

-- The identity graph's nodes: each normalized identifier belongs to exactly one live profile
-- (for a shared device: the profile it was last stitched to).
CREATE TABLE identifiers (
    type       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    profile_id TEXT    NOT NULL REFERENCES profiles (profile_id),
    raw_value  TEXT    NOT NULL,
    first_seen INTEGER NOT NULL,
    shared     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (type, value)
) WITHOUT ROWID;

CREATE INDEX ix_identifiers_profile ON identifiers (profile_id);

-- Device-like identifiers: the distinct people (profiles) each was co-observed with.
CREATE TABLE identifier_people (
    type       TEXT NOT NULL,
    value      TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    PRIMARY KEY (type, value, profile_id)
) WITHOUT ROWID;

CREATE INDEX ix_identifier_people_profile ON identifier_people (profile_id);

-- Every accepted record: idempotency key, evidence (identifier keys) and the event for stage rules.
-- Clustered on the idempotency key (WITHOUT ROWID): one b-tree fewer to write per record.
CREATE TABLE records (
    source           TEXT    NOT NULL,
    record_id        TEXT    NOT NULL,
    profile_id       TEXT    NOT NULL REFERENCES profiles (profile_id),
    occurred_at      INTEGER NOT NULL,
    event            TEXT    NULL,
    stage_relevant   INTEGER NOT NULL DEFAULT 0,
    properties_json  TEXT    NULL,
    traits_json      TEXT    NULL,
    identifiers_json TEXT    NOT NULL,
    PRIMARY KEY (source, record_id)
) WITHOUT ROWID;

CREATE INDEX ix_records_profile ON records (profile_id, occurred_at);

-- The stage history of each live profile, oldest first.
CREATE TABLE stage_transitions (
    profile_id TEXT    NOT NULL REFERENCES profiles (profile_id),
    seq        INTEGER NOT NULL,
    from_stage TEXT    NULL,
    to_stage   TEXT    NOT NULL,
    to_order   INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    source     TEXT    NOT NULL,
    record_id  TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    PRIMARY KEY (profile_id, seq)
) WITHOUT ROWID;

-- Merge log: which record merged which profile into which, under which rule, when.
CREATE TABLE merges (
    absorbed_id TEXT    NOT NULL,
    survivor_id TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    rule        TEXT    NOT NULL,
    at          INTEGER NOT NULL
);

CREATE INDEX ix_merges_survivor ON merges (survivor_id);

-- The change feed. seq is strictly increasing in commit order: the single writer numbers entries
-- itself (max + 1) and entries are never deleted, so AUTOINCREMENT's extra bookkeeping write per
-- row would buy nothing.
CREATE TABLE changes (
    seq              INTEGER NOT NULL PRIMARY KEY,
    kind             INTEGER NOT NULL,
    profile_id       TEXT    NOT NULL,
    at               INTEGER NOT NULL,
    ids_json         TEXT    NULL,
    from_stage       TEXT    NULL,
    to_stage         TEXT    NULL,
    at_risk          INTEGER NULL,
    caused_by        TEXT    NULL,
    trait_names_json TEXT    NULL
);
