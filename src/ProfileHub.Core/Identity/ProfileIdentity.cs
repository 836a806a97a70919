namespace ProfileHub.Core.Identity;

/// <summary>
/// What the resolver needs to know about an existing profile: its age (the oldest profile survives
/// a merge) and how many identifiers of each type it holds (for the per-type limits).
/// </summary>
/// <param name="ProfileId">The profile id.</param>
/// <param name="CreatedAt">Creation time; ties are broken by <paramref name="ProfileId"/> (ordinal).</param>
/// <param name="IdentifierCounts">Linked identifiers per type key.</param>
public sealed record ProfileIdentity(string ProfileId, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, int> IdentifierCounts);
