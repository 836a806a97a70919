using Google.Protobuf.WellKnownTypes;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Host;

/// <summary>Malformed requests are INVALID_ARGUMENT naming the field; deadlines are honoured.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class RequestValidationTests(ProfileHubServerFixture fixture)
{
    [Fact]
    public async Task Paging_and_page_size_limits_name_the_field()
    {
        var changes = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.UnaryAsync(ProfileHubMethods.ListChanges, new ListChangesRequest { PageSize = 1_001 }, ProfileHubCalls.Options()));
        var listing = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.UnaryAsync(ProfileHubMethods.ListProfilesByStage, new ListProfilesByStageRequest { Stage = "awareness", PageSize = -1 }, ProfileHubCalls.Options()));
        var noStage = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.UnaryAsync(ProfileHubMethods.ListProfilesByStage, new ListProfilesByStageRequest(), ProfileHubCalls.Options()));

        Assert.Equal(StatusCode.InvalidArgument, changes.StatusCode);
        Assert.StartsWith("page_size", changes.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, listing.StatusCode);
        Assert.StartsWith("page_size", listing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, noStage.StatusCode);
        Assert.StartsWith("stage", noStage.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_funnel_window_that_ends_before_it_starts_is_invalid_argument()
    {
        var request = new GetFunnelRequest
        {
            From = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero)),
            To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(ProfileHubMethods.GetFunnel, request, ProfileHubCalls.Options()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("to", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "nirvana", "stages[0]")]
    [InlineData(301, "", "heartbeat_seconds")]
    [InlineData(-1, "", "heartbeat_seconds")]
    public async Task A_watch_with_an_unknown_stage_or_heartbeat_out_of_range_is_invalid_argument(int heartbeatSeconds, string stage, string field)
    {
        var request = new WatchStageChangesRequest { HeartbeatSeconds = heartbeatSeconds };
        if (stage.Length > 0)
        {
            request.Stages.Add(stage);
        }

        using var watch = fixture.Channel.ServerStreaming(ProfileHubMethods.WatchStageChanges, request, ProfileHubCalls.Options());
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_whose_deadline_has_passed_is_deadline_exceeded_not_another_status()
    {
        var p = TestIds.NewPrefix();
        await fixture.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddMinutes(-1), "page_viewed", Id("email", $"{p}@example.com")));

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(
            ProfileHubMethods.GetJourneyStage,
            new GetJourneyStageRequest { Lookup = ByIdentifier("email", $"{p}@example.com") },
            new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
