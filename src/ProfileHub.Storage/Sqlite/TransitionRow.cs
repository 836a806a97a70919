namespace ProfileHub.Storage.Sqlite;

// A Dapper target for the read side; the queries alias every column to these property names.
#pragma warning disable CA1812 // instantiated by Dapper
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
#pragma warning restore CA1812
