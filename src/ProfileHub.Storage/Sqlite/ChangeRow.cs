namespace ProfileHub.Storage.Sqlite;

// A Dapper target for the read side; the queries alias every column to these property names.
#pragma warning disable CA1812 // instantiated by Dapper
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
