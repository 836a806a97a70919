using System.Globalization;
using System.Text;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// Every T-SQL statement of the SQL Server store (the schema itself lives in the embedded
/// migrations). Kept in one class so CI can parse each statement with an independent T-SQL parser.
/// Statements that run together are concatenated with <see cref="Join"/>.
/// </summary>
internal static partial class SqlServerSql
{
    // Migrations ----------------------------------------------------------------------------------

    public const string MigrationLock =
        "EXEC sp_getapplock @Resource = N'profilehub:migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @Timeout";

    // sp_getapplock reports a refusal through its return code, which this check reads back.
    public const string MigrationLockHeld = "SELECT APPLOCK_MODE('public', N'profilehub:migrations', 'Session')";

    public const string MigrationUnlock = "EXEC sp_releaseapplock @Resource = N'profilehub:migrations', @LockOwner = 'Session'";

    public const string CreateVersionTable =
        "IF OBJECT_ID(N'dbo.schema_version', N'U') IS NULL CREATE TABLE dbo.schema_version (version int NOT NULL PRIMARY KEY, name nvarchar(200) NOT NULL, applied_at datetime2 NOT NULL)";

    public const string CurrentVersion = "SELECT COALESCE(MAX(version), 0) FROM dbo.schema_version";

    public const string InsertVersion = "INSERT INTO dbo.schema_version (version, name, applied_at) VALUES (@Version, @Name, SYSUTCDATETIME())";

    // Locks ---------------------------------------------------------------------------------------

    /// <summary>One exclusive transaction-owned app lock; <c>@Name</c> is renamed per lock by <see cref="AcquireLocks"/>.</summary>
    public const string AcquireLock =
        "EXEC sp_getapplock @Resource = @Name, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = @Timeout";

    /// <summary>How many of the requested locks this transaction does not hold (a timeout or deadlock refusal).</summary>
    public const string LocksNotHeld = "SELECT COUNT(*) FROM @Names AS n WHERE APPLOCK_MODE('public', n.name, 'Transaction') <> 'Exclusive'";

    // Ingest: loads -------------------------------------------------------------------------------

    public const string FindRecords = """
        SELECT r.source AS Source, r.record_id AS RecordId, r.profile_id AS ProfileId
        FROM dbo.records AS r INNER JOIN @Records AS k ON k.source = r.source AND k.record_id = r.record_id
        """;

    public const string LoadIdentifiers = """
        SELECT i.type AS Type, i.value AS Value, i.profile_id AS ProfileId, i.shared AS Shared, i.raw_value AS RawValue, i.first_seen AS FirstSeen
        FROM dbo.identifiers AS i WITH (UPDLOCK, HOLDLOCK) INNER JOIN @Keys AS k ON k.type = i.type AND k.value = i.value
        """;

    public const string LoadPeople = """
        SELECT p.type AS Type, p.value AS Value, p.profile_id AS ProfileId
        FROM dbo.identifier_people AS p WITH (UPDLOCK, HOLDLOCK) INNER JOIN @Keys AS k ON k.type = p.type AND k.value = p.value
        """;

    public const string LoadProfileRows = """
        SELECT p.profile_id AS ProfileId, p.created_at AS CreatedAt, p.first_source AS FirstSource, p.version AS Version, p.stage AS Stage,
               p.stage_order AS StageOrder, p.stage_entered_at AS StageEnteredAt, p.first_stage_at AS FirstStageAt, p.at_risk AS AtRisk,
               p.last_activity_at AS LastActivityAt, p.traits_json AS TraitsJson
        FROM dbo.profiles AS p INNER JOIN @Ids AS k ON k.name = p.profile_id
        """;

    public const string LoadProfileCounts = """
        SELECT i.profile_id AS ProfileId, i.type AS Type, COUNT(*) AS Count
        FROM dbo.identifiers AS i INNER JOIN @Ids AS k ON k.name = i.profile_id GROUP BY i.profile_id, i.type
        """;

