using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Cache;

[Collection(SharedServerCollection.Name)]
public sealed class StageCacheTests(ProfileHubServerFixture fixture)
{
    [Fact]
    public async Task GetJourneyStage_is_served_from_the_store_first_then_from_memory()
    {
        var p = TestIds.NewPrefix();
        await fixture.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddMinutes(-1), "cart_added", Id("email", $"{p}@example.com")));

        var first = await fixture.Channel.GetStageAsync(ByIdentifier("email", $"{p}@example.com"));
        var second = await fixture.Channel.GetStageAsync(ByIdentifier("email", $"{p}@example.com"));

        Assert.Equal(ServedFrom.Store, first.ServedFrom);
        Assert.Equal(ServedFrom.Memory, second.ServedFrom);
        Assert.Equal(first.ProfileId, second.ProfileId);
        Assert.Equal("decision", second.Stage);
        Assert.Equal(first.Version, second.Version);
    }

    [Fact]
    public async Task An_ingest_on_the_same_instance_is_visible_to_the_next_read_at_once()
    {
        var p = TestIds.NewPrefix();
        var email = Id("email", $"{p}@example.com");
        await fixture.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddMinutes(-2), "page_viewed", email));
        await fixture.Channel.GetStageAsync(ByIdentifier("email", email.Value));
        Assert.Equal(ServedFrom.Memory, (await fixture.Channel.GetStageAsync(ByIdentifier("email", email.Value))).ServedFrom);

        await fixture.Channel.IngestAsync(Event("web", $"{p}-2", DateTimeOffset.UtcNow.AddMinutes(-1), "purchase_completed", email));

        var after = await fixture.Channel.GetStageAsync(ByIdentifier("email", email.Value));
        Assert.Equal("onboarding", after.Stage);
        Assert.Equal(ServedFrom.Store, after.ServedFrom);
    }
}
