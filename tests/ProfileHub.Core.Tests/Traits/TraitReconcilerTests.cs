using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;
using ProfileHub.Core.Traits;

namespace ProfileHub.Core.Tests.Traits;

public sealed class TraitReconcilerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TraitReconciler reconciler = new(new TraitSettings());

    private static NormalizedRecord Record(string source, int minutes, params (string Name, string Value)[] traits) =>
        new(source, "r" + minutes, T0.AddMinutes(minutes), [], null, new Dictionary<string, string>(),
            traits.ToDictionary(t => t.Name, t => t.Value), []);

    private static Dictionary<string, TraitValue> Current(params (string Name, string Value, string Source, int Minutes)[] traits) =>
        traits.ToDictionary(t => t.Name, t => new TraitValue(t.Value, t.Source, T0.AddMinutes(t.Minutes)));

    [Fact]
    public void A_higher_priority_source_wins_even_with_an_older_value()
    {
        var (traits, changed) = reconciler.Apply(Current(("plan", "free", "web", 50)), Record("crm", 10, ("plan", "enterprise")));

        Assert.Equal(new TraitValue("enterprise", "crm", T0.AddMinutes(10)), traits["plan"]);
        Assert.Equal(["plan"], changed);
    }

    [Fact]
    public void A_lower_priority_source_never_overrides()
    {
        var current = Current(("plan", "enterprise", "crm", 10));

        var (traits, changed) = reconciler.Apply(current, Record("web", 99, ("plan", "free")));

        Assert.Equal("enterprise", traits["plan"].Value);
        Assert.Empty(changed);
    }

    [Fact]
    public void Between_equal_priorities_the_later_value_wins_and_a_tie_keeps_the_current_one()
    {
        var current = Current(("city", "Oslo", "support", 10));

        Assert.Equal("Bergen", reconciler.Apply(current, Record("support", 11, ("city", "Bergen"))).Traits["city"].Value);
        Assert.Equal("Oslo", reconciler.Apply(current, Record("support", 9, ("city", "Bergen"))).Traits["city"].Value);
        Assert.Equal("Oslo", reconciler.Apply(current, Record("support", 10, ("city", "Bergen"))).Traits["city"].Value);
    }

    [Fact]
    public void Unlisted_sources_rank_below_every_listed_one()
    {
        var (traits, _) = reconciler.Apply(Current(("name", "Ann", "web", 1)), Record("partner_feed", 100, ("name", "Anne")));
        Assert.Equal("Ann", traits["name"].Value);
    }

    [Fact]
    public void New_traits_are_added_and_listed_as_changed_in_name_order()
    {
        var (traits, changed) = reconciler.Apply(Current(("a", "1", "web", 1)), Record("web", 2, ("z", "26"), ("b", "2")));

        Assert.Equal(3, traits.Count);
        Assert.Equal(["b", "z"], changed);
    }

    [Fact]
    public void Merging_profiles_takes_the_best_value_per_trait_whichever_side_it_is_on()
    {
        var survivor = Current(("plan", "free", "web", 5), ("name", "Ann Lee", "crm", 1));
        var absorbed = Current(("plan", "pro", "crm", 2), ("name", "Annie", "web", 9), ("country", "NO", "email", 3));

        var (traits, changed) = reconciler.Merge(survivor, absorbed);

        Assert.Equal("pro", traits["plan"].Value);
        Assert.Equal("Ann Lee", traits["name"].Value);
        Assert.Equal("NO", traits["country"].Value);
        Assert.Equal(["country", "plan"], changed);
        Assert.Equal(traits.OrderBy(t => t.Key), reconciler.Merge(absorbed, survivor).Traits.OrderBy(t => t.Key));
    }

    [Fact]
    public void A_configured_source_order_replaces_the_default()
    {
        var webFirst = new TraitReconciler(new TraitSettings { SourcePriority = ["web", "crm"] });

        var (traits, _) = webFirst.Apply(Current(("plan", "enterprise", "crm", 50)), Record("web", 1, ("plan", "free")));

        Assert.Equal("free", traits["plan"].Value);
    }

    [Fact]
    public void Applying_records_in_any_order_gives_the_same_traits_when_times_differ()
    {
        var records = new[]
        {
            Record("web", 1, ("plan", "free"), ("city", "Oslo")),
            Record("crm", 2, ("plan", "pro")),
            Record("email", 3, ("city", "Bergen")),
            Record("crm", 4, ("plan", "enterprise")),
            Record("web", 5, ("city", "Trondheim")),
        };

        IReadOnlyDictionary<string, TraitValue> Fold(IEnumerable<NormalizedRecord> order) =>
            order.Aggregate((IReadOnlyDictionary<string, TraitValue>)new Dictionary<string, TraitValue>(), (t, r) => reconciler.Apply(t, r).Traits);

        var forward = Fold(records);
        Assert.Equal(forward.OrderBy(t => t.Key), Fold(records.Reverse()).OrderBy(t => t.Key));
        Assert.Equal("enterprise", forward["plan"].Value);
        Assert.Equal("Bergen", forward["city"].Value);
    }
}
