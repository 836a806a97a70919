namespace ProfileHub.Storage.Sqlite;

/// <summary>The read side's SQL: each lookup is one indexed statement.</summary>
internal static class SqliteReadQueries
{
    private const string StageColumns =
        "p.profile_id AS ProfileId, p.stage AS Stage, p.stage_order AS StageOrder, p.stage_entered_at AS StageEnteredAt, p.at_risk AS AtRisk, p.version AS Version";

    private const string ProfileColumns =
        StageColumns + ", p.created_at AS CreatedAt, p.updated_at AS UpdatedAt, p.traits_json AS TraitsJson";

    // An absorbed id resolves through its alias (always one hop); otherwise the id itself.
    private const string ById = "p.profile_id = coalesce((SELECT a.profile_id FROM profile_aliases a WHERE a.alias_id = @Id), @Id)";

    public const string StageById = "SELECT " + StageColumns + " FROM profiles p WHERE " + ById;

    public const string StageByIdentifier =
        "SELECT " + StageColumns + " FROM identifiers i JOIN profiles p ON p.profile_id = i.profile_id WHERE i.type = @Type AND i.value = @Value";

    public const string ProfileById = "SELECT " + ProfileColumns + " FROM profiles p WHERE " + ById;

    public const string ProfileByIdentifier =
        "SELECT " + ProfileColumns + " FROM identifiers i JOIN profiles p ON p.profile_id = i.profile_id WHERE i.type = @Type AND i.value = @Value";

    public const string ProfileDetails = """
        SELECT type AS Type, value AS Value, raw_value AS RawValue, first_seen AS FirstSeen, shared AS Shared
        FROM identifiers WHERE profile_id = @Id ORDER BY type, value;
        SELECT profile_id AS ProfileId, from_stage AS FromStage, to_stage AS ToStage, to_order AS ToOrder, at AS At,
               source AS Source, record_id AS RecordId, reason AS Reason
        FROM stage_transitions WHERE profile_id = @Id ORDER BY seq;
        SELECT alias_id FROM profile_aliases WHERE profile_id = @Id ORDER BY merged_at, alias_id;
        """;

    public const string Transitions = """
        SELECT profile_id AS ProfileId, from_stage AS FromStage, to_stage AS ToStage, to_order AS ToOrder, at AS At,
               source AS Source, record_id AS RecordId, reason AS Reason
        FROM stage_transitions WHERE profile_id = coalesce((SELECT a.profile_id FROM profile_aliases a WHERE a.alias_id = @Id), @Id)
        ORDER BY seq
        """;

    public const string ProfileIdById = "SELECT p.profile_id FROM profiles p WHERE " + ById;

    public const string ProfileIdByIdentifier = "SELECT profile_id FROM identifiers WHERE type = @Type AND value = @Value";

    public const string ByStageFirstPage =
        "SELECT " + StageColumns + " FROM profiles p WHERE p.stage = @Stage AND (@AtRisk IS NULL OR p.at_risk = @AtRisk) ORDER BY p.profile_id LIMIT @Limit";

    public const string ByStageAfter =
        "SELECT " + StageColumns + " FROM profiles p WHERE p.stage = @Stage AND p.profile_id > @After AND (@AtRisk IS NULL OR p.at_risk = @AtRisk) ORDER BY p.profile_id LIMIT @Limit";

    public const string Changes = """
        SELECT seq AS Seq, kind AS Kind, profile_id AS ProfileId, at AS At, ids_json AS IdsJson, from_stage AS FromStage,
               to_stage AS ToStage, at_risk AS AtRisk, caused_by AS CausedBy, trait_names_json AS TraitNamesJson
        FROM changes WHERE seq > @After AND seq <= @Durable ORDER BY seq LIMIT @Limit
        """;

    public const string LastSequence = "SELECT coalesce(max(seq), 0) FROM changes";

    public const string ProfilesByStage = "SELECT coalesce(stage, '') AS Stage, count(*) AS Count FROM profiles GROUP BY stage";

    public const string SharedIdentifiers = "SELECT count(*) FROM identifiers WHERE shared = 1";

    /// <summary>Timelines of profiles whose first stage was entered in the window, optionally with a record from a source.</summary>
    public static string Timelines(bool from, bool to, bool source)
    {
        var sql = new System.Text.StringBuilder("""
            SELECT t.profile_id AS ProfileId, t.from_stage AS FromStage, t.to_stage AS ToStage, t.to_order AS ToOrder, t.at AS At,
                   t.source AS Source, t.record_id AS RecordId, t.reason AS Reason
            FROM profiles p JOIN stage_transitions t ON t.profile_id = p.profile_id
            WHERE p.first_stage_at IS NOT NULL
            """);
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
            sql.Append(" AND EXISTS (SELECT 1 FROM records r WHERE r.profile_id = p.profile_id AND r.source = @Source)");
        }

        sql.Append(" ORDER BY t.profile_id, t.seq");
        return sql.ToString();
    }
}
