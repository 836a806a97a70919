-- ProfileHub SQL Server schema, version 1 (SQL Server 2016+ / Azure SQL).
-- Mirrors the SQLite schema. Times are bigint UTC ticks (100 ns since 0001-01-01), as in SQLite.
-- Text keys use a binary collation: identifier values, record ids and profile ids compare
-- ordinally (case-sensitive), exactly as SQLite's default BINARY collation does.
-- Keys longer than 900 bytes cannot be clustered, so the wide natural keys are NONCLUSTERED
-- primary keys and each table is clustered on the column its profile-wide reads scan.
-- One statement per line group, each ending with a semicolon at the end of a line (the CI parse
-- check splits on that).

CREATE TABLE dbo.profiles (
    profile_id       nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    created_at       bigint        NOT NULL,
    updated_at       bigint        NOT NULL,
    version          bigint        NOT NULL,
    stage            nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
    stage_order      int           NOT NULL DEFAULT 0,
    stage_entered_at bigint        NULL,
    first_stage_at   bigint        NULL,
    at_risk          bit           NOT NULL DEFAULT 0,
    last_activity_at bigint        NULL,
    traits_json      nvarchar(max) NULL,
    first_source     nvarchar(256) NOT NULL,
    CONSTRAINT pk_profiles PRIMARY KEY CLUSTERED (profile_id)
);

CREATE INDEX ix_profiles_stage ON dbo.profiles (stage, profile_id) INCLUDE (stage_order, stage_entered_at, at_risk, version);

CREATE INDEX ix_profiles_first_stage_at ON dbo.profiles (first_stage_at) WHERE first_stage_at IS NOT NULL;

CREATE INDEX ix_profiles_stage_order ON dbo.profiles (stage_order) INCLUDE (last_activity_at, at_risk) WHERE stage_order > 0;

CREATE TABLE dbo.profile_aliases (
    alias_id   nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    merged_at  bigint       NOT NULL,
    CONSTRAINT pk_profile_aliases PRIMARY KEY CLUSTERED (alias_id)
);

CREATE INDEX ix_profile_aliases_profile ON dbo.profile_aliases (profile_id);

CREATE TABLE dbo.identifiers (
    type       nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    value      nvarchar(512)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    raw_value  nvarchar(1024) NOT NULL,
    first_seen bigint         NOT NULL,
    shared     bit            NOT NULL DEFAULT 0,
    CONSTRAINT pk_identifiers PRIMARY KEY NONCLUSTERED (type, value)
);

CREATE CLUSTERED INDEX cx_identifiers_profile ON dbo.identifiers (profile_id);

CREATE TABLE dbo.identifier_people (
    type       nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    value      nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT pk_identifier_people PRIMARY KEY NONCLUSTERED (type, value, profile_id)
);

CREATE CLUSTERED INDEX cx_identifier_people_profile ON dbo.identifier_people (profile_id);

CREATE TABLE dbo.records (
    source           nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    record_id        nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id       nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    occurred_at      bigint        NOT NULL,
    event            nvarchar(128) NULL,
    stage_relevant   bit           NOT NULL DEFAULT 0,
    properties_json  nvarchar(max) NULL,
    traits_json      nvarchar(max) NULL,
    identifiers_json nvarchar(max) NOT NULL,
    CONSTRAINT pk_records PRIMARY KEY NONCLUSTERED (source, record_id)
);

CREATE CLUSTERED INDEX cx_records_profile ON dbo.records (profile_id, occurred_at);

CREATE TABLE dbo.stage_transitions (
    profile_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    seq        int           NOT NULL,
    from_stage nvarchar(128) NULL,
    to_stage   nvarchar(128) NOT NULL,
    to_order   int           NOT NULL,
    at         bigint        NOT NULL,
    source     nvarchar(256) NOT NULL,
    record_id  nvarchar(256) NOT NULL,
    reason     nvarchar(512) NOT NULL,
    CONSTRAINT pk_stage_transitions PRIMARY KEY CLUSTERED (profile_id, seq)
);

CREATE TABLE dbo.merges (
    merge_id    bigint        NOT NULL IDENTITY(1, 1),
    absorbed_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    survivor_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    source      nvarchar(256) NOT NULL,
    record_id   nvarchar(256) NOT NULL,
    rule_name   nvarchar(64)  NOT NULL,
    at          bigint        NOT NULL,
    CONSTRAINT pk_merges PRIMARY KEY CLUSTERED (merge_id)
);

CREATE INDEX ix_merges_survivor ON dbo.merges (survivor_id);

