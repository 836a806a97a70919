namespace ProfileHub.Storage.Sqlite;

// Dapper targets for the read side; the queries alias every column to these property names.
#pragma warning disable CA1812 // instantiated by Dapper

/// <summary>A profiles row as the read side selects it.</summary>
internal sealed class ProfileRow
{
    public string ProfileId { get; set; } = string.Empty;

    public string? Stage { get; set; }

    public long StageOrder { get; set; }

    public long? StageEnteredAt { get; set; }

    public long AtRisk { get; set; }

    public long Version { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public string? TraitsJson { get; set; }
}

/// <summary>An identifiers row.</summary>
internal sealed class IdentifierRow
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public string RawValue { get; set; } = string.Empty;

    public long FirstSeen { get; set; }

    public long Shared { get; set; }
}

/// <summary>A stage_transitions row (with its profile for timelines).</summary>
internal sealed class TransitionRow
{
    public string ProfileId { get; set; } = string.Empty;

    public string? FromStage { get; set; }

    public string ToStage { get; set; } = string.Empty;

    public long ToOrder { get; set; }

    public long At { get; set; }

    public string Source { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;
}

/// <summary>A changes row.</summary>
internal sealed class ChangeRow
{
    public long Seq { get; set; }

    public long Kind { get; set; }

    public string ProfileId { get; set; } = string.Empty;

    public long At { get; set; }

    public string? IdsJson { get; set; }

    public string? FromStage { get; set; }

    public string? ToStage { get; set; }

    public long? AtRisk { get; set; }

    public string? CausedBy { get; set; }

    public string? TraitNamesJson { get; set; }
}
#pragma warning restore CA1812
