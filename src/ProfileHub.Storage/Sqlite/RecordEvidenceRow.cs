namespace ProfileHub.Storage.Sqlite;

/// <summary>A record of a profile as evidence: its key, time and identifiers; Dropped is non-null when an operator removed its evidence.</summary>
internal sealed class RecordEvidenceRow
{
    public string Source { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public long OccurredAt { get; set; }

    public string IdentifiersJson { get; set; } = "[]";

    public long? Dropped { get; set; }
}
