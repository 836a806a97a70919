namespace ProfileHub.Core.Ingest;

/// <summary>What ingesting one record did.</summary>
public enum IngestOutcome
{
    /// <summary>No identifier matched: a new profile was created.</summary>
    Created = 1,

    /// <summary>The record joined one existing profile.</summary>
    Attached = 2,

    /// <summary>The record linked several profiles, merged into the oldest.</summary>
    Merged = 3,

    /// <summary>(source, record_id) was ingested before; nothing changed.</summary>
    Duplicate = 4,

    /// <summary>The record was invalid and nothing was stored.</summary>
    Rejected = 5,

    /// <summary>The record carried an identifier of an erased person and was dropped.</summary>
    Suppressed = 6,
}
