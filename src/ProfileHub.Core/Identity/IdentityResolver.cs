using ProfileHub.Core.Ingest;

namespace ProfileHub.Core.Identity;

/// <summary>
/// Decides, for one record and the part of the graph it touches, whether the record creates a
/// profile, attaches to one or merges several, and which of its identifiers are linked. Pure and
/// deterministic: the same record and neighborhood always give the same decision.
/// </summary>
/// <remarks>
/// The rules, in the order they apply:
/// <list type="number">
/// <item>Person identifiers (non device-like types) are walked first, highest priority first; then
/// device-like ones. Each existing identifier brings its profile into the record's cluster, each
/// new one counts toward its type — unless that would put the cluster over a type's
/// <see cref="IdentifierType.MaxPerProfile"/>: then it is not used for linking
/// (<c>limit:&lt;type&gt;</c>) and the conflict is counted. Walking by priority means the record
/// stays with the profile found by its highest-priority identifier.</item>
/// <item>A device-like identifier seen with more than <see cref="IdentitySettings.SharedDeviceThreshold"/>
/// distinct people (profiles) becomes shared and stops linking; a shared device never merges.</item>
/// <item>A device whose profile holds another identified person never fuses that person with the
/// record's person (<see cref="UnlinkReasons.OtherPerson"/>); this is what keeps a family tablet
/// from merging its users before it reaches the shared threshold. Anonymous device profiles are
/// stitched freely: that is cross-device stitching.</item>
/// <item>Devices that were not used for linking in a record with a person move to that person
/// (<see cref="ResolutionDecision.Restitched"/>): their later anonymous events follow the last
/// person seen on them.</item>
/// <item>No profile in the cluster: a new profile <see cref="ProfileIds.ForRecord"/>; one: attach;
/// several: merge into the oldest (created at, then ordinal id). A record whose only identifiers are
/// shared devices attaches to the profile the first of them was last stitched to.</item>
/// </list>
/// </remarks>
public sealed class IdentityResolver
{
    private readonly IdentifierCatalog catalog;
    private readonly int sharedDeviceThreshold;

