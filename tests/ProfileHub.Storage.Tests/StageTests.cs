using ProfileHub.Core.Changes;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests;

public sealed class StageTests
{
    private static readonly IdentifierKey Shopper = new("user_id", "shopper");

    [Fact]
    public async Task A_retail_journey_is_stored_as_ordered_transitions_with_their_causing_records()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var steps = new (string Event, double Hours)[]
        {
            ("ad_clicked", 0), ("product_viewed", 1), ("cart_added", 2), ("purchase_completed", 3), ("purchase_completed", 24 * 10),
        };
        foreach (var (name, hours) in steps)
        {
            await LookupTests.IngestOne(store, harness.Record("web", $"{name}-{hours}", Time.At(hours), name, ("user_id", "shopper")));
        }

        await LookupTests.IngestOne(store, harness.Record(
            "survey", "nps-1", Time.At(24 * 12), "nps_submitted", new Dictionary<string, string> { ["score"] = "10" }, null, ("user_id", "shopper")));

        var stage = await store.GetStageAsync(ProfileKey.ByIdentifier(Shopper), CancellationToken.None);
        var history = await store.GetStageHistoryAsync(stage!.ProfileId, CancellationToken.None);
        Assert.Equal("advocacy", stage.Stage);
        Assert.Equal(6, stage.StageOrder);
        Assert.Equal(Time.At(24 * 12), stage.EnteredAt);
        Assert.Equal(["awareness", "consideration", "decision", "onboarding", "adoption", "advocacy"], history.Select(t => t.ToStage));
        Assert.Equal([null, "awareness", "consideration", "decision", "onboarding", "adoption"], history.Select(t => t.FromStage));
        Assert.Equal(("web", "cart_added-2"), (history[2].Source, history[2].RecordId));
        Assert.Equal(("survey", "nps-1"), (history[5].Source, history[5].RecordId));

