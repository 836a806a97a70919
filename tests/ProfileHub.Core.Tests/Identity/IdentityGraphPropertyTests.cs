using FsCheck;
using FsCheck.Fluent;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Core.Tests.Identity;

/// <summary>Invariants of the identity graph over generated record streams.</summary>
public sealed class IdentityGraphPropertyTests
{
    private static readonly DateTimeOffset T0 = FixedClock.Epoch;
    private static readonly IdentitySettings Settings = new();
    private static readonly IdentifierCatalog Catalog = IdentifierCatalog.Create(Settings);

    /// <summary>A small pool so that records collide often: merges, limit conflicts and shared devices all happen.</summary>
    private static readonly IdentifierKey[] Pool =
    [
        .. Enumerable.Range(0, 4).Select(i => new IdentifierKey("crm_id", "c" + i)),
        .. Enumerable.Range(0, 4).Select(i => new IdentifierKey("user_id", "u" + i)),
        .. Enumerable.Range(0, 8).Select(i => new IdentifierKey("email", $"e{i}@x.com")),
        .. Enumerable.Range(0, 3).Select(i => new IdentifierKey("phone", "+1415555010" + i)),
        .. Enumerable.Range(0, 3).Select(i => new IdentifierKey("esp_id", "s" + i)),
        .. Enumerable.Range(0, 8).Select(i => new IdentifierKey("device_id", "d" + i)),
    ];

    private static NormalizedRecord Record(string source, string recordId, int minutes, IEnumerable<IdentifierKey> keys) =>
        new(source, recordId, T0.AddMinutes(minutes), keys.Distinct().Select(k => new ObservedIdentifier(k, k.Value)).ToList(), null,
            new Dictionary<string, string>(), new Dictionary<string, string>(), []);

    private static Gen<NormalizedRecord[]> RandomStreams =>
        from raw in Gen.ListOf(
            from size in Gen.Choose(1, 4)
            from picks in Gen.ArrayOf(Gen.Elements(Pool), size)
            from source in Gen.Elements("crm", "web", "email")
            from minutes in Gen.Choose(0, 500)
            select (picks, source, minutes))
        select raw.Select((r, i) => Record(r.source, "r" + i, r.minutes, r.picks)).ToArray();

    private static IdentityGraph Replay(IEnumerable<NormalizedRecord> records)
    {
        var graph = new IdentityGraph(Catalog, Settings);
        foreach (var record in records)
            graph.Ingest(record);
        return graph;
    }

    private static HashSet<string> Partition(IdentityGraph graph) =>
        graph.Profiles.Values.Select(set => string.Join("|", set.Select(k => k.ToString()).Order(StringComparer.Ordinal))).ToHashSet();

