namespace ProfileHub.Core.Identity;

/// <summary>
/// The part of the identity graph one record touches, loaded by the store inside its transaction:
/// every identifier of the record that already exists, and every profile those identifiers belong to.
/// </summary>
/// <param name="Linked">Existing identifiers of the record, by key.</param>
/// <param name="Profiles">Profiles referenced by <paramref name="Linked"/>, by profile id.</param>
public sealed record IdentityNeighborhood(
    IReadOnlyDictionary<IdentifierKey, LinkedIdentifier> Linked,
    IReadOnlyDictionary<string, ProfileIdentity> Profiles);
