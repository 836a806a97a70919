using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Ingest;

[Collection(SharedServerCollection.Name)]
public sealed class IngestStreamAndReplayTests(ProfileHubServerFixture fixture)
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddHours(-2);

    [Fact]
    public async Task IngestStream_indexes_results_across_batches_in_arrival_order()
    {
        var prefix = TestIds.NewPrefix();
        var batches = new[] { 3, 0, 5, 2 }.Select((size, b) => Batch(prefix, b, size)).ToList();

        using var call = fixture.Channel.ClientStreaming(ProfileHubMethods.IngestStream, ProfileHubCalls.Options());
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        var sent = batches.SelectMany(b => b.Records).ToList();
        Assert.Equal(10, response.Results.Count);
        Assert.Equal(Enumerable.Range(0, 10), response.Results.Select(r => r.Index));
        Assert.Equal(10, response.Created);
        for (var i = 0; i < sent.Count; i++)
        {
            var profile = await fixture.Channel.GetProfileAsync(ByIdentifier("email", sent[i].Identifiers[0].Value));
            Assert.Equal(response.Results[i].ProfileId, profile.ProfileId);
        }
    }

    [Fact]
    public async Task IngestStream_names_a_rejected_record_by_its_index_across_batches()
    {
        var prefix = TestIds.NewPrefix();
        var second = Batch(prefix, 1, 2);
        second.Records[1].Identifiers[0] = Id("emial", "x@example.com");

        using var call = fixture.Channel.ClientStreaming(ProfileHubMethods.IngestStream, ProfileHubCalls.Options());
        await call.RequestStream.WriteAsync(Batch(prefix, 0, 3));
        await call.RequestStream.WriteAsync(second);
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        Assert.Equal(IngestOutcome.Rejected, response.Results[4].Outcome);
        Assert.StartsWith("records[4].identifiers[0].type", response.Results[4].Error, StringComparison.Ordinal);
        Assert.Equal(4, response.Created);
    }

    [Fact]
    public async Task A_replayed_batch_is_all_duplicate_with_the_same_profile_ids()
    {
        var prefix = TestIds.NewPrefix();
        var records = new[]
        {
            Event("web", $"{prefix}-1", At, "page_viewed", Id("device_id", $"{prefix}-phone")),
            Event("web", $"{prefix}-2", At.AddMinutes(1), "product_viewed", Id("device_id", $"{prefix}-phone")),
            Identify("crm", $"{prefix}-3", At.AddMinutes(2), Id("crm_id", $"{prefix}-crm"), Id("email", $"{prefix}@example.com")).WithTrait("name", "Ada"),
            Event("email", $"{prefix}-4", At.AddMinutes(3), "email_clicked", Id("email", $"{prefix}@example.com"), Id("device_id", $"{prefix}-phone")),
        };
        var first = await fixture.Channel.IngestAsync(records);
        Assert.Equal(IngestOutcome.Merged, first.Results[3].Outcome);
        var before = await fixture.Channel.GetProfileAsync(ByIdentifier("crm_id", $"{prefix}-crm"));

        var replay = await fixture.Channel.IngestAsync(records);

        Assert.All(replay.Results, r => Assert.Equal(IngestOutcome.Duplicate, r.Outcome));
        Assert.Equal(4, replay.Duplicate);
        // Each duplicate names the profile its record belongs to now: the survivor of the merge,
        // which every id the first ingest returned (absorbed ones included) still resolves to.
        Assert.All(replay.Results, r => Assert.Equal(before.ProfileId, r.ProfileId));
        foreach (var result in first.Results)
        {
            Assert.Equal(before.ProfileId, (await fixture.Channel.GetProfileAsync(ByProfileId(result.ProfileId))).ProfileId);
        }

        var after = await fixture.Channel.GetProfileAsync(ByIdentifier("crm_id", $"{prefix}-crm"));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.StageHistory, after.StageHistory);
        Assert.Equal(before.Traits, after.Traits);
    }

    [Fact]
    public async Task A_replayed_batch_of_unrelated_records_returns_each_original_profile_id()
    {
        var prefix = TestIds.NewPrefix();
        var batch = Batch(prefix, 0, 5);
        var first = await fixture.Channel.UnaryAsync(ProfileHubMethods.Ingest, batch, ProfileHubCalls.Options());

        var replay = await fixture.Channel.UnaryAsync(ProfileHubMethods.Ingest, batch, ProfileHubCalls.Options());

        Assert.All(replay.Results, r => Assert.Equal(IngestOutcome.Duplicate, r.Outcome));
        Assert.Equal(first.Results.Select(r => r.ProfileId), replay.Results.Select(r => r.ProfileId));
    }

    private static IngestRequest Batch(string prefix, int batch, int size)
    {
        var request = new IngestRequest();
        for (var i = 0; i < size; i++)
        {
            request.Records.Add(Event("web", $"{prefix}-b{batch}-{i}", At, "page_viewed", Id("email", $"{prefix}-b{batch}-{i}@example.com")));
        }

        return request;
    }
}