    [Fact]
    public void Every_identifier_belongs_to_exactly_one_live_profile()
    {
        Prop.ForAll(Arb.From(RandomStreams), stream =>
            {
                var graph = Replay(stream);
                var profiles = graph.Profiles;
                var owners = profiles.SelectMany(p => p.Value.Select(k => (Key: k, Profile: p.Key))).ToList();
                var everySeen = stream.SelectMany(r => r.Identifiers).Select(i => i.Key).Distinct();
                return owners.Count == owners.Select(o => o.Key).Distinct().Count()
                    && owners.All(o => graph.FindProfile(o.Key) == o.Profile)
                    && everySeen.All(k => graph.FindProfile(k) is not { } owner || profiles.ContainsKey(owner))
                    && graph.Evidence.All(e => graph.Resolve(e.ProfileId) is not null);
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void No_profile_exceeds_a_type_limit()
    {
        Prop.ForAll(Arb.From(RandomStreams), stream =>
            {
                var graph = Replay(stream);
                return graph.Profiles.Values.All(keys => keys
                    .GroupBy(k => k.Type)
                    .All(g => g.Count() <= Catalog.Get(g.Key).MaxPerProfile));
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Replaying_any_prefix_changes_nothing_and_is_all_duplicate()
    {
        var cases =
            from stream in RandomStreams
            from prefix in Gen.Choose(0, stream.Length)
            select (stream, prefix);

        Prop.ForAll(Arb.From(cases), c =>
            {
                var graph = Replay(c.stream);
                var before = Partition(graph);
                var conflicts = graph.LimitConflicts;
                var shared = c.stream.SelectMany(r => r.Identifiers).Count(i => graph.IsShared(i.Key));

                var replay = c.stream.Take(c.prefix).Select(graph.Ingest).ToList();

                return replay.All(r => r.Outcome == IngestOutcome.Duplicate)
                    && before.SetEquals(Partition(graph))
                    && conflicts == graph.LimitConflicts
                    && shared == c.stream.SelectMany(r => r.Identifiers).Count(i => graph.IsShared(i.Key))
                    && graph.Evidence.Count == c.stream.Length;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_order_of_identifiers_inside_records_changes_nothing()
    {
        Prop.ForAll(Arb.From(RandomStreams), stream =>
            {
                var graph = Replay(stream);
                var reversed = Replay(stream.Select(r => r with { Identifiers = r.Identifiers.Reverse().ToList() }));
                return Partition(graph).SetEquals(Partition(reversed))
                    && graph.Profiles.Keys.Order().SequenceEqual(reversed.Profiles.Keys.Order())
                    && graph.LimitConflicts == reversed.LimitConflicts;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ingesting_the_same_records_in_any_order_gives_the_same_partition_without_conflicts_or_shared_devices()
    {
        var cases =
            from stream in ConflictFreeStreams
            from shuffled in Gen.Shuffle(stream)
            select (stream, shuffled);

        Prop.ForAll(Arb.From(cases), c =>
            {
                var inOrder = Replay(c.stream);
                var reordered = Replay(c.shuffled);
                return inOrder.LimitConflicts == 0 && reordered.LimitConflicts == 0
                    && Partition(inOrder).SetEquals(Partition(reordered))
                    && Partition(inOrder).SetEquals(ConnectedComponents(c.stream));
            })
            .QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// Streams of people with their own identifiers (within every limit), records drawn from one
    /// person each: person-only records with any subset, web records that carry the person's anchor
    /// email with some of their devices, and anonymous device-only records. No identifier is shared
    /// between people, so no limit conflict and no shared device can arise.
    /// </summary>
    private static Gen<NormalizedRecord[]> ConflictFreeStreams =>
        from people in Gen.Choose(1, 6)
        from records in Gen.ListOf(
            from person in Gen.Choose(0, people - 1)
            from kind in Gen.Choose(0, 2)
            from persons in Gen.SubListOf(PersonIdentifiers(person))
            from devices in Gen.SubListOf(Enumerable.Range(0, 4).Select(d => new IdentifierKey("device_id", $"p{person}-d{d}")).ToArray())
            from minutes in Gen.Choose(0, 500)
            select (person, kind, persons, devices, minutes))
        select records
            .Select((r, i) => r.kind switch
            {
                0 => r.persons.Count > 0 ? Record("crm", "r" + i, r.minutes, r.persons) : null,
                1 => Record("web", "r" + i, r.minutes, [new IdentifierKey("email", $"p{r.person}@x.com"), .. r.persons, .. r.devices]),
                _ => r.devices.Count > 0 ? Record("web", "r" + i, r.minutes, r.devices.Take(2)) : null,
            })
            .OfType<NormalizedRecord>()
            .ToArray();

    private static IdentifierKey[] PersonIdentifiers(int person) =>
    [
        new("email", $"p{person}@x.com"), new("email", $"p{person}.work@x.com"), new("crm_id", "c" + person),
        new("user_id", "u" + person), new("phone", $"+4479460{person:D4}"), new("esp_id", "s" + person),
    ];

    /// <summary>The reference partition: connected components of the co-observation graph (union-find).</summary>
    private static HashSet<string> ConnectedComponents(IEnumerable<NormalizedRecord> records)
    {
        var parent = new Dictionary<IdentifierKey, IdentifierKey>();
        IdentifierKey Find(IdentifierKey k)
        {
            parent.TryAdd(k, k);
            while (!parent[k].Equals(k))
                k = parent[k] = parent[parent[k]];
            return k;
        }

        foreach (var record in records)
        {
            var first = Find(record.Identifiers[0].Key);
            foreach (var other in record.Identifiers.Skip(1))
                parent[Find(other.Key)] = first;
        }

        return parent.Keys.GroupBy(Find)
            .Select(g => string.Join("|", g.Select(k => k.ToString()).Order(StringComparer.Ordinal)))
            .ToHashSet();
    }
}