    public const string LoadProfileEvents = """
        SELECT r.profile_id AS ProfileId, r.source AS Source, r.record_id AS RecordId, r.event AS Event, r.occurred_at AS OccurredAt,
               r.properties_json AS PropertiesJson
        FROM dbo.records AS r INNER JOIN @Ids AS k ON k.name = r.profile_id WHERE r.stage_relevant = 1
        """;

    public const string LoadProfileTransitions = """
        SELECT t.profile_id AS ProfileId, t.from_stage AS FromStage, t.to_stage AS ToStage, t.to_order AS ToOrder, t.at AS At,
               t.source AS Source, t.record_id AS RecordId, t.reason AS Reason
        FROM dbo.stage_transitions AS t INNER JOIN @Ids AS k ON k.name = t.profile_id ORDER BY t.profile_id, t.seq
        """;

    public const string LoadSalt = "SELECT value FROM dbo.admin_settings WHERE name = @Name";

    public const string FindSuppressed = "SELECT s.hash FROM dbo.suppressed_identifiers AS s INNER JOIN @Hashes AS h ON h.hash = s.hash";

    public const string LoadLinks = """
        SELECT l.type AS Type, l.value AS Value, l.profile_id AS ProfileId, l.at AS At
        FROM dbo.identifier_links AS l WITH (UPDLOCK, HOLDLOCK) INNER JOIN @Keys AS k ON k.type = l.type AND k.value = l.value
        """;

    // Ingest: writes (each takes table-valued parameters; a batch's writes go in one round trip) ----

    public const string RepointIdentifiers = "UPDATE i SET profile_id = m.to_id FROM dbo.identifiers AS i INNER JOIN @Moves AS m ON m.from_id = i.profile_id";

    public const string RepointPeople = """
        INSERT INTO dbo.identifier_people (type, value, profile_id)
        SELECT DISTINCT p.type, p.value, m.to_id FROM dbo.identifier_people AS p INNER JOIN @Moves AS m ON m.from_id = p.profile_id
        WHERE NOT EXISTS (SELECT 1 FROM dbo.identifier_people AS q WHERE q.type = p.type AND q.value = p.value AND q.profile_id = m.to_id)
        """;

    public const string DeleteMovedPeople = "DELETE p FROM dbo.identifier_people AS p INNER JOIN @Moves AS m ON m.from_id = p.profile_id";

    public const string RepointRecords = "UPDATE r SET profile_id = m.to_id FROM dbo.records AS r INNER JOIN @Moves AS m ON m.from_id = r.profile_id";

    public const string RepointAliases = "UPDATE a SET profile_id = m.to_id FROM dbo.profile_aliases AS a INNER JOIN @Moves AS m ON m.from_id = a.profile_id";

    public const string DeleteMovedTransitions = "DELETE t FROM dbo.stage_transitions AS t INNER JOIN @Moves AS m ON m.from_id = t.profile_id";

    public const string DeleteMovedProfiles = "DELETE p FROM dbo.profiles AS p INNER JOIN @Moves AS m ON m.from_id = p.profile_id";

    public const string InsertAliases = "INSERT INTO dbo.profile_aliases (alias_id, profile_id, merged_at) SELECT m.from_id, m.to_id, @Now FROM @Moves AS m";

    public const string InsertMerges = """
        INSERT INTO dbo.merges (absorbed_id, survivor_id, source, record_id, rule_name, at)
        SELECT absorbed_id, survivor_id, source, record_id, rule_name, at FROM @Merges ORDER BY ordinal
        """;

    public const string UpdateIdentifiers = """
        UPDATE i SET profile_id = s.profile_id, shared = s.shared
        FROM dbo.identifiers AS i INNER JOIN @Identifiers AS s ON s.type = i.type AND s.value = i.value WHERE s.is_new = 0
        """;

    public const string InsertIdentifiers = """
        INSERT INTO dbo.identifiers (type, value, profile_id, raw_value, first_seen, shared)
        SELECT type, value, profile_id, raw_value, first_seen, shared FROM @Identifiers WHERE is_new = 1
        """;

