using Google.Protobuf.WellKnownTypes;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Journey;

/// <summary>Stage listings, the at-risk sweep and funnel figures: they need a store no other test writes to.</summary>
public sealed class DedicatedJourneyServerTests(FastAtRiskServerFixture fixture) : IClassFixture<FastAtRiskServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ListProfilesByStage_pages_five_profiles_two_at_a_time_in_three_stable_pages_and_filters_by_at_risk()
    {
        var p = TestIds.NewPrefix();
        var old = DateTimeOffset.UtcNow.AddDays(-2);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await fixture.Channel.IngestAsync(Event("email", $"{p}-{i}", old, "nps_submitted", Id("email", $"{p}.{i}@example.com")).WithProperty("score", "9"))).Results[0].ProfileId);
        }

        var firstPass = await ListAllAsync("advocacy", null, 2);
        var secondPass = await ListAllAsync("advocacy", null, 2);

        Assert.Equal(3, firstPass.Count);
        Assert.Equal([2, 2, 1], firstPass.Select(page => page.Count));
        var members = firstPass.SelectMany(page => page).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), members);
        Assert.Equal(members.Distinct(StringComparer.Ordinal).Count(), members.Count);
        Assert.Equal(members, secondPass.SelectMany(page => page));

        // The sweep flags all five (old activity past onboarding); fresh activity clears one.
        await Eventually.UntilAsync(async () => (await ListAllAsync("advocacy", true, 2)).Sum(page => page.Count), n => n == 5, Patience, "all five at risk");
        await fixture.Channel.IngestAsync(Event("web", $"{p}-fresh", DateTimeOffset.UtcNow.AddHours(1), "page_viewed", Id("email", $"{p}.3@example.com")));

        var atRisk = (await ListAllAsync("advocacy", true, 2)).SelectMany(page => page).ToList();
        var notAtRisk = (await ListAllAsync("advocacy", false, 2)).SelectMany(page => page).ToList();
        Assert.Equal(ids.Where((_, i) => i != 3).Order(StringComparer.Ordinal), atRisk);
        Assert.Equal([ids[3]], notAtRisk);
    }

    [Fact]
    public async Task The_sweep_flags_an_onboarded_profile_after_inactivity_and_new_activity_clears_it_both_in_the_change_feed()
    {
        var p = TestIds.NewPrefix();
        var cursor = await fixture.Channel.CurrentCursorAsync();
        var email = Id("email", $"{p}@example.com");
        var old = DateTimeOffset.UtcNow.AddDays(-1);
        var profileId = (await fixture.Channel.IngestAsync(
            Event("web", $"{p}-1", old, "cart_added", email),
            Event("web", $"{p}-2", old.AddMinutes(5), "purchase_completed", email))).Results[0].ProfileId;

        var flagged = await Eventually.UntilAsync(() => fixture.Channel.GetStageAsync(ByProfileId(profileId)), s => s.AtRisk, Patience, "flagged at risk");
        Assert.Equal("onboarding", flagged.Stage);

        await fixture.Channel.IngestAsync(Event("web", $"{p}-3", DateTimeOffset.UtcNow.AddHours(1), "page_viewed", email));

        Assert.False((await fixture.Channel.GetStageAsync(ByProfileId(profileId))).AtRisk);
        var flips = (await fixture.Channel.ReadChangesToEndAsync(cursor)).Changes
            .Where(c => c.ProfileId == profileId && c.Type == ChangeType.AtRiskChanged).ToList();
        Assert.Equal([true, false], flips.Select(c => c.AtRisk));
        Assert.Equal("sweep", flips[0].CausedBy);
        Assert.Equal($"web/{p}-3", flips[1].CausedBy);
    }

    [Fact]
    public async Task GetFunnel_matches_hand_computed_figures_for_a_window_and_for_a_source()
    {
        var p = TestIds.NewPrefix();
        var t0 = new DateTimeOffset(2001, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Identifier Person(string name) => Id("email", $"{p}.{name}@funnel.example");
        await fixture.Channel.IngestEachAsync(
        [
            // A: awareness → consideration (+1d) → decision (+3d) → onboarding (+4d)
            Event("web", $"{p}-a1", t0, "page_viewed", Person("a")),
            Event("web", $"{p}-a2", t0.AddDays(1), "product_viewed", Person("a")),
            Event("web", $"{p}-a3", t0.AddDays(3), "cart_added", Person("a")),
            Event("web", $"{p}-a4", t0.AddDays(4), "purchase_completed", Person("a")),
            // B: awareness → consideration (+2d)
            Event("web", $"{p}-b1", t0, "page_viewed", Person("b")),
            Event("web", $"{p}-b2", t0.AddDays(2), "pricing_viewed", Person("b")),
            // C: awareness only
            Event("web", $"{p}-c1", t0, "ad_clicked", Person("c")),
            // D, created by the CRM: straight to consideration, decision a day later
            Event("crm", $"{p}-d1", t0, "webinar_attended", Person("d")),
            Event("web", $"{p}-d2", t0.AddDays(1), "demo_requested", Person("d")),
            // E: outside the window
            Event("web", $"{p}-e1", new DateTimeOffset(2003, 1, 1, 0, 0, 0, TimeSpan.Zero), "page_viewed", Person("e")),
        ]);
        var window = new GetFunnelRequest
        {
            From = Timestamp.FromDateTimeOffset(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2002, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        };

        var all = await fixture.Channel.UnaryAsync(ProfileHubMethods.GetFunnel, window, ProfileHubCalls.Options());
        var crmOnly = await fixture.Channel.UnaryAsync(ProfileHubMethods.GetFunnel, new GetFunnelRequest(window) { Source = "crm" }, ProfileHubCalls.Options());

        // Furthest stages: A onboarding, B consideration, C awareness, D decision (a skipped stage counts as reached).
        Assert.Equal(4, all.Profiles);
        Assert.Equal([4L, 3, 2, 1, 0, 0], all.Stages.Select(s => s.Reached));
        Assert.Equal([3L, 2, 1, 0, 0, 0], all.Stages.Select(s => s.Converted));
        Assert.Equal([0.75, 2d / 3, 0.5, 0, 0, 0], all.Stages.Select(s => s.ConversionRate), new RateComparer());
        Assert.Equal([0.25, 1d / 3, 0.5, 1, 0, 0], all.Stages.Select(s => s.DropOffRate), new RateComparer());
        // Time to next: awareness {A 1d, B 2d}; consideration {A 2d, D 1d}; decision {A 1d}.
        Assert.Equal([1d, 1, 1, -1, -1, -1], all.Stages.Select(s => Days(s.MedianTimeToNext)));
        Assert.Equal([2d, 2, 1, -1, -1, -1], all.Stages.Select(s => Days(s.P90TimeToNext)));

        Assert.Equal(1, crmOnly.Profiles);
        Assert.Equal([1L, 1, 1, 0, 0, 0], crmOnly.Stages.Select(s => s.Reached));
        Assert.Equal([1L, 1, 0, 0, 0, 0], crmOnly.Stages.Select(s => s.Converted));
        Assert.Equal([-1d, 1, -1, -1, -1, -1], crmOnly.Stages.Select(s => Days(s.MedianTimeToNext)));
    }

    private static double Days(Duration? duration) => duration is null ? -1 : duration.ToTimeSpan().TotalDays;

    private async Task<List<List<string>>> ListAllAsync(string stage, bool? atRisk, int pageSize)
    {
        var pages = new List<List<string>>();
        var token = string.Empty;
        do
        {
            var request = new ListProfilesByStageRequest { Stage = stage, PageSize = pageSize, PageToken = token };
            if (atRisk is { } risk)
            {
                request.AtRisk = risk;
            }

            var page = await fixture.Channel.UnaryAsync(ProfileHubMethods.ListProfilesByStage, request, ProfileHubCalls.Options());
            if (page.Profiles.Count > 0)
            {
                pages.Add([.. page.Profiles.Select(m => m.ProfileId)]);
            }

            Assert.All(page.Profiles, m => Assert.Equal(stage, m.Stage));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return pages;
    }

    private sealed class RateComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
