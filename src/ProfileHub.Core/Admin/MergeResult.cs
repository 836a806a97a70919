using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>What a manual merge did.</summary>
/// <param name="ProfileId">The surviving (oldest) profile id.</param>
/// <param name="MergedProfileIds">The absorbed profile ids (now aliases of the survivor).</param>
/// <param name="AffectedIdentifiers">Every identifier of the merged profile (caches keyed by them must be dropped).</param>
public sealed record MergeResult(string ProfileId, IReadOnlyList<string> MergedProfileIds, IReadOnlyList<IdentifierKey> AffectedIdentifiers);
