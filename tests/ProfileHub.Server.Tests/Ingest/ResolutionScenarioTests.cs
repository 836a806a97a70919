using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Ingest;

[Collection(SharedServerCollection.Name)]
public sealed class ResolutionScenarioTests(ProfileHubServerFixture fixture)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-3);

    [Fact]
    public async Task Anonymous_phone_browsing_then_laptop_login_then_email_click_on_the_phone_is_one_profile_with_both_devices_and_every_event()
    {
        var p = TestIds.NewPrefix();
        var results = await fixture.Channel.IngestEachAsync(
        [
            Event("web", $"{p}-w1", Start, "page_viewed", Id("device_id", $"{p}-phone")),
            Event("web", $"{p}-w2", Start.AddHours(1), "product_viewed", Id("device_id", $"{p}-phone")),
            Event("web", $"{p}-w3", Start.AddHours(24), "page_viewed", Id("device_id", $"{p}-laptop"), Id("user_id", $"{p}-u42"), Id("email", $"{p}.Sam@Example.com")),
            Event("email", $"{p}-e1", Start.AddHours(48), "cart_added", Id("device_id", $"{p}-phone"), Id("email", $" {p}.sam@example.com")),
        ]);

        Assert.Equal(IngestOutcome.Merged, results[3].Outcome);
        var profile = await fixture.Channel.GetProfileAsync(ByIdentifier("user_id", $"{p}-u42"));
        Assert.Equal(profile.ProfileId, (await fixture.Channel.GetProfileAsync(ByIdentifier("device_id", $"{p}-phone"))).ProfileId);
        Assert.Equal(
            new[] { $"device_id:{p}-laptop", $"device_id:{p}-phone", $"email:{p}.sam@example.com", $"user_id:{p}-u42" },
            profile.Identifiers.Select(i => $"{i.Type}:{i.Value}").Order(StringComparer.Ordinal));
        Assert.All(profile.Identifiers, i => Assert.False(i.Shared));

        // The phone's anonymous events now belong to the person's journey.
        Assert.Equal("decision", profile.Stage);
        Assert.Equal(["awareness", "consideration", "decision"], profile.StageHistory.Select(t => t.ToStage));
        Assert.Equal([$"{p}-w1", $"{p}-w2", $"{p}-e1"], profile.StageHistory.Select(t => t.RecordId));
        Assert.Equal(Start, profile.StageHistory[0].At.ToDateTimeOffset());
        Assert.Contains(results[2].ProfileId, profile.MergedProfileIds.Append(profile.ProfileId));
    }

    [Fact]
    public async Task A_kiosk_used_by_five_people_gives_five_profiles_and_get_profile_marks_the_kiosk_shared()
    {
        var p = TestIds.NewPrefix();
        var results = await fixture.Channel.IngestEachAsync(Enumerable.Range(1, 5).Select(person =>
            Event("web", $"{p}-k{person}", Start.AddMinutes(person), "page_viewed", Id("device_id", $"{p}-kiosk"), Id("user_id", $"{p}-u{person}"))));

        var profiles = new HashSet<string>(StringComparer.Ordinal);
        for (var person = 1; person <= 5; person++)
        {
            profiles.Add((await fixture.Channel.GetProfileAsync(ByIdentifier("user_id", $"{p}-u{person}"))).ProfileId);
        }

        Assert.Equal(5, profiles.Count);
        Assert.DoesNotContain(results, r => r.Outcome == IngestOutcome.Merged);
        var kioskOwner = await fixture.Channel.GetProfileAsync(ByIdentifier("device_id", $"{p}-kiosk"));
        Assert.True(Assert.Single(kioskOwner.Identifiers, i => i.Type == "device_id").Shared);
        Assert.Single(kioskOwner.Identifiers, i => i.Type == "user_id");
    }

    [Fact]
    public async Task Two_crm_contacts_sharing_an_email_are_not_merged()
    {
        var p = TestIds.NewPrefix();
        var family = Id("email", $"{p}.family@example.com");

        var first = (await fixture.Channel.IngestAsync(Identify("crm", $"{p}-c1", Start, Id("crm_id", $"{p}-CRM-1"), family))).Results[0];
        var second = (await fixture.Channel.IngestAsync(Identify("crm", $"{p}-c2", Start.AddMinutes(1), Id("crm_id", $"{p}-CRM-2"), family))).Results[0];

        Assert.Equal(IngestOutcome.Created, second.Outcome);
        Assert.NotEqual(first.ProfileId, second.ProfileId);
        Assert.Contains("crm_id", second.Error, StringComparison.Ordinal);
        Assert.Equal(first.ProfileId, (await fixture.Channel.GetProfileAsync(ByIdentifier("email", family.Value))).ProfileId);
        var secondProfile = await fixture.Channel.GetProfileAsync(ByIdentifier("crm_id", $"{p}-CRM-2"));
        Assert.Equal(second.ProfileId, secondProfile.ProfileId);
        Assert.DoesNotContain(secondProfile.Identifiers, i => i.Type == "email");
        Assert.Empty(secondProfile.MergedProfileIds);
    }
}
