using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>What a split did.</summary>
/// <param name="ProfileId">The profile that kept the original id (the component holding the oldest evidence).</param>
/// <param name="NewProfileIds">Profiles created from the other components, ordered by id.</param>
/// <param name="AffectedIdentifiers">Every identifier that was in the profile before the split (caches keyed by them must be dropped).</param>
public sealed record SplitResult(string ProfileId, IReadOnlyList<string> NewProfileIds, IReadOnlyList<IdentifierKey> AffectedIdentifiers);
