using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Core.Tests.Identity;

/// <summary>Decision-level rules of the resolver, with hand-built neighborhoods as a store would load them.</summary>
public sealed class IdentityResolverTests
{
    private static readonly DateTimeOffset T0 = FixedClock.Epoch;
    private readonly IdentitySettings settings = new();
    private readonly IdentityResolver resolver;

    public IdentityResolverTests() => resolver = new IdentityResolver(IdentifierCatalog.Create(settings), settings);

    private static NormalizedRecord Record(string recordId, params string[] identifiers) =>
        new("web", recordId, T0, identifiers.Select(i => new ObservedIdentifier(GraphScenario.Key(i), i)).ToList(), null,
            new Dictionary<string, string>(), new Dictionary<string, string>(), []);

    private static ProfileIdentity Profile(string id, int minutes, params (string Type, int Count)[] counts) =>
        new(id, T0.AddMinutes(minutes), counts.ToDictionary(c => c.Type, c => c.Count));

    private static IdentityNeighborhood Neighborhood(IEnumerable<ProfileIdentity> profiles, params (string Identifier, string ProfileId, bool Shared, string[] People)[] linked) =>
        new(linked.ToDictionary(
                l => GraphScenario.Key(l.Identifier),
                l => new LinkedIdentifier(GraphScenario.Key(l.Identifier), l.ProfileId, l.Shared, l.People.ToHashSet())),
            profiles.ToDictionary(p => p.ProfileId));

    [Fact]
    public void No_match_creates_a_profile_named_after_the_record()
    {
        var decision = resolver.Resolve(Record("r1", "email:a@x.com", "device_id:d1"), Neighborhood([]));

        Assert.Equal(IngestOutcome.Created, decision.Outcome);
        Assert.Equal(ProfileIds.ForRecord("web", "r1"), decision.ProfileId);
        Assert.Equal(2, decision.NewIdentifiers.Count);
        Assert.Equal([KeyValuePair.Create(GraphScenario.Key("device_id:d1"), decision.ProfileId)], decision.PeopleSeen);
    }

    [Fact]
    public void Several_matches_merge_into_the_oldest_profile_with_ties_broken_by_id()
    {
        var profiles = new[]
        {
            Profile("p_b", 5, ("email", 1)),
            Profile("p_c", 5, ("phone", 1)),
            Profile("p_z", 9, ("esp_id", 1)),
        };
        var neighborhood = Neighborhood(profiles,
            ("email:a@x.com", "p_b", false, []), ("phone:+14155550100", "p_c", false, []), ("esp_id:s1", "p_z", false, []));

        var decision = resolver.Resolve(Record("r1", "esp_id:s1", "phone:+14155550100", "email:a@x.com"), neighborhood);

        Assert.Equal(IngestOutcome.Merged, decision.Outcome);
        Assert.Equal("p_b", decision.ProfileId);
        Assert.Equal(["p_c", "p_z"], decision.AbsorbedProfileIds);
        Assert.Equal(0, decision.LimitConflicts);
    }

    [Fact]
    public void A_merge_that_would_join_two_crm_ids_keeps_the_record_with_its_highest_priority_identifier()
    {
        var profiles = new[] { Profile("p_old", 1, ("crm_id", 1), ("email", 1)), Profile("p_new", 2, ("crm_id", 1)) };
        var neighborhood = Neighborhood(profiles, ("email:a@x.com", "p_old", false, []), ("crm_id:C-2", "p_new", false, []));

        var decision = resolver.Resolve(Record("r1", "email:a@x.com", "crm_id:C-2"), neighborhood);

        Assert.Equal(IngestOutcome.Attached, decision.Outcome);
        Assert.Equal("p_new", decision.ProfileId);
        Assert.Equal([new UnlinkedIdentifier(GraphScenario.Key("email:a@x.com"), "limit:crm_id")], decision.Unlinked);
        Assert.Equal(1, decision.LimitConflicts);
    }

    [Fact]
    public void A_new_identifier_that_would_push_a_profile_over_its_limit_is_not_linked()
    {
        var profiles = new[] { Profile("p1", 1, ("user_id", 1), ("email", 1)) };
        var neighborhood = Neighborhood(profiles, ("user_id:u1", "p1", false, []));

        var decision = resolver.Resolve(Record("r1", "user_id:u1", "user_id:u2", "email:b@x.com"), neighborhood);

        Assert.Equal(IngestOutcome.Attached, decision.Outcome);
        Assert.Equal("p1", decision.ProfileId);
        Assert.Equal([GraphScenario.Key("email:b@x.com")], decision.NewIdentifiers.Select(i => i.Key));
        Assert.Equal([new UnlinkedIdentifier(GraphScenario.Key("user_id:u2"), "limit:user_id")], decision.Unlinked);
        Assert.Equal(1, decision.LimitConflicts);
    }

    [Fact]
    public void A_record_with_only_a_shared_device_attaches_to_the_profile_it_was_last_stitched_to()
    {
        var neighborhood = Neighborhood([Profile("p_last", 1, ("device_id", 1))], ("device_id:kiosk", "p_last", true, ["p1", "p2", "p3", "p4"]));

        var decision = resolver.Resolve(Record("r1", "device_id:kiosk"), neighborhood);

        Assert.Equal(IngestOutcome.Attached, decision.Outcome);
        Assert.Equal("p_last", decision.ProfileId);
        Assert.Empty(decision.Restitched);
        Assert.Empty(decision.AbsorbedProfileIds);
    }

