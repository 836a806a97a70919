namespace ProfileHub.Core.Ingest;

/// <summary>
/// One row from a source system before validation: the identifiers observed together, an optional
/// event and traits. Produced by the transport mapping; consumed by the record normalizer.
/// </summary>
public sealed record IncomingRecord(
    string Source,
    string RecordId,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<IncomingIdentifier> Identifiers,
    string? Event,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> Traits);