-- The change feed. seq is assigned from change_counter inside the writing transaction (row lock
-- held to commit), so sequence order is commit order and a reader never skips an uncommitted gap.
CREATE TABLE dbo.changes (
    seq              bigint        NOT NULL,
    kind             int           NOT NULL,
    profile_id       nvarchar(64)  NOT NULL,
    at               bigint        NOT NULL,
    ids_json         nvarchar(max) NULL,
    from_stage       nvarchar(128) NULL,
    to_stage         nvarchar(128) NULL,
    at_risk          bit           NULL,
    caused_by        nvarchar(600) NULL,
    trait_names_json nvarchar(max) NULL,
    CONSTRAINT pk_changes PRIMARY KEY CLUSTERED (seq)
);

CREATE TABLE dbo.change_counter (
    id       int    NOT NULL,
    last_seq bigint NOT NULL,
    CONSTRAINT pk_change_counter PRIMARY KEY CLUSTERED (id),
    CONSTRAINT ck_change_counter_one_row CHECK (id = 1)
);

INSERT INTO dbo.change_counter (id, last_seq) VALUES (1, 0);

-- Table-valued parameter types: a batch travels in a handful of round trips, not one per row.
CREATE TYPE dbo.profilehub_names AS TABLE (
    name nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY
);

CREATE TYPE dbo.profilehub_identifier_keys AS TABLE (
    type  nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    value nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY NONCLUSTERED (type, value)
);

CREATE TYPE dbo.profilehub_record_keys AS TABLE (
    source    nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    record_id nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY NONCLUSTERED (source, record_id)
);

CREATE TYPE dbo.profilehub_profile_moves AS TABLE (
    from_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    to_id   nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL
);

CREATE TYPE dbo.profilehub_identifiers AS TABLE (
    type       nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    value      nvarchar(512)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    raw_value  nvarchar(1024) NOT NULL,
    first_seen bigint         NOT NULL,
    shared     bit            NOT NULL,
    is_new     bit            NOT NULL,
    PRIMARY KEY NONCLUSTERED (type, value)
);

CREATE TYPE dbo.profilehub_people AS TABLE (
    type       nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    value      nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY NONCLUSTERED (type, value, profile_id)
);

CREATE TYPE dbo.profilehub_records AS TABLE (
    source           nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    record_id        nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id       nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    occurred_at      bigint        NOT NULL,
    event            nvarchar(128) NULL,
    stage_relevant   bit           NOT NULL,
    properties_json  nvarchar(max) NULL,
    traits_json      nvarchar(max) NULL,
    identifiers_json nvarchar(max) NOT NULL,
    PRIMARY KEY NONCLUSTERED (source, record_id)
);

CREATE TYPE dbo.profilehub_merges AS TABLE (
    ordinal     int           NOT NULL PRIMARY KEY,
    absorbed_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    survivor_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    source      nvarchar(256) NOT NULL,
    record_id   nvarchar(256) NOT NULL,
    rule_name   nvarchar(64)  NOT NULL,
    at          bigint        NOT NULL
);

CREATE TYPE dbo.profilehub_transitions AS TABLE (
    profile_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    seq        int           NOT NULL,
    from_stage nvarchar(128) NULL,
    to_stage   nvarchar(128) NOT NULL,
    to_order   int           NOT NULL,
    at         bigint        NOT NULL,
    source     nvarchar(256) NOT NULL,
    record_id  nvarchar(256) NOT NULL,
    reason     nvarchar(512) NOT NULL,
    PRIMARY KEY NONCLUSTERED (profile_id, seq)
);

CREATE TYPE dbo.profilehub_transition_cuts AS TABLE (
    profile_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    from_seq   int          NOT NULL
);

CREATE TYPE dbo.profilehub_profiles AS TABLE (
    profile_id       nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    created_at       bigint        NOT NULL,
    version          bigint        NOT NULL,
    stage            nvarchar(128) NULL,
    stage_order      int           NOT NULL,
    stage_entered_at bigint        NULL,
    first_stage_at   bigint        NULL,
    at_risk          bit           NOT NULL,
    last_activity_at bigint        NULL,
    traits_json      nvarchar(max) NULL,
    first_source     nvarchar(256) NOT NULL,
    is_new           bit           NOT NULL
);

CREATE TYPE dbo.profilehub_changes AS TABLE (
    ordinal          int           NOT NULL PRIMARY KEY,
    kind             int           NOT NULL,
    profile_id       nvarchar(64)  NOT NULL,
    at               bigint        NOT NULL,
    ids_json         nvarchar(max) NULL,
    from_stage       nvarchar(128) NULL,
    to_stage         nvarchar(128) NULL,
    at_risk          bit           NULL,
    caused_by        nvarchar(600) NULL,
    trait_names_json nvarchar(max) NULL
);
