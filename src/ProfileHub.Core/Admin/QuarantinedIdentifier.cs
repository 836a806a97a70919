using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>An identifier that linked too many profiles too fast and no longer links anyone.</summary>
/// <param name="Identifier">The identifier (operators only; logs carry <paramref name="Hash"/>).</param>
/// <param name="Hash">A short hash of the identifier, safe for logs.</param>
/// <param name="QuarantinedAt">When it was quarantined.</param>
/// <param name="LinkedProfiles">Distinct profiles it linked within the window when it was quarantined.</param>
public sealed record QuarantinedIdentifier(IdentifierKey Identifier, string Hash, DateTimeOffset QuarantinedAt, int LinkedProfiles);
