namespace ProfileHub.Storage.SqlServer;

// Dapper targets: every query aliases its columns to these property names, typed as SQL Server
// returns them (int, bigint, bit).
#pragma warning disable CA1812 // instantiated by Dapper

/// <summary>A profiles row as the read side selects it.</summary>
internal sealed class SqlProfileRow
{
    public string ProfileId { get; set; } = string.Empty;

    public string? Stage { get; set; }

    public int StageOrder { get; set; }

    public long? StageEnteredAt { get; set; }

    public bool AtRisk { get; set; }

    public long Version { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public string? TraitsJson { get; set; }
}

/// <summary>A profiles row as the writer loads it.</summary>
internal sealed class SqlProfileStateRow
{
    public string ProfileId { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public string FirstSource { get; set; } = string.Empty;

    public long Version { get; set; }

    public string? Stage { get; set; }

    public int StageOrder { get; set; }

    public long? StageEnteredAt { get; set; }

    public long? FirstStageAt { get; set; }

    public bool AtRisk { get; set; }

    public long? LastActivityAt { get; set; }

    public string? TraitsJson { get; set; }
}

/// <summary>Linked identifiers per type of one profile.</summary>
internal sealed class SqlCountRow
{
    public string ProfileId { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public int Count { get; set; }
}

/// <summary>A stage-relevant record of one profile.</summary>
internal sealed class SqlEventRow
{
    public string ProfileId { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public string Event { get; set; } = string.Empty;

    public long OccurredAt { get; set; }

    public string? PropertiesJson { get; set; }
}

/// <summary>An identifiers row.</summary>
internal sealed class SqlIdentifierRow
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public string ProfileId { get; set; } = string.Empty;

    public string RawValue { get; set; } = string.Empty;

    public long FirstSeen { get; set; }

    public bool Shared { get; set; }
}

/// <summary>An identifier_people row, or an existing record's owner (Type = source, Value = record id).</summary>
internal sealed class SqlKeyOwnerRow
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public string ProfileId { get; set; } = string.Empty;
}

/// <summary>An existing record's key and owner.</summary>
internal sealed class SqlRecordRow
{
    public string Source { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public string ProfileId { get; set; } = string.Empty;
}

/// <summary>A stage_transitions row (with its profile).</summary>
internal sealed class SqlTransitionRow
{
    public string ProfileId { get; set; } = string.Empty;

    public string? FromStage { get; set; }

    public string ToStage { get; set; } = string.Empty;

    public int ToOrder { get; set; }

    public long At { get; set; }

    public string Source { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;
}

/// <summary>A changes row.</summary>
internal sealed class SqlChangeRow
{
    public long Seq { get; set; }

    public int Kind { get; set; }

    public string ProfileId { get; set; } = string.Empty;

    public long At { get; set; }

    public string? IdsJson { get; set; }

    public string? FromStage { get; set; }

    public string? ToStage { get; set; }

    public bool? AtRisk { get; set; }

    public string? CausedBy { get; set; }

    public string? TraitNamesJson { get; set; }
}

/// <summary>A sweep candidate.</summary>
internal sealed class SqlRiskRow
{
    public string ProfileId { get; set; } = string.Empty;

    public int StageOrder { get; set; }

    public long? LastActivityAt { get; set; }

    public bool AtRisk { get; set; }
}
#pragma warning restore CA1812

#pragma warning disable CA1812 // instantiated by Dapper
/// <summary>An identifier_links row.</summary>
internal sealed class SqlLinkRow
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public string ProfileId { get; set; } = string.Empty;

    public long At { get; set; }
}
#pragma warning restore CA1812

#pragma warning disable CA1812 // instantiated by Dapper
/// <summary>When and from which source a profile was created.</summary>
internal sealed class ProfileOriginRow
{
    public long CreatedAt { get; set; }

    public string FirstSource { get; set; } = string.Empty;
}

/// <summary>A record's key and its evidence list.</summary>
internal sealed class RecordMentionRow
{
    public string Source { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public string IdentifiersJson { get; set; } = "[]";
}

/// <summary>An admin_audit row.</summary>
internal sealed class SqlAuditRow
{
    public long Id { get; set; }

    public long At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public string Ids { get; set; } = "[]";
}

/// <summary>A quarantined_identifiers row.</summary>
internal sealed class SqlQuarantineRow
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public long At { get; set; }

    public int Count { get; set; }
}
#pragma warning restore CA1812
