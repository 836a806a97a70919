namespace ProfileHub.Storage;

/// <summary>A record as the profile rebuilders read it (both dialects select these columns).</summary>
internal sealed class RebuildRecordRow
{
    public string Source { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public long OccurredAt { get; set; }

    public string? Event { get; set; }

    public long StageRelevant { get; set; }

    public string? PropertiesJson { get; set; }

    public string? TraitsJson { get; set; }
}
