using ProfileHub.Core.Ingest;

namespace ProfileHub.Core.Identity;

/// <summary>
/// The whole identity graph in memory: identifier → profile, aliases of absorbed profiles, the
/// evidence of every record, the people each device was seen with, and shared flags. It applies
/// <see cref="IdentityResolver"/> decisions exactly as a store must, so it serves as the reference
/// model for store tests, for property tests and for the accuracy benchmark. Not thread-safe.
/// </summary>
/// <remarks>
/// A new profile's creation time is the event time of the record that created it, so which profile
/// survives a merge depends only on the data, never on when it was ingested.
/// </remarks>
public sealed class IdentityGraph
{
    private readonly IdentityResolver resolver;
    private readonly Dictionary<IdentifierKey, Node> nodes = [];
    private readonly Dictionary<string, ProfileState> profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Source, string RecordId), string> ingested = [];
    private readonly List<RecordEvidence> evidence = [];

    /// <summary>Creates an empty graph resolving with <paramref name="catalog"/> and <paramref name="settings"/>.</summary>
    public IdentityGraph(IdentifierCatalog catalog, IdentitySettings settings)
        : this(new IdentityResolver(catalog, settings))
    {
    }

    /// <summary>Creates an empty graph resolving with <paramref name="resolver"/>.</summary>
    public IdentityGraph(IdentityResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        this.resolver = resolver;
    }

    /// <summary>Live profiles and their identifiers (shared devices stay with the profile they were last stitched to). A snapshot.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<IdentifierKey>> Profiles =>
        profiles.ToDictionary(p => p.Key, p => (IReadOnlySet<IdentifierKey>)new HashSet<IdentifierKey>(p.Value.Identifiers), StringComparer.Ordinal);

    /// <summary>Number of live profiles.</summary>
    public int ProfileCount => profiles.Count;

    /// <summary>Evidence of every ingested record, in ingest order.</summary>
    public IReadOnlyList<RecordEvidence> Evidence => evidence;

    /// <summary>Total limit conflicts counted over all records.</summary>
    public int LimitConflicts { get; private set; }

    /// <summary>Total merges (absorbed profiles) over all records.</summary>
    public int MergedProfiles { get; private set; }

    /// <summary>
    /// Resolves and applies <paramref name="record"/>. A record whose (source, record id) was
    /// ingested before changes nothing and is <see cref="IngestOutcome.Duplicate"/>.
    /// </summary>
    public IngestResult Ingest(NormalizedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (ingested.TryGetValue((record.Source, record.RecordId), out var earlier))
            return new IngestResult(IngestOutcome.Duplicate, Resolve(earlier), [], null);

        var decision = resolver.Resolve(record, NeighborhoodOf(record));
        Apply(record, decision);
        var message = decision.LimitConflicts > 0
            ? $"{decision.LimitConflicts} identifier(s) not linked: {string.Join(", ", decision.Unlinked.Where(u => u.Reason.StartsWith("limit:", StringComparison.Ordinal)).Select(u => u.Reason).Distinct())}"
            : null;
        return new IngestResult(decision.Outcome, decision.ProfileId, decision.AbsorbedProfileIds, message);
    }

    /// <summary>
    /// The part of the graph <paramref name="record"/> touches, as a store would load it (people
    /// seen given as live profile ids).
    /// </summary>
    public IdentityNeighborhood NeighborhoodOf(NormalizedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var linked = new Dictionary<IdentifierKey, LinkedIdentifier>();
        var touched = new Dictionary<string, ProfileIdentity>(StringComparer.Ordinal);
        foreach (var observed in record.Identifiers)
        {
            if (!nodes.TryGetValue(observed.Key, out var node))
                continue;
            var people = node.PeopleSeen.Select(p => Resolve(p) ?? p).ToHashSet(StringComparer.Ordinal);
            linked[observed.Key] = new LinkedIdentifier(observed.Key, node.ProfileId, node.Shared, people);
            if (!touched.ContainsKey(node.ProfileId))
                touched[node.ProfileId] = IdentityOf(node.ProfileId);
        }

        return new IdentityNeighborhood(linked, touched);
    }

    /// <summary>The live profile id for a profile id or an absorbed (alias) id; null when unknown.</summary>
    public string? Resolve(string profileIdOrAlias)
    {
        ArgumentNullException.ThrowIfNull(profileIdOrAlias);
        var id = profileIdOrAlias;
        while (aliases.TryGetValue(id, out var survivor))
            id = survivor;
        return profiles.ContainsKey(id) ? id : null;
    }

    /// <summary>The live profile holding <paramref name="key"/>; null when the identifier is not in the graph.</summary>
    public string? FindProfile(IdentifierKey key) => nodes.TryGetValue(key, out var node) ? node.ProfileId : null;

    /// <summary>True when <paramref name="key"/> is a device marked shared.</summary>
    public bool IsShared(IdentifierKey key) => nodes.TryGetValue(key, out var node) && node.Shared;

    /// <summary>Creation time and identifier counts of a live profile.</summary>
    /// <exception cref="KeyNotFoundException">The profile is not live.</exception>
    public ProfileIdentity IdentityOf(string profileId)
    {
        var state = profiles[profileId];
        return new ProfileIdentity(profileId, state.CreatedAt, new Dictionary<string, int>(state.Counts, StringComparer.Ordinal));
    }

    private void Apply(NormalizedRecord record, ResolutionDecision decision)
    {
        var target = decision.ProfileId;
        if (decision.Outcome == IngestOutcome.Created)
            profiles.Add(target, new ProfileState(record.OccurredAt));

        var survivor = profiles[target];
        foreach (var absorbedId in decision.AbsorbedProfileIds)
        {
            var absorbed = profiles[absorbedId];
            foreach (var key in absorbed.Identifiers)
            {
                nodes[key].ProfileId = target;
                survivor.Add(key);
            }

            profiles.Remove(absorbedId);
            aliases[absorbedId] = target;
            MergedProfiles++;
        }

        foreach (var observed in decision.NewIdentifiers)
        {
            nodes.Add(observed.Key, new Node(target));
            survivor.Add(observed.Key);
        }

        foreach (var key in decision.Restitched)
        {
            var node = nodes[key];
            profiles[node.ProfileId].Remove(key);
            node.ProfileId = target;
            survivor.Add(key);
        }

        foreach (var key in decision.NewlyShared)
            nodes[key].Shared = true;
        foreach (var (key, person) in decision.PeopleSeen)
            nodes[key].PeopleSeen.Add(person);

        LimitConflicts += decision.LimitConflicts;
        ingested.Add((record.Source, record.RecordId), target);
        evidence.Add(new RecordEvidence(record.Source, record.RecordId, record.OccurredAt, target, record.Identifiers.Select(i => i.Key).ToList()));
    }

    private sealed class Node(string profileId)
    {
        public string ProfileId { get; set; } = profileId;

        public bool Shared { get; set; }

        public HashSet<string> PeopleSeen { get; } = new(StringComparer.Ordinal);
    }

    private sealed class ProfileState(DateTimeOffset createdAt)
    {
        public DateTimeOffset CreatedAt { get; } = createdAt;

        public HashSet<IdentifierKey> Identifiers { get; } = [];

        public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public void Add(IdentifierKey key)
        {
            if (Identifiers.Add(key))
                Counts[key.Type] = Counts.GetValueOrDefault(key.Type) + 1;
        }

        public void Remove(IdentifierKey key)
        {
            if (Identifiers.Remove(key))
                Counts[key.Type]--;
        }
    }
}
