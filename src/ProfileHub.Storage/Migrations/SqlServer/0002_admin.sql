-- ProfileHub SQL Server schema, version 2 (mirrors SQLite 0002_admin): operator actions (audit,
-- manual evidence, erasure) and hot-identifier quarantine. The ingest path reads the suppression
-- list and keeps identifier_links / quarantined_identifiers.

CREATE TABLE dbo.admin_audit (
    id               bigint         NOT NULL IDENTITY(1, 1),
    at               bigint         NOT NULL,
    actor            nvarchar(512)  NOT NULL,
    action           nvarchar(64)   NOT NULL,
    reason           nvarchar(max)  NOT NULL,
    profile_ids_json nvarchar(max)  NOT NULL,
    CONSTRAINT pk_admin_audit PRIMARY KEY CLUSTERED (id)
);

CREATE TABLE dbo.admin_settings (
    name  nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    value varbinary(256) NOT NULL,
    CONSTRAINT pk_admin_settings PRIMARY KEY CLUSTERED (name)
);

-- HMAC-SHA256(salt, "type:value") of each identifier of an erased person: records carrying one are dropped.
CREATE TABLE dbo.suppressed_identifiers (
    hash binary(32) NOT NULL,
    at   bigint     NOT NULL,
    CONSTRAINT pk_suppressed_identifiers PRIMARY KEY CLUSTERED (hash)
);

CREATE TABLE dbo.dropped_evidence (
    source    nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    record_id nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    at        bigint        NOT NULL,
    CONSTRAINT pk_dropped_evidence PRIMARY KEY NONCLUSTERED (source, record_id)
);

CREATE TABLE dbo.manual_links (
    audit_id bigint        NOT NULL,
    at       bigint        NOT NULL,
    a_type   nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    a_value  nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    b_type   nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    b_value  nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL
);

CREATE INDEX ix_manual_links_a ON dbo.manual_links (a_type, a_value);

CREATE INDEX ix_manual_links_b ON dbo.manual_links (b_type, b_value);

-- Hot-identifier detection: the profiles an existing identifier linked (or tried to link) recently.
CREATE TABLE dbo.identifier_links (
    type       nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    value      nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    at         bigint        NOT NULL,
    CONSTRAINT pk_identifier_links PRIMARY KEY NONCLUSTERED (type, value, profile_id)
);

CREATE TABLE dbo.quarantined_identifiers (
    type            nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    value           nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    at              bigint        NOT NULL,
    linked_profiles int           NOT NULL,
    CONSTRAINT pk_quarantined_identifiers PRIMARY KEY NONCLUSTERED (type, value)
);

CREATE TYPE dbo.profilehub_hashes AS TABLE (
    hash binary(32) NOT NULL PRIMARY KEY
);

CREATE TYPE dbo.profilehub_identifier_links AS TABLE (
    type       nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    value      nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    profile_id nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    at         bigint        NOT NULL,
    PRIMARY KEY NONCLUSTERED (type, value, profile_id)
);

CREATE TYPE dbo.profilehub_quarantines AS TABLE (
    type            nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    value           nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    at              bigint        NOT NULL,
    linked_profiles int           NOT NULL,
    PRIMARY KEY NONCLUSTERED (type, value)
);
