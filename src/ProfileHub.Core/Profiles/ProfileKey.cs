using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Profiles;

/// <summary>
/// How a caller names a profile: by profile id (absorbed ids resolve to the survivor) or by any
/// normalized identifier linked to it. Exactly one of the two is set.
/// </summary>
public readonly record struct ProfileKey
{
    private ProfileKey(string? profileId, IdentifierKey? identifier)
    {
        ProfileId = profileId;
        Identifier = identifier;
    }

    /// <summary>The profile id, when looking up by id.</summary>
    public string? ProfileId { get; }

    /// <summary>The normalized identifier, when looking up by identifier.</summary>
    public IdentifierKey? Identifier { get; }

    /// <summary>A lookup by (possibly absorbed) profile id.</summary>
    public static ProfileKey ById(string profileId) => new(profileId, null);

    /// <summary>A lookup by normalized identifier.</summary>
    public static ProfileKey ByIdentifier(IdentifierKey identifier) => new(null, identifier);

    /// <inheritdoc />
    public override string ToString() => ProfileId is not null ? "profile:" + ProfileId : Identifier!.Value.ToString();
}