    public const string InsertPeople = """
        INSERT INTO dbo.identifier_people (type, value, profile_id)
        SELECT s.type, s.value, s.profile_id FROM @People AS s
        WHERE NOT EXISTS (SELECT 1 FROM dbo.identifier_people AS q WHERE q.type = s.type AND q.value = s.value AND q.profile_id = s.profile_id)
        """;

    public const string InsertRecords = """
        INSERT INTO dbo.records (source, record_id, profile_id, occurred_at, event, stage_relevant, properties_json, traits_json, identifiers_json)
        SELECT source, record_id, profile_id, occurred_at, event, stage_relevant, properties_json, traits_json, identifiers_json FROM @Records
        """;

    public const string CutTransitions =
        "DELETE t FROM dbo.stage_transitions AS t INNER JOIN @Cuts AS c ON c.profile_id = t.profile_id WHERE t.seq >= c.from_seq";

    public const string InsertTransitions = """
        INSERT INTO dbo.stage_transitions (profile_id, seq, from_stage, to_stage, to_order, at, source, record_id, reason)
        SELECT profile_id, seq, from_stage, to_stage, to_order, at, source, record_id, reason FROM @Transitions
        """;

    public const string UpdateProfiles = """
        UPDATE p SET updated_at = @Now, version = s.version, stage = s.stage, stage_order = s.stage_order, stage_entered_at = s.stage_entered_at,
                     first_stage_at = s.first_stage_at, at_risk = s.at_risk, last_activity_at = s.last_activity_at, traits_json = s.traits_json
        FROM dbo.profiles AS p INNER JOIN @Profiles AS s ON s.profile_id = p.profile_id WHERE s.is_new = 0
        """;

    public const string InsertProfiles = """
        INSERT INTO dbo.profiles (profile_id, created_at, updated_at, version, stage, stage_order, stage_entered_at, first_stage_at, at_risk,
                                  last_activity_at, traits_json, first_source)
        SELECT profile_id, created_at, @Now, version, stage, stage_order, stage_entered_at, first_stage_at, at_risk, last_activity_at,
               traits_json, first_source
        FROM @Profiles WHERE is_new = 1
        """;

    public const string DeleteLinks = "DELETE l FROM dbo.identifier_links AS l INNER JOIN @LinkKeys AS k ON k.type = l.type AND k.value = l.value";

    public const string InsertLinks = "INSERT INTO dbo.identifier_links (type, value, profile_id, at) SELECT type, value, profile_id, at FROM @Links";

    public const string DeleteQuarantines = """
        DELETE q FROM dbo.quarantined_identifiers AS q INNER JOIN @Quarantines AS s ON s.type = q.type AND s.value = q.value
        """;

    public const string InsertQuarantines = """
        INSERT INTO dbo.quarantined_identifiers (type, value, at, linked_profiles) SELECT type, value, at, linked_profiles FROM @Quarantines
        """;

    // The counter row stays exclusively locked until commit, so the next writer numbers its changes
    // only after this transaction's are visible: sequence order is commit order, with no gaps.
    public const string ReserveChangeSequences = "UPDATE dbo.change_counter SET last_seq = last_seq + @Count WHERE id = 1";

    public const string InsertChanges = """
        INSERT INTO dbo.changes (seq, kind, profile_id, at, ids_json, from_stage, to_stage, at_risk, caused_by, trait_names_json)
        SELECT (SELECT last_seq FROM dbo.change_counter WHERE id = 1) - @Count + c.ordinal, c.kind, c.profile_id, c.at, c.ids_json,
               c.from_stage, c.to_stage, c.at_risk, c.caused_by, c.trait_names_json
        FROM @Changes AS c
        """;

    public const string ReservedLastSequence = "SELECT last_seq FROM dbo.change_counter WHERE id = 1";

    // At-risk sweep --------------------------------------------------------------------------------

