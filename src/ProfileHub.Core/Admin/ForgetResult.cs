using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>What an erasure did.</summary>
/// <param name="ProfileId">The erased profile id.</param>
/// <param name="AliasIds">Absorbed profile ids that resolved to it and are erased too.</param>
/// <param name="ErasedIdentifiers">The identifiers that were deleted (held in memory only so caches can drop them; never stored or logged).</param>
/// <param name="SuppressedIdentifiers">How many salted identifier hashes went on the suppression list.</param>
public sealed record ForgetResult(string ProfileId, IReadOnlyList<string> AliasIds, IReadOnlyList<IdentifierKey> ErasedIdentifiers, int SuppressedIdentifiers);
