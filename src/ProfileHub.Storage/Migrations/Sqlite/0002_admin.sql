-- ProfileHub SQLite schema, version 2: operator actions (audit, manual evidence, erasure) and
-- hot-identifier quarantine.

-- Every admin action: who, when, what, why, which profiles.
CREATE TABLE admin_audit (
    id               INTEGER NOT NULL PRIMARY KEY,
    at               INTEGER NOT NULL,
    actor            TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    profile_ids_json TEXT    NOT NULL
);

-- Per-deployment secrets of the admin features (the suppression salt), created on first use.
CREATE TABLE admin_settings (
    name  TEXT NOT NULL PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- HMAC-SHA256(salt, "type:value") of each identifier of an erased person: records carrying one are dropped.
CREATE TABLE suppressed_identifiers (
    hash BLOB    NOT NULL PRIMARY KEY,
    at   INTEGER NOT NULL
) WITHOUT ROWID;

-- Records whose evidence an operator removed (split by record): they no longer link identifiers.
CREATE TABLE dropped_evidence (
    source    TEXT    NOT NULL,
    record_id TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (source, record_id)
) WITHOUT ROWID;

-- Manual merges as evidence: one identifier of each merged profile, so a later split keeps them together.
CREATE TABLE manual_links (
    audit_id INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    a_type   TEXT    NOT NULL,
    a_value  TEXT    NOT NULL,
    b_type   TEXT    NOT NULL,
    b_value  TEXT    NOT NULL
);

CREATE INDEX ix_manual_links_a ON manual_links (a_type, a_value);
CREATE INDEX ix_manual_links_b ON manual_links (b_type, b_value);

-- Hot-identifier detection: the profiles an existing identifier linked (or tried to link) recently.
CREATE TABLE identifier_links (
    type       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    profile_id TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (type, value, profile_id)
) WITHOUT ROWID;

-- Identifiers quarantined from linking (their identifiers row is also marked shared).
CREATE TABLE quarantined_identifiers (
    type            TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    linked_profiles INTEGER NOT NULL,
    PRIMARY KEY (type, value)
) WITHOUT ROWID;
