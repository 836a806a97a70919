using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Journey;

[Collection(SharedServerCollection.Name)]
public sealed class JourneyTests(ProfileHubServerFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_retail_journey_reaches_advocacy_with_each_transition_at_the_record_that_caused_it()
    {
        var person = TestIds.NewPrefix();
        var journey = JourneyScenarios.Retail(person, Start);

        var stages = new List<string>();
        foreach (var (record, _) in journey)
        {
            await fixture.Channel.IngestAsync(record);
            stages.Add((await fixture.Channel.GetStageAsync(ByIdentifier("device_id", $"{person}-cookie"))).Stage);
        }

        Assert.Equal(["awareness", "consideration", "consideration", "decision", "onboarding", "onboarding", "adoption", "advocacy"], stages);
        await AssertHistoryAsync(ByIdentifier("email", $"{person}@shop.example"), journey);
    }

    [Fact]
    public async Task The_b2b_journey_reaches_adoption_after_three_active_weeks()
    {
        var person = TestIds.NewPrefix();
        var journey = JourneyScenarios.BusinessToBusiness(person, Start);

        await fixture.Channel.IngestEachAsync(journey.Select(j => j.Record));

        var stage = await fixture.Channel.GetStageAsync(ByIdentifier("user_id", $"{person}-user"));
        Assert.Equal("adoption", stage.Stage);
        Assert.Equal(5, stage.StageOrder);
        Assert.Equal(Start.AddDays(31), stage.EnteredAt.ToDateTimeOffset());
        await AssertHistoryAsync(ByIdentifier("email", $"{person}@corp.example"), journey);
    }

    [Fact]
    public async Task The_same_events_arriving_shuffled_give_an_identical_stage_history()
    {
        var inOrder = TestIds.NewPrefix();
        var shuffled = TestIds.NewPrefix();
        await fixture.Channel.IngestEachAsync(JourneyScenarios.Retail(inOrder, Start).Select(j => j.Record));
        var late = JourneyScenarios.Retail(shuffled, Start).Select(j => j.Record).ToList();
        // A fixed permutation that delivers purchases before the cart and the NPS before everything.
        int[] order = [7, 4, 6, 0, 3, 5, 2, 1];

        foreach (var index in order)
        {
            await fixture.Channel.IngestAsync(late[index]);
        }

        var expected = await fixture.Channel.GetProfileAsync(ByIdentifier("email", $"{inOrder}@shop.example"));
        var actual = await fixture.Channel.GetProfileAsync(ByIdentifier("email", $"{shuffled}@shop.example"));
        Assert.Equal(Describe(expected, inOrder), Describe(actual, shuffled));
        Assert.Equal("advocacy", actual.Stage);
    }

    [Fact]
    public async Task Merging_an_anonymous_device_history_into_a_known_customer_moves_the_stage_forward_and_the_feed_says_so()
    {
        var p = TestIds.NewPrefix();
        var device = Id("device_id", $"{p}-tablet");
        var email = Id("email", $"{p}@known.example");
        var customer = (await fixture.Channel.IngestAsync(Event("crm", $"{p}-1", Start, "email_opened", Id("crm_id", $"{p}-crm"), email))).Results[0];
        await fixture.Channel.IngestAsync(Event("web", $"{p}-2", Start.AddHours(1), "product_viewed", device));
        await fixture.Channel.IngestAsync(Event("web", $"{p}-3", Start.AddHours(2), "cart_added", device));
        Assert.Equal("awareness", (await fixture.Channel.GetStageAsync(ByProfileId(customer.ProfileId))).Stage);
        var cursor = await fixture.Channel.CurrentCursorAsync();

        var login = (await fixture.Channel.IngestAsync(Identify("web", $"{p}-4", Start.AddHours(3), device, email))).Results[0];

        // The known customer is the older profile, so it survives and inherits the device's history.
        Assert.Equal(IngestOutcome.Merged, login.Outcome);
        Assert.Equal(customer.ProfileId, login.ProfileId);
        var stage = await fixture.Channel.GetStageAsync(ByIdentifier("crm_id", $"{p}-crm"));
        Assert.Equal("decision", stage.Stage);
        Assert.Equal(Start.AddHours(2), stage.EnteredAt.ToDateTimeOffset());
        var (changes, _) = await fixture.Channel.ReadChangesToEndAsync(cursor);
        var mine = changes.Where(c => c.ProfileId == login.ProfileId).ToList();
        var merged = Assert.Single(mine, c => c.Type == ChangeType.ProfileMerged);
        Assert.Equal(login.MergedProfileIds, merged.MergedProfileIds);
        Assert.Equal($"web/{p}-4", merged.CausedBy);
        var moved = Assert.Single(mine, c => c.Type == ChangeType.StageChanged);
        Assert.Equal("awareness", moved.FromStage);
        Assert.Equal("decision", moved.ToStage);
        Assert.True(changes.IndexOf(merged) < changes.IndexOf(moved), "the merge is reported before the stage change it caused");
    }

    [Fact]
    public async Task GetJourneyStage_as_of_a_past_time_returns_the_stage_in_force_then()
    {
        var person = TestIds.NewPrefix();
        await fixture.Channel.IngestEachAsync(JourneyScenarios.Retail(person, Start).Select(j => j.Record));
        var lookup = ByIdentifier("email", $"{person}@shop.example");

        var beforeAnything = await fixture.Channel.GetStageAsync(lookup, Start.AddMinutes(-1));
        var atDecision = await fixture.Channel.GetStageAsync(lookup, Start.AddHours(3).AddMinutes(30));
        var atOnboardingEntry = await fixture.Channel.GetStageAsync(lookup, Start.AddHours(4));
        var now = await fixture.Channel.GetStageAsync(lookup);

        Assert.Equal(string.Empty, beforeAnything.Stage);
        Assert.Equal(0, beforeAnything.StageOrder);
        Assert.Equal("decision", atDecision.Stage);
        Assert.Equal(Start.AddHours(3), atDecision.EnteredAt.ToDateTimeOffset());
        Assert.Equal(ServedFrom.Store, atDecision.ServedFrom);
        Assert.Equal("onboarding", atOnboardingEntry.Stage);
        Assert.Equal("advocacy", now.Stage);
        Assert.Equal(now.ProfileId, atDecision.ProfileId);
    }

    private async Task AssertHistoryAsync(ProfileLookup lookup, List<(Record Record, string? Enters)> journey)
    {
        var profile = await fixture.Channel.GetProfileAsync(lookup);
        var expected = journey.Where(j => j.Enters is not null).ToList();
        Assert.Equal(expected.Select(j => j.Enters), profile.StageHistory.Select(t => t.ToStage));
        Assert.Equal(expected.Select(j => j.Record.RecordId), profile.StageHistory.Select(t => t.RecordId));
        Assert.Equal(expected.Select(j => j.Record.OccurredAt), profile.StageHistory.Select(t => t.At));
        Assert.Equal(expected.Select(j => j.Record.Source), profile.StageHistory.Select(t => t.Source));
        Assert.Equal(string.Empty, profile.StageHistory[0].FromStage);
        for (var i = 1; i < profile.StageHistory.Count; i++)
        {
            Assert.Equal(profile.StageHistory[i - 1].ToStage, profile.StageHistory[i].FromStage);
            Assert.False(string.IsNullOrEmpty(profile.StageHistory[i].Reason));
        }

        Assert.Equal(expected[^1].Enters, profile.Stage);
    }

    private static List<string> Describe(Profile profile, string person) =>
        profile.StageHistory.Select(t => $"{t.FromStage}->{t.ToStage}@{t.At}:{t.RecordId.Replace(person, "P", StringComparison.Ordinal)}:{t.Reason}").ToList();
}
