namespace ProfileHub.Storage.Sqlite;

/// <summary>The columns of a profile row that decide which change entries a rebuild writes.</summary>
internal sealed class RebuildProfileRow
{
    public string? Stage { get; set; }

    public string? TraitsJson { get; set; }

    public long AtRisk { get; set; }
}
