using ProfileHub.Core.Changes;

namespace ProfileHub.Storage.Tests;

public sealed class ChangeFeedTests
{
    [Fact]
    public async Task A_cursor_reader_sees_every_change_exactly_once_while_ingest_runs_concurrently()
    {
        await using var harness = new StoreHarness(maxGroupCommitRecords: 50);
        var store = harness.Open();
        await store.InitializeAsync(CancellationToken.None);
        using var writersDone = new CancellationTokenSource();

        var seen = new List<ProfileChange>();
        var reader = Task.Run(async () =>
        {
            long cursor = 0;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var page = await store.ListChangesAsync(cursor, 37, CancellationToken.None);
                seen.AddRange(page);
                if (page.Count > 0)
                {
                    cursor = page[^1].Sequence;
                }
                else if (finished)
                {
                    return;
                }
                else
                {
                    await harness.Signal.WaitAsync(cursor, TimeSpan.FromMilliseconds(50), CancellationToken.None);
                }
            }
        });

        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var call = 0; call < 30; call++)
            {
                // Alternating events move people through stages and identifiers merge profiles, so
                // the feed carries every kind the ingest path writes.
                var batch = Enumerable.Range(0, 5).Select(i => harness.Record(
                    "web",
                    $"w{w}-{call}-{i}",
                    Time.At(call),
                    call % 3 == 0 ? "page_viewed" : call % 3 == 1 ? "product_viewed" : "cart_added",
                    ("device_id", $"d{w}-{i}"),
                    ("device_id", $"d{w}-{i}-{call % 4}"))).ToList();
                await store.IngestAsync(batch, CancellationToken.None);
            }
        })).ToList();
        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await reader;

        var last = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        Assert.True(last > 100);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), seen.Select(c => c.Sequence));
        Assert.Contains(seen, c => c.Kind == ChangeKind.ProfileCreated);
        Assert.Contains(seen, c => c.Kind == ChangeKind.StageChanged && c.ToStage == "decision");
        Assert.Contains(seen, c => c.Kind == ChangeKind.IdentifiersChanged);
    }

    [Fact]
    public async Task The_change_signal_is_published_after_commit()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        await store.InitializeAsync(CancellationToken.None);
        var before = harness.Signal.LastSequence;

        await store.IngestAsync([harness.Record("web", "r1", Time.At(0), "page_viewed", ("device_id", "d1"))], CancellationToken.None);

        Assert.True(harness.Signal.LastSequence > before);
        Assert.Equal(await store.GetLastChangeSequenceAsync(CancellationToken.None), harness.Signal.LastSequence);
    }

    [Fact]
    public async Task A_merge_is_one_change_naming_the_absorbed_profiles()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var phone = await LookupTests.IngestOne(store, harness.Record("web", "p1", Time.At(0), "page_viewed", ("device_id", "phone")));
        var laptop = await LookupTests.IngestOne(store, harness.Record("web", "l1", Time.At(1), "page_viewed", ("device_id", "laptop"), ("user_id", "u1")));
        var cursor = await store.GetLastChangeSequenceAsync(CancellationToken.None);

        await LookupTests.IngestOne(store, harness.Record("email", "e1", Time.At(2), "email_clicked", ("device_id", "phone"), ("user_id", "u1")));

        var changes = await store.ListChangesAsync(cursor, 100, CancellationToken.None);
        var merge = Assert.Single(changes, c => c.Kind == ChangeKind.ProfileMerged);
        Assert.Equal(phone.ProfileId, merge.ProfileId);
        Assert.Equal([laptop.ProfileId!], merge.MergedProfileIds);
        Assert.Equal("email/e1", merge.CausedBy);
        Assert.Contains(changes, c => c.Kind == ChangeKind.StageChanged && c.FromStage == "awareness" && c.ToStage == "consideration");
    }
}