    public const string SweepCandidates = """
        SELECT profile_id AS ProfileId, stage_order AS StageOrder, last_activity_at AS LastActivityAt, at_risk AS AtRisk
        FROM dbo.profiles WHERE stage_order > 0
        """;

    public const string SweepRecheck = """
        SELECT p.profile_id AS ProfileId, p.stage_order AS StageOrder, p.last_activity_at AS LastActivityAt, p.at_risk AS AtRisk
        FROM dbo.profiles AS p INNER JOIN @Ids AS k ON k.name = p.profile_id
        """;

    public const string RaiseAtRisk = "UPDATE dbo.profiles SET at_risk = 1, version = version + 1, updated_at = @Now WHERE profile_id IN (SELECT name FROM @Raise)";

    public const string ClearAtRisk = "UPDATE dbo.profiles SET at_risk = 0, version = version + 1, updated_at = @Now WHERE profile_id IN (SELECT name FROM @Clear)";

    // Reads ----------------------------------------------------------------------------------------

    public const string StageById = """
        SELECT p.profile_id AS ProfileId, p.stage AS Stage, p.stage_order AS StageOrder, p.stage_entered_at AS StageEnteredAt, p.at_risk AS AtRisk,
               p.version AS Version
        FROM dbo.profiles AS p
        WHERE p.profile_id = COALESCE((SELECT a.profile_id FROM dbo.profile_aliases AS a WHERE a.alias_id = @Id), @Id)
        """;

    public const string StageByIdentifier = """
        SELECT p.profile_id AS ProfileId, p.stage AS Stage, p.stage_order AS StageOrder, p.stage_entered_at AS StageEnteredAt, p.at_risk AS AtRisk,
               p.version AS Version
        FROM dbo.identifiers AS i INNER JOIN dbo.profiles AS p ON p.profile_id = i.profile_id WHERE i.type = @Type AND i.value = @Value
        """;

    public const string ProfileById = """
        SELECT p.profile_id AS ProfileId, p.stage AS Stage, p.stage_order AS StageOrder, p.stage_entered_at AS StageEnteredAt, p.at_risk AS AtRisk,
               p.version AS Version, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt, p.traits_json AS TraitsJson
        FROM dbo.profiles AS p
        WHERE p.profile_id = COALESCE((SELECT a.profile_id FROM dbo.profile_aliases AS a WHERE a.alias_id = @Id), @Id)
        """;

    public const string ProfileByIdentifier = """
        SELECT p.profile_id AS ProfileId, p.stage AS Stage, p.stage_order AS StageOrder, p.stage_entered_at AS StageEnteredAt, p.at_risk AS AtRisk,
               p.version AS Version, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt, p.traits_json AS TraitsJson
        FROM dbo.identifiers AS i INNER JOIN dbo.profiles AS p ON p.profile_id = i.profile_id WHERE i.type = @Type AND i.value = @Value
        """;

    public const string ProfileIdentifiers = """
        SELECT type AS Type, value AS Value, raw_value AS RawValue, first_seen AS FirstSeen, shared AS Shared
        FROM dbo.identifiers WHERE profile_id = @Id ORDER BY type, value
        """;

    public const string ProfileTransitions = """
        SELECT profile_id AS ProfileId, from_stage AS FromStage, to_stage AS ToStage, to_order AS ToOrder, at AS At, source AS Source,
               record_id AS RecordId, reason AS Reason
        FROM dbo.stage_transitions WHERE profile_id = @Id ORDER BY seq
        """;

    public const string ProfileAliases = "SELECT alias_id FROM dbo.profile_aliases WHERE profile_id = @Id ORDER BY merged_at, alias_id";

    public const string TransitionsByAnyId = """
        SELECT profile_id AS ProfileId, from_stage AS FromStage, to_stage AS ToStage, to_order AS ToOrder, at AS At, source AS Source,
               record_id AS RecordId, reason AS Reason
        FROM dbo.stage_transitions
        WHERE profile_id = COALESCE((SELECT a.profile_id FROM dbo.profile_aliases AS a WHERE a.alias_id = @Id), @Id)
        ORDER BY seq
        """;

