namespace ProfileHub.Storage.SqlServer;

/// <summary>The admin operations' statements (rare calls: one statement per row is fine here).</summary>
internal static partial class SqlServerSql
{
    public const string ResolveById = """
        SELECT p.profile_id FROM dbo.profiles AS p
        WHERE p.profile_id = COALESCE((SELECT a.profile_id FROM dbo.profile_aliases AS a WHERE a.alias_id = @Id), @Id)
        """;

    public const string ResolveByIdentifier = "SELECT profile_id FROM dbo.identifiers WHERE type = @Type AND value = @Value";

    public const string InsertAudit = "INSERT INTO dbo.admin_audit (at, actor, action, reason, profile_ids_json) VALUES (@At, @Actor, @Action, @Reason, @Ids)";

    // Run in the same batch as InsertAudit (SCOPE_IDENTITY is per batch).
    public const string InsertedAuditId = "SELECT CAST(SCOPE_IDENTITY() AS bigint)";

    public const string EvidenceIdentifiers = """
        SELECT type AS Type, value AS Value, CAST(shared AS bigint) AS Shared, first_seen AS FirstSeen
        FROM dbo.identifiers WHERE profile_id = @Id ORDER BY type, value
        """;

    public const string EvidenceRecords = """
        SELECT r.source AS Source, r.record_id AS RecordId, r.occurred_at AS OccurredAt, r.identifiers_json AS IdentifiersJson,
               (SELECT CAST(1 AS bigint) FROM dbo.dropped_evidence AS d WHERE d.source = r.source AND d.record_id = r.record_id) AS Dropped
        FROM dbo.records AS r WHERE r.profile_id = @Id ORDER BY r.occurred_at, r.source, r.record_id
        """;

    public const string EvidenceManualLinks = """
        SELECT m.audit_id AS AuditId, m.at AS At, m.a_type AS AType, m.a_value AS AValue, m.b_type AS BType, m.b_value AS BValue
        FROM dbo.manual_links AS m INNER JOIN dbo.identifiers AS i ON i.type = m.a_type AND i.value = m.a_value
        WHERE i.profile_id = @Id ORDER BY m.audit_id
        """;

    public const string ProfileCreatedAt = "SELECT created_at FROM dbo.profiles WHERE profile_id = @Id";

    public const string ProfileOrigin = "SELECT created_at AS CreatedAt, first_source AS FirstSource FROM dbo.profiles WHERE profile_id = @Id";

    public const string ProfileTypeCounts = "SELECT type AS Type, COUNT(*) AS Count FROM dbo.identifiers WHERE profile_id = @Id GROUP BY type";

    public const string InsertManualLink = """
        INSERT INTO dbo.manual_links (audit_id, at, a_type, a_value, b_type, b_value) VALUES (@AuditId, @At, @AType, @AValue, @BType, @BValue)
        """;

    public const string MoveIdentifiers = "UPDATE dbo.identifiers SET profile_id = @S WHERE profile_id = @A";

    public const string MovePeople = """
        INSERT INTO dbo.identifier_people (type, value, profile_id)
        SELECT DISTINCT p.type, p.value, @S FROM dbo.identifier_people AS p
        WHERE p.profile_id = @A AND NOT EXISTS (SELECT 1 FROM dbo.identifier_people AS q WHERE q.type = p.type AND q.value = p.value AND q.profile_id = @S)
        """;

    public const string DeletePeopleOfProfile = "DELETE FROM dbo.identifier_people WHERE profile_id = @A";

    public const string MoveRecords = "UPDATE dbo.records SET profile_id = @S WHERE profile_id = @A";

    public const string MoveAliases = "UPDATE dbo.profile_aliases SET profile_id = @S WHERE profile_id = @A";

    public const string InsertAlias = "INSERT INTO dbo.profile_aliases (alias_id, profile_id, merged_at) VALUES (@A, @S, @At)";

    public const string InsertMerge = """
        INSERT INTO dbo.merges (absorbed_id, survivor_id, source, record_id, rule_name, at) VALUES (@A, @S, @Source, @RecordId, @Rule, @At)
        """;

    public const string DeleteTransitionsOf = "DELETE FROM dbo.stage_transitions WHERE profile_id = @A";

    public const string DeleteProfileRow = "DELETE FROM dbo.profiles WHERE profile_id = @A";

    // Profile rebuild (manual merge and split) ------------------------------------------------------

    public const string RebuildRecords = """
        SELECT source AS Source, record_id AS RecordId, occurred_at AS OccurredAt, event AS Event, CAST(stage_relevant AS bigint) AS StageRelevant,
               properties_json AS PropertiesJson, traits_json AS TraitsJson
        FROM dbo.records WHERE profile_id = @Id ORDER BY occurred_at, source, record_id
        """;

    public const string RebuildBefore = "SELECT stage AS Stage, traits_json AS TraitsJson, CAST(at_risk AS bigint) AS AtRisk FROM dbo.profiles WHERE profile_id = @Id";

    public const string DeleteTransitionsOfProfile = "DELETE FROM dbo.stage_transitions WHERE profile_id = @Id";

    public const string InsertTransition = """
        INSERT INTO dbo.stage_transitions (profile_id, seq, from_stage, to_stage, to_order, at, source, record_id, reason)
        VALUES (@Id, @Seq, @From, @To, @Order, @At, @Source, @RecordId, @Reason)
        """;

