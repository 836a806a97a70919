using ProfileHub.Core.Identity;

namespace ProfileHub.Storage.Sqlite;

/// <summary>The identifier-limit check of a manual merge (the Core resolver's <c>CheckMerge</c>).</summary>
internal interface IMergeLimits
{
    /// <summary>The first type limit merging <paramref name="a"/> and <paramref name="b"/> would break, or null.</summary>
    LimitViolation? CheckMerge(ProfileIdentity a, ProfileIdentity b);
}