    public const string ProfileIdById = """
        SELECT p.profile_id FROM dbo.profiles AS p
        WHERE p.profile_id = COALESCE((SELECT a.profile_id FROM dbo.profile_aliases AS a WHERE a.alias_id = @Id), @Id)
        """;

    public const string ProfileIdByIdentifier = "SELECT profile_id FROM dbo.identifiers WHERE type = @Type AND value = @Value";

    // TOP sits in a derived table so the outer select can alias columns for Dapper.
    public const string ByStage = """
        SELECT x.profile_id AS ProfileId, x.stage AS Stage, x.stage_order AS StageOrder, x.stage_entered_at AS StageEnteredAt, x.at_risk AS AtRisk,
               x.version AS Version
        FROM (SELECT TOP (@Limit) profile_id, stage, stage_order, stage_entered_at, at_risk, version FROM dbo.profiles
              WHERE stage = @Stage AND profile_id > COALESCE(@After, N'') AND at_risk = COALESCE(@AtRisk, at_risk)
              ORDER BY profile_id) AS x
        ORDER BY x.profile_id
        """;

    public const string Changes = """
        SELECT x.seq AS Seq, x.kind AS Kind, x.profile_id AS ProfileId, x.at AS At, x.ids_json AS IdsJson, x.from_stage AS FromStage,
               x.to_stage AS ToStage, x.at_risk AS AtRisk, x.caused_by AS CausedBy, x.trait_names_json AS TraitNamesJson
        FROM (SELECT TOP (@Limit) seq, kind, profile_id, at, ids_json, from_stage, to_stage, at_risk, caused_by, trait_names_json
              FROM dbo.changes WHERE seq > @After ORDER BY seq) AS x
        ORDER BY x.seq
        """;

    public const string LastSequence = "SELECT COALESCE(MAX(seq), 0) FROM dbo.changes";

    public const string ProfilesByStage = "SELECT COALESCE(stage, '') AS Stage, CAST(COUNT(*) AS bigint) AS Profiles FROM dbo.profiles GROUP BY stage";

    public const string SharedIdentifiers = "SELECT CAST(COUNT(*) AS bigint) FROM dbo.identifiers WHERE shared = 1";

    private const string TimelinesHead = """
        SELECT t.profile_id AS ProfileId, t.from_stage AS FromStage, t.to_stage AS ToStage, t.to_order AS ToOrder, t.at AS At,
               t.source AS Source, t.record_id AS RecordId, t.reason AS Reason
        FROM dbo.profiles AS p INNER JOIN dbo.stage_transitions AS t ON t.profile_id = p.profile_id
        WHERE p.first_stage_at IS NOT NULL
        """;

    /// <summary>Statements run as one batch, in order.</summary>
    public static string Join(IEnumerable<string> statements) => string.Join(";\n", statements) + ";";

    /// <summary>One batch taking <paramref name="count"/> app locks named <c>@l0</c>…, in that order.</summary>
    public static string AcquireLocks(int count)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sql.Append(AcquireLock.Replace("@Name", LockParameter(i), StringComparison.Ordinal)).Append(";\n");
        }

        return sql.Append(LocksNotHeld).Append(';').ToString();
    }

    /// <summary>The parameter that carries the <paramref name="index"/>th lock name of <see cref="AcquireLocks"/>.</summary>
    public static string LockParameter(int index) => "@l" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Timelines of profiles whose first stage was entered in the window, optionally with a record from a source.</summary>
    public static string Timelines(bool from, bool to, bool source)
    {
        var sql = new StringBuilder(TimelinesHead);
        if (from)
        {
            sql.Append(" AND p.first_stage_at >= @From");
        }

        if (to)
        {
            sql.Append(" AND p.first_stage_at < @To");
        }

        if (source)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM dbo.records AS r WHERE r.profile_id = p.profile_id AND r.source = @Source)");
        }

        return sql.Append(" ORDER BY t.profile_id, t.seq").ToString();
    }
}
