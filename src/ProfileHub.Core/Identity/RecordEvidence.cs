namespace ProfileHub.Core.Identity;

/// <summary>
/// The evidence one record left in the identity graph: the identifiers it observed together (the
/// edges), where and when, and the profile it was resolved to.
/// </summary>
/// <param name="Source">Source system of the record.</param>
/// <param name="RecordId">Record id within the source.</param>
/// <param name="OccurredAt">Event time of the record.</param>
/// <param name="ProfileId">The profile the record was resolved to (at ingest time; may since be an alias).</param>
/// <param name="Identifiers">The record's normalized identifiers, linked or not.</param>
public sealed record RecordEvidence(
    string Source,
    string RecordId,
    DateTimeOffset OccurredAt,
    string ProfileId,
    IReadOnlyList<IdentifierKey> Identifiers);
