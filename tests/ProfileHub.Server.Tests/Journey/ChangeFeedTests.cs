using System.Buffers.Text;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Journey;

[Collection(SharedServerCollection.Name)]
public sealed class ChangeFeedTests(ProfileHubServerFixture fixture)
{
    private const int Writers = 8;
    private const int CallsPerWriter = 12;
    private const int RecordsPerCall = 5;

    [Fact]
    public async Task A_cursor_reader_paging_during_concurrent_ingest_sees_every_change_exactly_once_in_order()
    {
        var p = TestIds.NewPrefix();
        var start = await fixture.Channel.CurrentCursorAsync();
        var writersDone = new TaskCompletionSource();
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();

        var reader = Task.Run(async () =>
        {
            var seen = new List<Change>();
            var cursor = start;
            while (true)
            {
                // Read the flag before the page: a page read after all writers finished reaches the end.
                var finished = writersDone.Task.IsCompleted;
                var page = await fixture.Channel.ListChangesAsync(cursor, pageSize: 7);
                seen.AddRange(page.Changes);
                cursor = page.NextCursor;
                if (page.Changes.Count == 0 && finished)
                {
                    return seen;
                }
            }
        });

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var call = 0; call < CallsPerWriter; call++)
            {
                var records = Enumerable.Range(0, RecordsPerCall)
                    .Select(r => Event("web", $"{p}-{w}-{call}-{r}", DateTimeOffset.UtcNow.AddMinutes(-1), "page_viewed", Id("device_id", $"{p}-{w}-{call}-{r}")))
                    .ToArray();
                foreach (var result in (await fixture.Channel.IngestAsync(records)).Results)
                {
                    Assert.Equal(IngestOutcome.Created, result.Outcome);
                    created.Add(result.ProfileId);
                }
            }
        })).ToList();
        await Task.WhenAll(writers);
        writersDone.SetResult();
        var changes = await reader;

        // Each new profile implies exactly two changes: PROFILE_CREATED and STAGE_CHANGED to awareness.
        var mine = changes.Where(c => created.Contains(c.ProfileId)).ToList();
        Assert.Equal(Writers * CallsPerWriter * RecordsPerCall, created.Count);
        Assert.Equal(created.Count * 2, mine.Count);
        Assert.All(mine.GroupBy(c => c.ProfileId), g => Assert.Equal([ChangeType.ProfileCreated, ChangeType.StageChanged], g.Select(c => c.Type)));
        Assert.Equal(changes.Count, changes.Select(c => c.Cursor).Distinct(StringComparer.Ordinal).Count());
        var sequences = changes.Select(c => Sequence(c.Cursor)).ToList();
        Assert.True(sequences.Zip(sequences.Skip(1)).All(pair => pair.First < pair.Second), "cursors strictly increase");
    }

    [Fact]
    public async Task ListChanges_refuses_a_cursor_it_did_not_issue()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.ListChangesAsync("not-a-cursor"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("cursor", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_page_keeps_the_cursor_it_was_given()
    {
        var end = await fixture.Channel.CurrentCursorAsync();

        var page = await fixture.Channel.UnaryAsync(ProfileHubMethods.ListChanges, new ListChangesRequest { Cursor = end }, ProfileHubCalls.Options());

        Assert.Empty(page.Changes);
        Assert.Equal(end, page.NextCursor);
    }

    // The cursor is opaque to callers; the test decodes it only to check the order it promises.
    private static long Sequence(string cursor)
    {
        var bytes = Base64Url.DecodeFromChars(cursor);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
    }
}
