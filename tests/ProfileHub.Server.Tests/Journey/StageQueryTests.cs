using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Journey;

[Collection(SharedServerCollection.Name)]
public sealed class StageQueryTests(ProfileHubServerFixture fixture)
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddHours(-3);

    [Fact]
    public async Task ListStages_returns_the_six_default_stages_in_order()
    {
        var response = await fixture.Channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest(), ProfileHubCalls.Options());

        Assert.Equal(["awareness", "consideration", "decision", "onboarding", "adoption", "advocacy"], response.Stages.Select(s => s.Key));
        Assert.Equal([1, 2, 3, 4, 5, 6], response.Stages.Select(s => s.Order));
        Assert.All(response.Stages, s => Assert.False(string.IsNullOrWhiteSpace(s.DisplayName)));
        Assert.All(response.Stages, s => Assert.False(string.IsNullOrWhiteSpace(s.Rule)));
    }

    [Fact]
    public async Task BatchGetJourneyStages_reports_found_not_found_and_invalid_items_without_failing_the_batch()
    {
        var p = TestIds.NewPrefix();
        var created = (await fixture.Channel.IngestAsync(
            Event("web", $"{p}-1", At, "page_viewed", Id("email", $"{p}.one@example.com")),
            Event("web", $"{p}-2", At, "cart_added", Id("email", $"{p}.two@example.com")))).Results;
        var request = new BatchGetJourneyStagesRequest();
        request.Lookups.Add(ByIdentifier("email", $"{p}.ONE@example.com"));
        request.Lookups.Add(ByProfileId($"{p}-nobody"));
        request.Lookups.Add(new ProfileLookup());
        request.Lookups.Add(ByProfileId(created[1].ProfileId));
        request.Lookups.Add(ByIdentifier("emial", "x@example.com"));

        var response = await fixture.Channel.UnaryAsync(ProfileHubMethods.BatchGetJourneyStages, request, ProfileHubCalls.Options());

        Assert.Equal([0, 1, 2, 3, 4], response.Items.Select(i => i.Index));
        Assert.Equal([true, false, false, true, false], response.Items.Select(i => i.Found));
        Assert.Equal(created[0].ProfileId, response.Items[0].Stage.ProfileId);
        Assert.Equal("awareness", response.Items[0].Stage.Stage);
        Assert.Equal("decision", response.Items[3].Stage.Stage);
        Assert.Null(response.Items[1].Stage);
        Assert.StartsWith("lookups[1]", response.Items[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("lookups[2]", response.Items[2].Error, StringComparison.Ordinal);
        Assert.StartsWith("lookups[4].identifier.type", response.Items[4].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchGetJourneyStages_over_a_thousand_lookups_is_resource_exhausted()
    {
        var request = new BatchGetJourneyStagesRequest();
        request.Lookups.AddRange(Enumerable.Range(0, 1_001).Select(i => ByProfileId($"p-{i}")));

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(ProfileHubMethods.BatchGetJourneyStages, request, ProfileHubCalls.Options()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task ListProfilesByStage_refuses_a_token_from_another_stage_and_an_unknown_stage()
    {
        var p = TestIds.NewPrefix();
        await fixture.Channel.IngestAsync(
            Event("web", $"{p}-1", At, "page_viewed", Id("device_id", $"{p}-1")),
            Event("web", $"{p}-2", At, "page_viewed", Id("device_id", $"{p}-2")));
        var first = await fixture.Channel.UnaryAsync(ProfileHubMethods.ListProfilesByStage, new ListProfilesByStageRequest { Stage = "awareness", PageSize = 1 }, ProfileHubCalls.Options());
        Assert.NotEmpty(first.NextPageToken);

        var wrongStage = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(
            ProfileHubMethods.ListProfilesByStage, new ListProfilesByStageRequest { Stage = "decision", PageSize = 1, PageToken = first.NextPageToken }, ProfileHubCalls.Options()));
        var wrongFilter = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(
            ProfileHubMethods.ListProfilesByStage, new ListProfilesByStageRequest { Stage = "awareness", AtRisk = true, PageSize = 1, PageToken = first.NextPageToken }, ProfileHubCalls.Options()));
        var unknownStage = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(
            ProfileHubMethods.ListProfilesByStage, new ListProfilesByStageRequest { Stage = "nirvana" }, ProfileHubCalls.Options()));

        Assert.Equal(StatusCode.InvalidArgument, wrongStage.StatusCode);
        Assert.Contains("page_token", wrongStage.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, wrongFilter.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, unknownStage.StatusCode);
        Assert.Contains("stage", unknownStage.Status.Detail, StringComparison.Ordinal);
    }
}
