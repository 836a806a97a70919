using Dapper;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests;

public sealed class IngestTests
{
    [Fact]
    public async Task Concurrent_ingest_calls_are_all_acknowledged_and_all_stored()
    {
        await using var harness = new StoreHarness(maxGroupCommitRecords: 64);
        var store = harness.Open();
        const int Callers = 8;
        const int CallsEach = 25;
        const int RecordsEach = 10;

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var acknowledged = 0;
            for (var call = 0; call < CallsEach; call++)
            {
                var batch = Enumerable.Range(0, RecordsEach)
                    .Select(i => harness.Record("web", $"c{caller}-{call}-{i}", Time.At(call), "page_viewed", ("device_id", $"dev-{caller}-{i}")))
                    .ToList();
                var results = await store.IngestAsync(batch, CancellationToken.None);
                Assert.Equal(RecordsEach, results.Count);
                Assert.All(results, r => Assert.Contains(r.Outcome, new[] { IngestOutcome.Created, IngestOutcome.Attached }));
                acknowledged += results.Count;
            }

            return acknowledged;
        })).ToList();

        var total = (await Task.WhenAll(callers)).Sum();

        Assert.Equal(Callers * CallsEach * RecordsEach, total);
        using var connection = harness.Connect();
        Assert.Equal(total, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM records"));
        Assert.Equal(Callers * RecordsEach, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM profiles"));
        var stage = await store.GetStageAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "dev-3-7")), CancellationToken.None);
        Assert.Equal("awareness", stage!.Stage);
    }

    [Fact]
    public async Task A_replayed_batch_is_all_duplicate_and_changes_nothing()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var batch = new[]
        {
            harness.Record("crm", "c1", Time.At(0), null, ("crm_id", "C1"), ("email", "a@x.io")),
            harness.Record("web", "w1", Time.At(1), "page_viewed", ("device_id", "d1"), ("email", "a@x.io")),
            harness.Record("web", "w2", Time.At(2), "cart_added", ("device_id", "d1")),
        };
        var first = await store.IngestAsync(batch, CancellationToken.None);
        var sequence = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        var profile = await store.GetProfileAsync(ProfileKey.ById(first[0].ProfileId!), CancellationToken.None);

        var replay = await store.IngestAsync(batch, CancellationToken.None);

        Assert.All(replay, r => Assert.Equal(IngestOutcome.Duplicate, r.Outcome));
        Assert.Equal(first.Select(r => r.ProfileId), replay.Select(r => r.ProfileId));
        Assert.Equal(sequence, await store.GetLastChangeSequenceAsync(CancellationToken.None));
        var again = await store.GetProfileAsync(ProfileKey.ById(first[0].ProfileId!), CancellationToken.None);
        Assert.Equal(profile!.Stage, again!.Stage);
        Assert.Equal(profile.UpdatedAt, again.UpdatedAt);
    }

    [Fact]
    public async Task A_duplicate_inside_one_batch_is_reported_duplicate_with_the_first_ones_profile()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var record = harness.Record("web", "same", Time.At(0), "page_viewed", ("device_id", "d1"));

        var results = await store.IngestAsync([record, harness.Record("web", "other", Time.At(1), "page_viewed", ("device_id", "d2")), record], CancellationToken.None);

        Assert.Equal(IngestOutcome.Created, results[0].Outcome);
        Assert.Equal(IngestOutcome.Duplicate, results[2].Outcome);
        Assert.Equal(results[0].ProfileId, results[2].ProfileId);
    }

    [Fact]
    public async Task Duplicates_across_concurrent_calls_in_one_group_are_stored_once()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var record = harness.Record("web", "raced", Time.At(0), "page_viewed", ("device_id", "d1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.IngestAsync([record], CancellationToken.None)));

        Assert.Single(results, r => r[0].Outcome == IngestOutcome.Created);
        Assert.Equal(7, results.Count(r => r[0].Outcome == IngestOutcome.Duplicate));
        using var connection = harness.Connect();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM records"));
    }

    [Fact]
    public async Task A_failing_request_does_not_fail_the_others_committed_in_the_same_group()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        // Bypasses the normalizer: the resolver refuses a type the catalog does not know.
        var broken = new NormalizedRecord(
            "web", "bad", Time.At(0),
            [new ObservedIdentifier(new IdentifierKey("no_such_type", "x"), "x")],
            "page_viewed", new Dictionary<string, string>(), new Dictionary<string, string>(), []);

        var calls = Enumerable.Range(0, 20)
            .Select(i => i == 10
                ? store.IngestAsync([broken], CancellationToken.None)
                : store.IngestAsync([harness.Record("web", $"ok{i}", Time.At(i), "page_viewed", ("device_id", $"d{i}"))], CancellationToken.None))
            .ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => calls[10]);
        foreach (var call in calls.Where((_, i) => i != 10))
        {
            Assert.Equal(IngestOutcome.Created, (await call)[0].Outcome);
        }

        using var connection = harness.Connect();
        Assert.Equal(19, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM records"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM records WHERE record_id = 'bad'"));
    }

    [Fact]
    public async Task A_call_cancelled_before_it_is_queued_stores_nothing()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        await store.InitializeAsync(CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.IngestAsync([harness.Record("web", "r1", Time.At(0), "page_viewed", ("device_id", "d1"))], cancelled.Token));

        Assert.Null(await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "d1")), CancellationToken.None));
    }

    [Fact]
    public async Task Traits_reconcile_by_source_priority_and_report_the_changed_names()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var crm = await LookupTests.IngestOne(store, harness.Record("crm", "c1", Time.At(0), null, new Dictionary<string, string> { ["plan"] = "gold" }, ("crm_id", "C1"), ("email", "p@x.io")));
        await LookupTests.IngestOne(store, harness.Record("web", "w1", Time.At(5), null, new Dictionary<string, string> { ["plan"] = "free", ["country"] = "DE" }, ("email", "p@x.io")));

        var profile = await store.GetProfileAsync(ProfileKey.ById(crm.ProfileId!), CancellationToken.None);
        var changes = await store.ListChangesAsync(0, 100, CancellationToken.None);

        Assert.Equal("gold", profile!.Traits["plan"].Value);
        Assert.Equal("DE", profile.Traits["country"].Value);
        Assert.Equal("web", profile.Traits["country"].Source);
        var traitChanges = changes.Where(c => c.Kind == Core.Changes.ChangeKind.TraitsChanged).ToList();
        Assert.Equal(2, traitChanges.Count);
        Assert.Equal(["country"], traitChanges[1].TraitNames);
        Assert.Equal("web/w1", traitChanges[1].CausedBy);
    }

    [Fact]
    public async Task Reads_run_while_the_writer_commits_and_see_whole_profiles()
    {
        await using var harness = new StoreHarness(maxGroupCommitRecords: 20);
        var store = harness.Open();
        await LookupTests.IngestOne(store, harness.Record("crm", "c0", Time.At(0), null, ("crm_id", "C"), ("email", "r@x.io")));
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                var profile = await store.GetProfileAsync(ProfileKey.ByIdentifier(new IdentifierKey("crm_id", "C")), CancellationToken.None);
                Assert.NotNull(profile);
                Assert.Contains(profile.Identifiers, i => i.Key.Type == "email");
                reads++;
            }

            return reads;
        })).ToList();
        for (var call = 0; call < 40; call++)
        {
            await store.IngestAsync(
                Enumerable.Range(0, 10).Select(i => harness.Record("web", $"w{call}-{i}", Time.At(call), "page_viewed", ("device_id", $"d{call}-{i}"), ("email", "r@x.io"))).ToList(),
                CancellationToken.None);
        }

        await stop.CancelAsync();
        var reads = await Task.WhenAll(readers);

        Assert.All(reads, r => Assert.True(r > 0));
        var final = await store.GetProfileAsync(ProfileKey.ByIdentifier(new IdentifierKey("crm_id", "C")), CancellationToken.None);
        // 400 devices were seen with the email; the profile keeps the first 100 (the device_id limit).
        Assert.Equal(100, final!.Identifiers.Count(i => i.Key.Type == "device_id"));
    }

    [Fact]
    public async Task A_call_cancelled_while_queued_behind_a_busy_writer_is_removed_and_stores_nothing()
    {
        // One request per group: the small call cannot start before the large one has committed.
        await using var harness = new StoreHarness(maxGroupCommitRecords: 1);
        var store = harness.Open();
        await store.InitializeAsync(CancellationToken.None);
        var large = store.IngestAsync(
            Enumerable.Range(0, 2_000).Select(i => harness.Record("web", $"big{i}", Time.At(0), "page_viewed", ("device_id", $"b{i}"))).ToList(),
            CancellationToken.None);
        using var caller = new CancellationTokenSource();
        var queued = store.IngestAsync([harness.Record("web", "small", Time.At(1), "page_viewed", ("device_id", "small"))], caller.Token);

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(2_000, (await large).Count);
        Assert.Null(await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "small")), CancellationToken.None));
    }
}