    [Fact]
    public void A_shared_device_seen_with_a_person_moves_to_that_person_and_never_merges()
    {
        var profiles = new[] { Profile("p_last", 1, ("device_id", 1), ("user_id", 1)), Profile("p_ann", 2, ("email", 1)) };
        var neighborhood = Neighborhood(profiles,
            ("device_id:kiosk", "p_last", true, ["p1", "p2", "p3", "p4"]), ("email:ann@x.com", "p_ann", false, []));

        var decision = resolver.Resolve(Record("r1", "device_id:kiosk", "email:ann@x.com"), neighborhood);

        Assert.Equal(IngestOutcome.Attached, decision.Outcome);
        Assert.Equal("p_ann", decision.ProfileId);
        Assert.Equal([GraphScenario.Key("device_id:kiosk")], decision.Restitched);
        Assert.Equal([new UnlinkedIdentifier(GraphScenario.Key("device_id:kiosk"), UnlinkReasons.SharedDevice)], decision.Unlinked);
    }

    [Fact]
    public void A_device_seen_with_one_person_more_than_the_threshold_becomes_shared()
    {
        var profiles = new[] { Profile("p3", 3, ("device_id", 1), ("user_id", 1)) };
        var neighborhood = Neighborhood(profiles, ("device_id:tablet", "p3", false, ["p1", "p2", "p3"]));

        var decision = resolver.Resolve(Record("r1", "device_id:tablet", "user_id:u4"), neighborhood);

        Assert.Equal(IngestOutcome.Created, decision.Outcome);
        Assert.Equal([GraphScenario.Key("device_id:tablet")], decision.NewlyShared);
        Assert.Equal([GraphScenario.Key("device_id:tablet")], decision.Restitched);
        Assert.Equal([KeyValuePair.Create(GraphScenario.Key("device_id:tablet"), decision.ProfileId)], decision.PeopleSeen);
        Assert.Equal(0, decision.LimitConflicts);
    }

    [Fact]
    public void People_already_in_the_record_cluster_do_not_count_toward_sharing()
    {
        var profiles = new[] { Profile("p3", 3, ("device_id", 1), ("user_id", 1)) };
        var neighborhood = Neighborhood(profiles, ("device_id:tablet", "p3", false, ["p1", "p2", "p3"]), ("user_id:u3", "p3", false, []));

        var decision = resolver.Resolve(Record("r1", "device_id:tablet", "user_id:u3"), neighborhood);

        Assert.Equal(IngestOutcome.Attached, decision.Outcome);
        Assert.Empty(decision.NewlyShared);
        Assert.Empty(decision.PeopleSeen);
    }

    [Fact]
    public void An_anonymous_device_profile_is_stitched_into_the_person_seen_with_it()
    {
        var profiles = new[] { Profile("p_anon", 1, ("device_id", 1)), Profile("p_person", 2, ("user_id", 1), ("device_id", 1)) };
        var neighborhood = Neighborhood(profiles, ("device_id:phone", "p_anon", false, []), ("user_id:u1", "p_person", false, []));

        var decision = resolver.Resolve(Record("r1", "device_id:phone", "user_id:u1"), neighborhood);

        Assert.Equal(IngestOutcome.Merged, decision.Outcome);
        Assert.Equal("p_anon", decision.ProfileId);
        Assert.Equal(["p_person"], decision.AbsorbedProfileIds);
    }

    [Fact]
    public void Check_merge_reports_the_first_violated_limit_by_priority()
    {
        var a = Profile("a", 1, ("crm_id", 1), ("email", 3));
        var b = Profile("b", 2, ("crm_id", 1), ("email", 3));

        var violation = resolver.CheckMerge(a, b);

        Assert.Equal(new LimitViolation("crm_id", 1, 2), violation);
        Assert.Contains("crm_id", violation!.ToException().Message, StringComparison.Ordinal);
        Assert.Null(resolver.CheckMerge(a, Profile("c", 3, ("email", 2))));
    }

    [Fact]
    public void The_same_record_and_neighborhood_always_give_the_same_decision()
    {
        var profiles = new[] { Profile("p1", 1, ("email", 1)), Profile("p2", 1, ("phone", 1)) };
        var neighborhood = Neighborhood(profiles, ("email:a@x.com", "p1", false, []), ("phone:+14155550100", "p2", false, []));
        var record = Record("r1", "phone:+14155550100", "email:a@x.com", "device_id:d9");

        var first = resolver.Resolve(record, neighborhood);
        var second = resolver.Resolve(record with { Identifiers = record.Identifiers.Reverse().ToList() }, neighborhood);

        Assert.Equal(first.ProfileId, second.ProfileId);
        Assert.Equal(first.AbsorbedProfileIds, second.AbsorbedProfileIds);
        Assert.Equal(first.NewIdentifiers, second.NewIdentifiers);
        Assert.Equal(first.PeopleSeen, second.PeopleSeen);
    }
}
