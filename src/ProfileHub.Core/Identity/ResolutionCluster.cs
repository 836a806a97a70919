namespace ProfileHub.Core.Identity;

/// <summary>
/// The profiles and new identifiers one record links together while the resolver walks its
/// identifiers, with the running identifier counts per type used for the limit checks.
/// </summary>
internal sealed class ResolutionCluster(IdentifierCatalog catalog)
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly List<ProfileIdentity> profiles = [];

    public IReadOnlyList<ProfileIdentity> Profiles => profiles;

    /// <summary>True once the cluster holds a non-device identifier (an identified person).</summary>
    public bool HasPerson { get; private set; }

    public bool Contains(string profileId) => profiles.Exists(p => string.Equals(p.ProfileId, profileId, StringComparison.Ordinal));

    /// <summary>
    /// The first limit (by type priority) adding <paramref name="added"/> would break, or null. A
    /// type that is already over its limit (the limit was lowered after linking) only conflicts
    /// when the union would make it worse, so old data never blocks a record on its own.
    /// </summary>
    public LimitViolation? ViolationIfAdded(IReadOnlyDictionary<string, int> added)
    {
        foreach (var type in catalog.Types)
        {
            if (!added.TryGetValue(type.Key, out var more) || more <= 0)
                continue;
            var current = counts.GetValueOrDefault(type.Key);
            var union = current + more;
            if (union > type.MaxPerProfile && current > 0)
                return new LimitViolation(type.Key, type.MaxPerProfile, union);
        }

        return null;
    }

    public LimitViolation? ViolationIfAddedOne(IdentifierType type)
    {
        var union = counts.GetValueOrDefault(type.Key) + 1;
        return union > type.MaxPerProfile ? new LimitViolation(type.Key, type.MaxPerProfile, union) : null;
    }

    public void Add(ProfileIdentity profile)
    {
        profiles.Add(profile);
        foreach (var (type, count) in profile.IdentifierCounts)
        {
            counts[type] = counts.GetValueOrDefault(type) + count;
            if (count > 0 && IsPersonType(type))
                HasPerson = true;
        }
    }

    public void AddNew(IdentifierType type)
    {
        counts[type.Key] = counts.GetValueOrDefault(type.Key) + 1;
        if (!type.DeviceLike)
            HasPerson = true;
    }

    /// <summary>True when <paramref name="profile"/> holds an identifier of a non-device type.</summary>
    public bool IsIdentified(ProfileIdentity profile)
    {
        foreach (var (type, count) in profile.IdentifierCounts)
        {
            if (count > 0 && IsPersonType(type))
                return true;
        }

        return false;
    }

    // Types no longer configured are treated as person evidence: the conservative choice for merging.
    private bool IsPersonType(string type) => !catalog.TryGet(type, out var known) || !known.DeviceLike;
}
