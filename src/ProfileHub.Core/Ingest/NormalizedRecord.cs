using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Ingest;

/// <summary>
/// A validated record with normalized identifiers, ready for identity resolution. Identifiers that
/// were ignored (blocklisted junk values, duplicates within the record) are not in
/// <see cref="Identifiers"/>; <see cref="Notes"/> says why, for the caller.
/// </summary>
public sealed record NormalizedRecord(
    string Source,
    string RecordId,
    DateTimeOffset OccurredAt,
    IReadOnlyList<ObservedIdentifier> Identifiers,
    string? Event,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> Traits,
    IReadOnlyList<string> Notes);