        var stageChanges = (await store.ListChangesAsync(0, 100, CancellationToken.None)).Where(c => c.Kind == ChangeKind.StageChanged).ToList();
        Assert.Equal(history.Select(t => t.ToStage), stageChanges.Select(c => c.ToStage));
        Assert.Equal("web/cart_added-2", stageChanges[2].CausedBy);
    }

    [Fact]
    public async Task A_late_earlier_event_rewrites_the_history_but_keeps_the_current_stage()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        await LookupTests.IngestOne(store, harness.Record("web", "cart", Time.At(5), "cart_added", ("user_id", "shopper")));
        var changesBefore = await store.GetLastChangeSequenceAsync(CancellationToken.None);

        await LookupTests.IngestOne(store, harness.Record("web", "view", Time.At(1), "page_viewed", ("user_id", "shopper")));

        var stage = await store.GetStageAsync(ProfileKey.ByIdentifier(Shopper), CancellationToken.None);
        var history = await store.GetStageHistoryAsync(stage!.ProfileId, CancellationToken.None);
        Assert.Equal("decision", stage.Stage);
        Assert.Equal(Time.At(5), stage.EnteredAt);
        Assert.Equal([("awareness", Time.At(1)), ("decision", Time.At(5))], history.Select(t => (t.ToStage, t.At)));
        Assert.DoesNotContain(await store.ListChangesAsync(changesBefore, 100, CancellationToken.None), c => c.Kind == ChangeKind.StageChanged);
    }

    [Fact]
    public async Task Merging_an_anonymous_device_history_into_a_known_customer_moves_the_stage_forward()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        await LookupTests.IngestOne(store, harness.Record("crm", "c1", Time.At(0), "email_opened", ("crm_id", "C1"), ("email", "k@x.io")));
        var anonymous = await LookupTests.IngestOne(store, harness.Record("web", "w1", Time.At(2), "checkout_started", ("device_id", "tablet")));

        var login = await LookupTests.IngestOne(store, harness.Record("web", "w2", Time.At(3), "page_viewed", ("device_id", "tablet"), ("email", "k@x.io")));

        var profile = await store.GetProfileAsync(ProfileKey.ByIdentifier(new IdentifierKey("crm_id", "C1")), CancellationToken.None);
        Assert.Equal([anonymous.ProfileId!], login.MergedProfileIds);
        Assert.Equal("decision", profile!.Stage.Stage);
        Assert.Equal(["awareness", "decision"], profile.StageHistory.Select(t => t.ToStage));
        Assert.Equal(profile.StageHistory, await store.GetStageHistoryAsync(anonymous.ProfileId!, CancellationToken.None));
    }

    [Fact]
    public async Task Listing_by_stage_pages_in_profile_id_order_without_gaps_or_repeats()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        await store.IngestAsync(
            Enumerable.Range(0, 25).Select(i => harness.Record("web", $"a{i}", Time.At(i), "page_viewed", ("device_id", $"a{i}")))
                .Concat(Enumerable.Range(0, 5).Select(i => harness.Record("web", $"c{i}", Time.At(i), "pricing_viewed", ("device_id", $"c{i}"))))
                .ToList(),
            CancellationToken.None);

        var listed = new List<StageView>();
        string? after = null;
        while (true)
        {
            var page = await store.ListByStageAsync("awareness", null, after, 10, CancellationToken.None);
            listed.AddRange(page);
            if (page.Count < 10)
            {
                break;
            }

            after = page[^1].ProfileId;
            // Profiles arriving between pages land in their place in the order; pages already read stay valid.
            await store.IngestAsync([harness.Record("web", $"late{listed.Count}", Time.At(99), "page_viewed", ("device_id", $"late{listed.Count}"))], CancellationToken.None);
        }

        Assert.Equal(listed.Select(v => v.ProfileId).Order(StringComparer.Ordinal), listed.Select(v => v.ProfileId));
        Assert.Equal(listed.Count, listed.Select(v => v.ProfileId).Distinct().Count());
        Assert.True(listed.Count >= 25);
        Assert.All(listed, v => Assert.Equal("awareness", v.Stage));
        Assert.Equal(5, (await store.ListByStageAsync("consideration", false, null, 100, CancellationToken.None)).Count);
        Assert.Empty(await store.ListByStageAsync("consideration", true, null, 100, CancellationToken.None));
    }

    [Fact]
    public async Task The_at_risk_sweep_flags_inactive_onboarded_profiles_once_and_new_activity_clears_the_flag()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var now = DateTimeOffset.UtcNow;
        var buyer = await LookupTests.IngestOne(store, harness.Record("web", "buy", now.AddDays(-40), "purchase_completed", ("user_id", "buyer")));
        await LookupTests.IngestOne(store, harness.Record("web", "look", now.AddDays(-40), "page_viewed", ("user_id", "browser")));

        var flips = await store.SweepAtRiskAsync(now, CancellationToken.None);
        var again = await store.SweepAtRiskAsync(now, CancellationToken.None);

        Assert.Equal(1, flips);
        Assert.Equal(0, again);
        var flagged = await store.GetStageAsync(ProfileKey.ById(buyer.ProfileId!), CancellationToken.None);
        Assert.True(flagged!.AtRisk);
        Assert.Equal([buyer.ProfileId!], (await store.ListByStageAsync("onboarding", true, null, 10, CancellationToken.None)).Select(v => v.ProfileId));
        var cursor = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        var flagChange = Assert.Single(await store.ListChangesAsync(cursor - 1, 10, CancellationToken.None));
        Assert.Equal((ChangeKind.AtRiskChanged, true), (flagChange.Kind, flagChange.AtRisk));

        await LookupTests.IngestOne(store, harness.Record("web", "back", now, "page_viewed", ("user_id", "buyer")));

        var cleared = await store.GetStageAsync(ProfileKey.ById(buyer.ProfileId!), CancellationToken.None);
        Assert.False(cleared!.AtRisk);
        Assert.True(cleared.Version > flagged.Version);
        Assert.Contains(await store.ListChangesAsync(cursor, 10, CancellationToken.None), c => c.Kind == ChangeKind.AtRiskChanged && c.AtRisk == false);
    }

    [Fact]
    public async Task Stage_timelines_filter_by_first_stage_time_and_by_source()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        await store.IngestAsync(
            [
                harness.Record("web", "early-1", Time.At(0), "page_viewed", ("device_id", "early")),
                harness.Record("web", "early-2", Time.At(1), "cart_added", ("device_id", "early")),
                harness.Record("email", "late-1", Time.At(100), "email_opened", ("esp_id", "late")),
                harness.Record("crm", "nothing", Time.At(50), null, ("crm_id", "no-stage")),
            ],
            CancellationToken.None);

        var all = await store.GetStageTimelinesAsync(null, null, null, CancellationToken.None);
        var window = await store.GetStageTimelinesAsync(Time.At(0), Time.At(50), null, CancellationToken.None);
        var fromEmail = await store.GetStageTimelinesAsync(null, null, "email", CancellationToken.None);
        var fromCrm = await store.GetStageTimelinesAsync(null, null, "crm", CancellationToken.None);

        Assert.Equal(2, all.Count);
        var early = Assert.Single(window);
        Assert.Equal(["awareness", "decision"], early.Select(t => t.ToStage));
        Assert.Equal("late-1", Assert.Single(Assert.Single(fromEmail)).RecordId);
        Assert.Empty(fromCrm);
        Assert.Empty(await store.GetStageTimelinesAsync(Time.At(101), null, null, CancellationToken.None));
    }
}
