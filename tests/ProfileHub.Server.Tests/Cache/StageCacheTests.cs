using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Admin;
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

    [Fact]
    public async Task Memory_answers_follow_every_spelling_of_a_lookup_and_are_dropped_when_a_merge_moves_it()
    {
        var p = TestIds.NewPrefix();
        var survivor = (await fixture.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddMinutes(-3), "pricing_viewed", Id("email", $"{p}-a@example.com")))).Results[0];
        var absorbed = (await fixture.Channel.IngestAsync(Event("web", $"{p}-2", DateTimeOffset.UtcNow.AddMinutes(-2), "page_viewed", Id("email", $"{p}-b@example.com")))).Results[0];
        var spellings = new[] { ByIdentifier("email", $"{p}-b@example.com"), ByIdentifier(" Email ", $" {p.ToUpperInvariant()}-B@EXAMPLE.COM"), ByProfileId(absorbed.ProfileId) };
        foreach (var lookup in spellings)
        {
            await fixture.Channel.GetStageAsync(lookup);
            for (var i = 0; i < 3; i++)
            {
                var cached = await fixture.Channel.GetStageAsync(lookup);
                Assert.Equal(ServedFrom.Memory, cached.ServedFrom);
                Assert.Equal(absorbed.ProfileId, cached.ProfileId);
                Assert.Equal("awareness", cached.Stage);
            }
        }

        await fixture.Channel.MergeAsync(ByProfileId(survivor.ProfileId), ByProfileId(absorbed.ProfileId), force: false);

        foreach (var lookup in spellings)
        {
            var after = await fixture.Channel.GetStageAsync(lookup);
            Assert.Equal(survivor.ProfileId, after.ProfileId);
            Assert.Equal("consideration", after.Stage);
        }
    }

    [Fact]
    public async Task A_lookup_as_of_a_past_time_reads_the_store_even_when_memory_holds_the_current_stage()
    {
        var p = TestIds.NewPrefix();
        var email = Id("email", $"{p}@example.com");
        await fixture.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddHours(-2), "page_viewed", email));
        await fixture.Channel.IngestAsync(Event("web", $"{p}-2", DateTimeOffset.UtcNow.AddHours(-1), "cart_added", email));
        await fixture.Channel.GetStageAsync(ByIdentifier("email", email.Value));
        Assert.Equal(ServedFrom.Memory, (await fixture.Channel.GetStageAsync(ByIdentifier("email", email.Value))).ServedFrom);

        var past = await fixture.Channel.GetStageAsync(ByIdentifier("email", email.Value), DateTimeOffset.UtcNow.AddMinutes(-90));

        Assert.Equal(ServedFrom.Store, past.ServedFrom);
        Assert.Equal("awareness", past.Stage);
        Assert.Equal("decision", (await fixture.Channel.GetStageAsync(ByIdentifier("email", email.Value))).Stage);
    }
}
