using Dapper;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests;

public sealed class ResolutionScenarioTests
{
    [Fact]
    public async Task Anonymous_phone_browsing_then_laptop_login_then_email_click_on_the_phone_is_one_profile_with_every_event()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();

        await store.IngestAsync(
            [
                harness.Record("web", "w1", Time.At(0), "page_viewed", ("device_id", "phone-1")),
                harness.Record("web", "w2", Time.At(1), "product_viewed", ("device_id", "phone-1")),
            ],
            CancellationToken.None);
        var login = await LookupTests.IngestOne(store, harness.Record("web", "w3", Time.At(24), "page_viewed", ("device_id", "laptop-1"), ("user_id", "u-42"), ("email", "Sam@Example.com")));
        var click = await LookupTests.IngestOne(store, harness.Record("email", "e1", Time.At(48), "cart_added", ("device_id", "phone-1"), ("email", "sam@example.com ")));

        Assert.Equal(IngestOutcome.Merged, click.Outcome);
        var profile = await store.GetProfileAsync(ProfileKey.ByIdentifier(new IdentifierKey("user_id", "u-42")), CancellationToken.None);
        Assert.NotNull(profile);
        Assert.Contains(login.ProfileId!, new[] { profile.ProfileId }.Concat(profile.MergedProfileIds));
        Assert.Equal(
            new[] { "device_id:laptop-1", "device_id:phone-1", "email:sam@example.com", "user_id:u-42" },
            profile.Identifiers.Select(i => i.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("decision", profile.Stage.Stage);
        // The phone's earlier anonymous events are now part of the person's journey.
        Assert.Equal(["awareness", "consideration", "decision"], profile.StageHistory.Select(t => t.ToStage));
        Assert.Equal(Time.At(0), profile.StageHistory[0].At);
        using var connection = harness.Connect();
        Assert.Equal(4, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM records WHERE profile_id = @Id", new { Id = profile.ProfileId }));
    }

    [Fact]
    public async Task A_kiosk_used_by_five_people_gives_five_profiles_and_the_kiosk_is_marked_shared()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();

        for (var person = 1; person <= 5; person++)
        {
            await LookupTests.IngestOne(store, harness.Record("web", $"k{person}", Time.At(person), "page_viewed", ("device_id", "kiosk"), ("user_id", $"u{person}")));
        }

        var profiles = new HashSet<string>();
        for (var person = 1; person <= 5; person++)
        {
            profiles.Add((await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("user_id", $"u{person}")), CancellationToken.None))!);
        }

        Assert.Equal(5, profiles.Count);
        var kioskOwner = await store.GetProfileAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "kiosk")), CancellationToken.None);
        Assert.True(kioskOwner!.Identifiers.Single(i => i.Key.Type == "device_id").Shared);
        using var connection = harness.Connect();
        Assert.Equal(5, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM profiles"));
    }

    [Fact]
    public async Task Two_crm_contacts_sharing_an_email_are_not_merged_and_the_conflict_is_reported()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();

        var first = await LookupTests.IngestOne(store, harness.Record("crm", "c1", Time.At(0), null, ("crm_id", "CRM-1"), ("email", "family@example.com")));
        var second = await LookupTests.IngestOne(store, harness.Record("crm", "c2", Time.At(1), null, ("crm_id", "CRM-2"), ("email", "family@example.com")));

        Assert.Equal(IngestOutcome.Created, second.Outcome);
        Assert.NotEqual(first.ProfileId, second.ProfileId);
        Assert.Contains("limit:crm_id", second.Message, StringComparison.Ordinal);
        Assert.Equal(first.ProfileId, await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("email", "family@example.com")), CancellationToken.None));
        Assert.Equal(second.ProfileId, await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("crm_id", "CRM-2")), CancellationToken.None));
    }

    [Fact]
    public async Task Email_case_and_whitespace_variants_are_one_identifier()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();

        var results = await store.IngestAsync(
            [
                harness.Record("email", "e1", Time.At(0), "email_opened", ("email", "Jo@Example.com")),
                harness.Record("email", "e2", Time.At(1), "email_opened", ("email", "  jo@example.COM")),
                harness.Record("support", "s1", Time.At(2), null, ("email", "JO@EXAMPLE.COM "), ("support_id", "T-9")),
            ],
            CancellationToken.None);

        Assert.Single(results.Select(r => r.ProfileId).Distinct());
        var profile = await store.GetProfileAsync(ProfileKey.ById(results[0].ProfileId!), CancellationToken.None);
        Assert.Single(profile!.Identifiers, i => i.Key.Type == "email");
    }
}
