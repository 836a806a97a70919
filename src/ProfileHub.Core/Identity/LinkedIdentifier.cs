namespace ProfileHub.Core.Identity;

/// <summary>An identifier that already exists in the graph, as the resolver sees it.</summary>
/// <param name="Key">The identifier.</param>
/// <param name="ProfileId">The profile it belongs to (for a shared device: the profile it was last stitched to).</param>
/// <param name="Shared">True when it is a shared device that no longer links people.</param>
/// <param name="PeopleSeen">Distinct profiles this identifier was co-observed with (tracked for device-like types).</param>
public sealed record LinkedIdentifier(IdentifierKey Key, string ProfileId, bool Shared, IReadOnlySet<string> PeopleSeen);