    /// <summary>Creates a resolver for the types of <paramref name="catalog"/>.</summary>
    public IdentityResolver(IdentifierCatalog catalog, IdentitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.SharedDeviceThreshold < 1)
            throw new IdentityConfigurationException(IdentitySettings.SectionName + ":SharedDeviceThreshold", "must be ≥ 1");
        this.catalog = catalog;
        sharedDeviceThreshold = settings.SharedDeviceThreshold;
    }

    /// <summary>The catalog the resolver links with.</summary>
    public IdentifierCatalog Catalog => catalog;

    /// <summary>
    /// Decides what <paramref name="record"/> does to the graph. <paramref name="neighborhood"/> must
    /// hold every identifier of the record that exists and every profile they point to, with
    /// <see cref="LinkedIdentifier.PeopleSeen"/> given as live profile ids (aliases resolved).
    /// </summary>
    /// <exception cref="ArgumentException">The record has a type the catalog does not know, or the neighborhood misses a profile.</exception>
    public ResolutionDecision Resolve(NormalizedRecord record, IdentityNeighborhood neighborhood)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(neighborhood);

        var walk = Order(record.Identifiers);
        var cluster = new ResolutionCluster(catalog);
        var newIdentifiers = new List<ObservedIdentifier>();
        var unlinked = new List<UnlinkedIdentifier>();
        var sharedDevices = new List<LinkedIdentifier>();
        var displacedDevices = new List<LinkedIdentifier>();
        var newlyShared = new List<IdentifierKey>();
        var linkedDevices = new List<(IdentifierKey Key, IReadOnlySet<string>? PeopleSeen)>();
        var conflicts = 0;

        foreach (var (observed, type) in walk.Where(w => !w.Type.DeviceLike))
        {
            if (!neighborhood.Linked.TryGetValue(observed.Key, out var linked))
            {
                if (Unlink(cluster.ViolationIfAddedOne(type), observed.Key))
                    continue;
                cluster.AddNew(type);
                newIdentifiers.Add(observed);
                continue;
            }

            if (linked.Shared)
            {
                sharedDevices.Add(linked);
                unlinked.Add(new UnlinkedIdentifier(observed.Key, UnlinkReasons.SharedDevice));
                continue;
            }

            var profile = ProfileOf(linked, neighborhood);
            if (cluster.Contains(profile.ProfileId) || Unlink(cluster.ViolationIfAdded(profile.IdentifierCounts), observed.Key))
                continue;
            cluster.Add(profile);
        }

        // Whether the record identifies a person is settled before the devices are walked, so a
        // device can tell "the same person again" from "someone else on this device".
        var person = cluster.HasPerson;
        foreach (var (observed, type) in walk.Where(w => w.Type.DeviceLike))
        {
            if (!neighborhood.Linked.TryGetValue(observed.Key, out var linked))
            {
                if (Unlink(cluster.ViolationIfAddedOne(type), observed.Key))
                    continue;
                cluster.AddNew(type);
                newIdentifiers.Add(observed);
                if (person)
                    linkedDevices.Add((observed.Key, null));
                continue;
            }

            if (linked.Shared)
            {
                sharedDevices.Add(linked);
                unlinked.Add(new UnlinkedIdentifier(observed.Key, UnlinkReasons.SharedDevice));
                continue;
            }

            var profile = ProfileOf(linked, neighborhood);
            if (person)
            {
                linkedDevices.Add((observed.Key, linked.PeopleSeen));
                var otherPeople = linked.PeopleSeen.Count(p => !cluster.Contains(p));
                if (otherPeople + 1 > sharedDeviceThreshold)
                {
                    newlyShared.Add(observed.Key);
                    displacedDevices.Add(linked);
                    unlinked.Add(new UnlinkedIdentifier(observed.Key, UnlinkReasons.SharedDevice));
                    continue;
                }
            }

            if (cluster.Contains(profile.ProfileId))
                continue;
            if (cluster.HasPerson && cluster.IsIdentified(profile))
            {
                if (person)
                    displacedDevices.Add(linked);
                unlinked.Add(new UnlinkedIdentifier(observed.Key, UnlinkReasons.OtherPerson));
                continue;
            }

            if (Unlink(cluster.ViolationIfAdded(profile.IdentifierCounts), observed.Key))
            {
                if (person)
                    displacedDevices.Add(linked);
                continue;
            }

            cluster.Add(profile);
        }

        IngestOutcome outcome;
        string profileId;
        List<string> absorbed = [];
        if (cluster.Profiles.Count == 0 && newIdentifiers.Count == 0)
        {
            // Only shared devices: the events count for the person the first device was last stitched to.
            outcome = IngestOutcome.Attached;
            profileId = sharedDevices.Count > 0
                ? sharedDevices[0].ProfileId
                : throw new InvalidOperationException("a record with identifiers always links at least one of them");
        }
        else if (cluster.Profiles.Count == 0)
        {
            outcome = IngestOutcome.Created;
            profileId = ProfileIds.ForRecord(record.Source, record.RecordId);
        }
        else
        {
            var ordered = cluster.Profiles
                .OrderBy(p => p.CreatedAt)
                .ThenBy(p => p.ProfileId, StringComparer.Ordinal)
                .ToList();
            profileId = ordered[0].ProfileId;
            absorbed = ordered.Skip(1).Select(p => p.ProfileId).Order(StringComparer.Ordinal).ToList();
            outcome = absorbed.Count > 0 ? IngestOutcome.Merged : IngestOutcome.Attached;
        }

        var restitched = new List<IdentifierKey>();
        if (person)
        {
            foreach (var device in sharedDevices.Where(d => catalog.Get(d.Key.Type).DeviceLike).Concat(displacedDevices))
            {
                // A device that would put the person over the device limit stays where it is.
                // A device already in one of the merged profiles lands on the survivor anyway: nothing moves.
                if (!cluster.Contains(device.ProfileId) && !string.Equals(device.ProfileId, profileId, StringComparison.Ordinal) && !restitched.Contains(device.Key)
                    && cluster.ViolationIfAddedOne(catalog.Get(device.Key.Type)) is null)
                {
                    cluster.AddNew(catalog.Get(device.Key.Type));
                    restitched.Add(device.Key);
                }
            }
        }

        var peopleSeen = linkedDevices
            .Where(d => d.PeopleSeen is null || !d.PeopleSeen.Contains(profileId))
            .Select(d => new KeyValuePair<IdentifierKey, string>(d.Key, profileId))
            .ToList();

        return new ResolutionDecision(outcome, profileId, absorbed, newIdentifiers, unlinked, newlyShared, peopleSeen, restitched, conflicts);

        bool Unlink(LimitViolation? violation, IdentifierKey key)
        {
            if (violation is null)
                return false;
            unlinked.Add(new UnlinkedIdentifier(key, UnlinkReasons.Limit(violation.IdentifierType)));
            conflicts++;
            return true;
        }
    }

    /// <summary>
    /// The first per-type limit (by type priority) that merging <paramref name="a"/> and
    /// <paramref name="b"/> would break, or null when the merge is allowed.
    /// </summary>
    public LimitViolation? CheckMerge(ProfileIdentity a, ProfileIdentity b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var type in catalog.Types)
        {
            var union = a.IdentifierCounts.GetValueOrDefault(type.Key) + b.IdentifierCounts.GetValueOrDefault(type.Key);
            if (union > type.MaxPerProfile)
                return new LimitViolation(type.Key, type.MaxPerProfile, union);
        }

        return null;
    }

    private List<(ObservedIdentifier Observed, IdentifierType Type)> Order(IReadOnlyList<ObservedIdentifier> identifiers)
    {
        var walk = new List<(ObservedIdentifier Observed, IdentifierType Type)>(identifiers.Count);
        foreach (var observed in identifiers)
        {
            if (!catalog.TryGet(observed.Key.Type, out var type))
                throw new ArgumentException($"identifier type \"{observed.Key.Type}\" is not in the catalog", nameof(identifiers));
            walk.Add((observed, type));
        }

        walk.Sort((x, y) =>
        {
            var byPriority = x.Type.Priority.CompareTo(y.Type.Priority);
            if (byPriority != 0)
                return byPriority;
            var byType = string.CompareOrdinal(x.Type.Key, y.Type.Key);
            return byType != 0 ? byType : string.CompareOrdinal(x.Observed.Key.Value, y.Observed.Key.Value);
        });
        return walk;
    }

    private static ProfileIdentity ProfileOf(LinkedIdentifier linked, IdentityNeighborhood neighborhood) =>
        neighborhood.Profiles.TryGetValue(linked.ProfileId, out var profile)
            ? profile
            : throw new ArgumentException($"the neighborhood has no profile {linked.ProfileId} for a linked identifier", nameof(neighborhood));
}
