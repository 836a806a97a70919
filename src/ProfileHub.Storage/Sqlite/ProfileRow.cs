namespace ProfileHub.Storage.Sqlite;

// A Dapper target for the read side; the queries alias every column to these property names.
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
#pragma warning restore CA1812
