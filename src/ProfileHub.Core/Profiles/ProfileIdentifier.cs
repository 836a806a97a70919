using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Profiles;

/// <summary>An identifier linked to a profile.</summary>
/// <param name="Key">Normalized key.</param>
/// <param name="RawValue">The value as first received.</param>
/// <param name="FirstSeen">Event time of the first record that linked it.</param>
/// <param name="Shared">True for a device seen with too many people: it no longer links anyone.</param>
public sealed record ProfileIdentifier(IdentifierKey Key, string RawValue, DateTimeOffset FirstSeen, bool Shared);