    public const string InsertRebuiltProfile = """
        INSERT INTO dbo.profiles (profile_id, created_at, updated_at, version, stage, stage_order, stage_entered_at, first_stage_at, at_risk,
                                  last_activity_at, traits_json, first_source)
        VALUES (@Id, @Created, @Now, 1, @Stage, @Order, @Entered, @FirstStage, @AtRisk, @Last, @Traits, @Source)
        """;

    public const string UpdateRebuiltProfile = """
        UPDATE dbo.profiles SET updated_at = @Now, version = version + 1, stage = @Stage, stage_order = @Order, stage_entered_at = @Entered,
                                first_stage_at = @FirstStage, at_risk = @AtRisk, last_activity_at = @Last, traits_json = @Traits
        WHERE profile_id = @Id
        """;

    // Split -----------------------------------------------------------------------------------------

    public const string DeleteIdentifier = "DELETE FROM dbo.identifiers WHERE type = @Type AND value = @Value";

    public const string DeleteIdentifierPeople = "DELETE FROM dbo.identifier_people WHERE type = @Type AND value = @Value";

    public const string DeleteIdentifierLinks = "DELETE FROM dbo.identifier_links WHERE type = @Type AND value = @Value";

    public const string DropEvidence = """
        INSERT INTO dbo.dropped_evidence (source, record_id, at) SELECT @Source, @RecordId, @At
        WHERE NOT EXISTS (SELECT 1 FROM dbo.dropped_evidence WHERE source = @Source AND record_id = @RecordId)
        """;

    public const string ProfileExists = "SELECT COUNT(*) FROM dbo.profiles WHERE profile_id = @Id";

    public const string AliasTarget = "SELECT profile_id FROM dbo.profile_aliases WHERE alias_id = @Id";

    public const string DeleteAlias = "DELETE FROM dbo.profile_aliases WHERE alias_id = @Id";

    public const string MoveIdentifier = "UPDATE dbo.identifiers SET profile_id = @Id WHERE type = @Type AND value = @Value";

    public const string MoveRecord = "UPDATE dbo.records SET profile_id = @Id WHERE source = @Source AND record_id = @RecordId";

    // Forget ----------------------------------------------------------------------------------------

    public const string AliasesOf = "SELECT alias_id FROM dbo.profile_aliases WHERE profile_id = @Id ORDER BY alias_id";

    public const string InsertSalt = "INSERT INTO dbo.admin_settings (name, value) VALUES (@Name, @Value)";

    public const string Suppress = """
        INSERT INTO dbo.suppressed_identifiers (hash, at) SELECT @Hash, @At
        WHERE NOT EXISTS (SELECT 1 FROM dbo.suppressed_identifiers WHERE hash = @Hash)
        """;

    public const string DeleteQuarantine = "DELETE FROM dbo.quarantined_identifiers WHERE type = @Type AND value = @Value";

    public const string DeleteManualLinksOf = """
        DELETE FROM dbo.manual_links WHERE (a_type = @Type AND a_value = @Value) OR (b_type = @Type AND b_value = @Value)
        """;

    public const string RecordsMentioning = """
        SELECT source AS Source, record_id AS RecordId, identifiers_json AS IdentifiersJson FROM dbo.records WHERE CHARINDEX(@Value, identifiers_json) > 0
        """;

    public const string RewriteRecordEvidence = "UPDATE dbo.records SET identifiers_json = @Json WHERE source = @Source AND record_id = @RecordId";

    public const string ForgetPeopleOf = "DELETE FROM dbo.identifier_people WHERE profile_id = @Id";

    public const string ForgetLinksOf = "DELETE FROM dbo.identifier_links WHERE profile_id = @Id";

    public const string ForgetMergesOf = "DELETE FROM dbo.merges WHERE absorbed_id = @Id OR survivor_id = @Id";

    public const string ForgetChangeCauses = "UPDATE dbo.changes SET caused_by = NULL, trait_names_json = NULL WHERE profile_id = @Id";

    public const string ForgetDroppedEvidence = """
        DELETE d FROM dbo.dropped_evidence AS d INNER JOIN dbo.records AS r ON r.source = d.source AND r.record_id = d.record_id WHERE r.profile_id = @Id
        """;

    public const string ForgetRecords = "DELETE FROM dbo.records WHERE profile_id = @Id";

    public const string ForgetIdentifiers = "DELETE FROM dbo.identifiers WHERE profile_id = @Id";

    public const string ForgetTransitions = "DELETE FROM dbo.stage_transitions WHERE profile_id = @Id";

    public const string ForgetAliases = "DELETE FROM dbo.profile_aliases WHERE profile_id = @Id";

    public const string ForgetProfile = "DELETE FROM dbo.profiles WHERE profile_id = @Id";

    // Admin reads -----------------------------------------------------------------------------------

    public const string Audit = """
        SELECT x.id AS Id, x.at AS At, x.actor AS Actor, x.action AS Action, x.reason AS Reason, x.profile_ids_json AS Ids
        FROM (SELECT TOP (@Limit) id, at, actor, action, reason, profile_ids_json FROM dbo.admin_audit WHERE id > @After ORDER BY id) AS x
        ORDER BY x.id
        """;

    public const string Quarantined = """
        SELECT type AS Type, value AS Value, at AS At, linked_profiles AS Count FROM dbo.quarantined_identifiers ORDER BY at, type, value
        """;
}
