using Dapper;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests.Durability;

public sealed class PipelinedDurabilityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_ingest_call_is_acknowledged_and_its_changes_reach_the_feed_only_after_the_wal_flush()
    {
        await using var harness = new StoreHarness();
        var (store, flush) = await OpenWithHeldFlushAsync(harness);
        var feedBefore = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        var signalBefore = harness.Signal.LastSequence;

        flush.Hold();
        var ingest = store.IngestAsync([harness.Record("web", "w1", Time.At(0), "page_viewed", ("device_id", "d1"))], CancellationToken.None);
        await flush.WaitForFlushAsync();

        // Committed: the rows are in the database and ordinary reads see them...
        Assert.True(CommittedSequence(harness) > feedBefore);
        Assert.NotNull(await store.GetStageAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "d1")), CancellationToken.None));
        // ...but not durable yet: no ack, and the change feed and its signal stay where they were.
        await Task.Delay(100);
        Assert.False(ingest.IsCompleted);
        Assert.Empty(await store.ListChangesAsync(feedBefore, 100, CancellationToken.None));
        Assert.Equal(feedBefore, await store.GetLastChangeSequenceAsync(CancellationToken.None));
        Assert.Equal(signalBefore, harness.Signal.LastSequence);

        flush.Release();
        var results = await ingest.WaitAsync(Patience);

        Assert.Equal(IngestOutcome.Created, Assert.Single(results).Outcome);
        var changes = await store.ListChangesAsync(feedBefore, 100, CancellationToken.None);
        Assert.NotEmpty(changes);
        Assert.Equal(CommittedSequence(harness), changes[^1].Sequence);
        Assert.Equal(changes[^1].Sequence, await store.GetLastChangeSequenceAsync(CancellationToken.None));
        Assert.Equal(changes[^1].Sequence, harness.Signal.LastSequence);
    }

    [Fact]
    public async Task Groups_committed_while_a_flush_runs_share_the_next_flush()
    {
        // One record per group: each call below is its own group commit.
        await using var harness = new StoreHarness(maxGroupCommitRecords: 1);
        var (store, flush) = await OpenWithHeldFlushAsync(harness);
        flush.Hold();
        var first = store.IngestAsync([harness.Record("web", "w1", Time.At(0), "page_viewed", ("device_id", "d1"))], CancellationToken.None);
        await flush.WaitForFlushAsync();
        var flushesBefore = flush.Flushes;
        var committedBefore = CommittedSequence(harness);

        // The writer is not waiting for the held flush: it commits these meanwhile.
        var later = Enumerable.Range(2, 5)
            .Select(i => store.IngestAsync([harness.Record("web", $"w{i}", Time.At(i), "page_viewed", ("device_id", $"d{i}"))], CancellationToken.None))
            .ToList();
        await WaitUntilAsync(() => CountRecords(harness) == 6);
        Assert.True(CommittedSequence(harness) > committedBefore);
        Assert.All(later, call => Assert.False(call.IsCompleted));

        flush.Release();
        await first.WaitAsync(Patience);
        await Task.WhenAll(later).WaitAsync(Patience);

        // The held flush covered the first group; the five behind it took one more flush, or two
        // when the last group was handed over only after the release (the writer hands each group
        // over right after its commit, so at most that one can miss the second flush).
        Assert.InRange(flush.Flushes - flushesBefore, 2, 3);
    }

    [Fact]
    public async Task A_failed_flush_fails_the_calls_it_covered_and_the_store_then_refuses_writes()
    {
        await using var harness = new StoreHarness();
        var (store, flush) = await OpenWithHeldFlushAsync(harness);
        await store.IngestAsync([harness.Record("web", "w0", Time.At(0), "page_viewed", ("device_id", "d0"))], CancellationToken.None);
        var feedBefore = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        Assert.False(store.RefusesWrites);

        flush.FailWith(new IOException("simulated EIO from fsync"));
        var failed = await Assert.ThrowsAsync<StoreWritesRefusedException>(() =>
            store.IngestAsync([harness.Record("web", "w1", Time.At(1), "page_viewed", ("device_id", "d1"))], CancellationToken.None).WaitAsync(Patience));

        Assert.Contains("not acknowledged", failed.Message, StringComparison.Ordinal);
        Assert.Equal("simulated EIO from fsync", failed.InnerException!.Message);
        Assert.True(store.RefusesWrites);
        // The failed call's changes were committed but never become visible in the feed.
        Assert.True(CommittedSequence(harness) > feedBefore);
        Assert.Empty(await store.ListChangesAsync(feedBefore, 100, CancellationToken.None));

        var flushesAfterFailure = flush.Flushes;
        var recordsAfterFailure = CountRecords(harness);
        var refused = await Assert.ThrowsAsync<StoreWritesRefusedException>(() =>
            store.IngestAsync([harness.Record("web", "w2", Time.At(2), "page_viewed", ("device_id", "d2"))], CancellationToken.None).WaitAsync(Patience));
        Assert.Contains("refuses writes", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreWritesRefusedException>(() =>
            store.SweepAtRiskAsync(Time.At(100), CancellationToken.None).WaitAsync(Patience));
        Assert.Equal(recordsAfterFailure, CountRecords(harness));
        Assert.Equal(flushesAfterFailure, flush.Flushes);
    }

    [Fact]
    public async Task Disposing_the_store_waits_for_the_flush_of_the_last_group()
    {
        await using var harness = new StoreHarness();
        var (store, flush) = await OpenWithHeldFlushAsync(harness);
        flush.Hold();
        var ingest = store.IngestAsync([harness.Record("web", "w1", Time.At(0), "page_viewed", ("device_id", "d1"))], CancellationToken.None);
        await flush.WaitForFlushAsync();

        var disposing = store.DisposeAsync().AsTask();
        await Task.Delay(100);
        Assert.False(disposing.IsCompleted);
        Assert.False(ingest.IsCompleted);

        flush.Release();
        await disposing.WaitAsync(Patience);
        Assert.Equal(IngestOutcome.Created, Assert.Single(await ingest).Outcome);
    }

    [Fact]
    public async Task Every_acknowledged_record_is_there_after_reopening_a_store_that_committed_many_pipelined_groups()
    {
        await using var harness = new StoreHarness(maxGroupCommitRecords: 20);
        var store = harness.Open();
        var flushes = 0;
        store.OpenWalFlush = path => new CountingWalFlush(new WalFileFlush(path), () => Interlocked.Increment(ref flushes));
        const int Callers = 6;
        const int CallsEach = 40;
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var batches = new List<NormalizedRecord>();
            for (var call = 0; call < CallsEach; call++)
            {
                var batch = Enumerable.Range(0, 5)
                    .Select(i => harness.Record("web", $"c{caller}-{call}-{i}", Time.At(call), "page_viewed", ("device_id", $"dev-{caller}-{call}-{i}")))
                    .ToList();
                Assert.Equal(5, (await store.IngestAsync(batch, CancellationToken.None)).Count);
                batches.AddRange(batch);
            }

            return batches;
        })));
        var lastSequence = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        await store.DisposeAsync();
        Assert.InRange(flushes, 2, 1 + (Callers * CallsEach));

        var reopened = harness.Open();
        Assert.Equal(lastSequence, await reopened.GetLastChangeSequenceAsync(CancellationToken.None));
        var replay = await reopened.IngestAsync(acknowledged.SelectMany(b => b).ToList(), CancellationToken.None);
        Assert.Equal(Callers * CallsEach * 5, replay.Count);
        Assert.All(replay, r => Assert.Equal(IngestOutcome.Duplicate, r.Outcome));
        Assert.NotNull(await reopened.GetStageAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "dev-5-39-4")), CancellationToken.None));
    }

    private static async Task<(SqliteProfileStore Store, HeldWalFlush Flush)> OpenWithHeldFlushAsync(StoreHarness harness)
    {
        var store = harness.Open();
        HeldWalFlush? held = null;
        store.OpenWalFlush = path => held = new HeldWalFlush(new WalFileFlush(path));
        await store.InitializeAsync(CancellationToken.None);
        Assert.NotNull(held);
        // The start-up flush has run; tests wait for the flushes their own writes cause.
        await held.WaitForFlushAsync();
        return (store, held);
    }

    private static long CommittedSequence(StoreHarness harness)
    {
        using var connection = harness.Connect();
        return connection.ExecuteScalar<long>("SELECT coalesce(max(seq), 0) FROM changes");
    }

    private static int CountRecords(StoreHarness harness)
    {
        using var connection = harness.Connect();
        return connection.ExecuteScalar<int>("SELECT count(*) FROM records");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }
}
