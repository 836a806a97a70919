using ProfileHub.Core.Journey;

namespace ProfileHub.Core.Profiles;

/// <summary>A whole unified profile as stored.</summary>
public sealed record ProfileSnapshot(
    string ProfileId,
    IReadOnlyList<ProfileIdentifier> Identifiers,
    IReadOnlyDictionary<string, TraitValue> Traits,
    StageView Stage,
    IReadOnlyList<StageTransition> StageHistory,
    IReadOnlyList<string> MergedProfileIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
