using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Journey;

[Collection(SharedServerCollection.Name)]
public sealed class WatchStageChangesTests(ProfileHubServerFixture fixture)
{
    private static readonly HashSet<ChangeType> WatchedKinds =
        [ChangeType.StageChanged, ChangeType.ProfileMerged, ChangeType.ProfileForgotten, ChangeType.AtRiskChanged];

    [Fact]
    public async Task A_watch_from_an_old_cursor_receives_history_then_live_changes_with_no_gap_or_duplicate()
    {
        var p = TestIds.NewPrefix();
        var before = await fixture.Channel.CurrentCursorAsync();
        await fixture.Channel.IngestAsync(Records(p, "h1", 3));
        var middle = await fixture.Channel.CurrentCursorAsync();
        await fixture.Channel.IngestAsync(Records(p, "h2", 3));
        Assert.NotEqual(before, middle);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = fixture.Channel.ServerStreaming(ProfileHubMethods.WatchStageChanges, new WatchStageChangesRequest { Cursor = middle, HeartbeatSeconds = 1 });
        var received = new List<Change>();
        var live = Task.Run(async () =>
        {
            for (var batch = 0; batch < 4; batch++)
            {
                await fixture.Channel.IngestAsync(Records(p, $"l{batch}", 2));
            }
        });
        await live;
        var end = await fixture.Channel.CurrentCursorAsync();
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            var message = watch.ResponseStream.Current;
            if (message.Change is { } change)
            {
                received.Add(change);
            }

            if (message.Cursor == end)
            {
                break;
            }
        }

        var feed = (await fixture.Channel.ReadChangesToEndAsync(middle)).Changes;
        var expected = feed.Take(feed.FindIndex(c => c.Cursor == end) + 1).Where(c => WatchedKinds.Contains(c.Type)).ToList();
        Assert.Equal(expected.Select(c => c.Cursor), received.Select(c => c.Cursor));
        Assert.Equal(expected, received);
        // 3 history + 8 live records of this test, each entering awareness.
        Assert.Equal(11, received.Count(c => c.Type == ChangeType.StageChanged && c.ToStage == "awareness" && c.CausedBy.Contains(p, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_watch_filtered_to_a_stage_receives_only_changes_into_that_stage()
    {
        var p = TestIds.NewPrefix();
        var start = await fixture.Channel.CurrentCursorAsync();
        await fixture.Channel.IngestAsync(
            Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddMinutes(-3), "page_viewed", Id("device_id", $"{p}-a")),
            Event("web", $"{p}-2", DateTimeOffset.UtcNow.AddMinutes(-2), "cart_added", Id("device_id", $"{p}-b")),
            Event("web", $"{p}-3", DateTimeOffset.UtcNow.AddMinutes(-1), "product_viewed", Id("device_id", $"{p}-c")));
        var end = await fixture.Channel.CurrentCursorAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var watch = fixture.Channel.ServerStreaming(ProfileHubMethods.WatchStageChanges, new WatchStageChangesRequest { Cursor = start, HeartbeatSeconds = 1, Stages = { "decision" } });
        var received = new List<Change>();
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            if (watch.ResponseStream.Current.Change is { } change)
            {
                received.Add(change);
            }

            if (watch.ResponseStream.Current.Cursor == end)
            {
                break;
            }
        }

        var stageChange = Assert.Single(received);
        Assert.Equal(ChangeType.StageChanged, stageChange.Type);
        Assert.Equal("decision", stageChange.ToStage);
        Assert.Equal($"web/{p}-2", stageChange.CausedBy);
    }

    [Fact]
    public async Task An_idle_watch_receives_heartbeats_carrying_the_resume_cursor()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var watch = fixture.Channel.ServerStreaming(ProfileHubMethods.WatchStageChanges, new WatchStageChangesRequest { HeartbeatSeconds = 1, Stages = { "advocacy" } });

        var heartbeats = 0;
        while (heartbeats < 2 && await watch.ResponseStream.MoveNext(timeout.Token))
        {
            if (watch.ResponseStream.Current.Heartbeat)
            {
                Assert.Null(watch.ResponseStream.Current.Change);
                Assert.NotEmpty(watch.ResponseStream.Current.Cursor);
                heartbeats++;
            }
        }

        Assert.Equal(2, heartbeats);
    }

    private static Record[] Records(string p, string batch, int count) =>
        Enumerable.Range(0, count)
            .Select(i => Event("web", $"{p}-{batch}-{i}", DateTimeOffset.UtcNow.AddMinutes(-1), "page_viewed", Id("device_id", $"{p}-{batch}-{i}")))
            .ToArray();
}
