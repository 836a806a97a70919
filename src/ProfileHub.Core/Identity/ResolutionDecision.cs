using ProfileHub.Core.Ingest;

namespace ProfileHub.Core.Identity;

/// <summary>
/// What the resolver decided for one record; the store applies it in the same transaction.
/// </summary>
/// <param name="Outcome">Created, Attached or Merged.</param>
/// <param name="ProfileId">The profile the record belongs to (new id when created; the survivor when merged).</param>
/// <param name="AbsorbedProfileIds">Profiles merged into <paramref name="ProfileId"/> (they become aliases).</param>
/// <param name="NewIdentifiers">Identifiers of the record not yet in the graph, to link to <paramref name="ProfileId"/>.</param>
/// <param name="Unlinked">Identifiers of the record not used for linking (limit conflict, shared device) with the reason.</param>
/// <param name="NewlyShared">Devices that cross the shared threshold with this record and stop linking.</param>
/// <param name="PeopleSeen">Device-like identifiers that were co-observed with a person (profile) not seen before: (identifier, profile id).</param>
/// <param name="Restitched">Shared or conflicting device-like identifiers whose "last stitched to" profile moves to <paramref name="ProfileId"/>.</param>
/// <param name="LimitConflicts">How many limit conflicts this record caused (counted and logged).</param>
public sealed record ResolutionDecision(
    IngestOutcome Outcome,
    string ProfileId,
    IReadOnlyList<string> AbsorbedProfileIds,
    IReadOnlyList<ObservedIdentifier> NewIdentifiers,
    IReadOnlyList<UnlinkedIdentifier> Unlinked,
    IReadOnlyList<IdentifierKey> NewlyShared,
    IReadOnlyList<KeyValuePair<IdentifierKey, string>> PeopleSeen,
    IReadOnlyList<IdentifierKey> Restitched,
    int LimitConflicts);
