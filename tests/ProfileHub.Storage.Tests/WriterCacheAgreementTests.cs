using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests;

/// <summary>
/// The writer keeps profile and identifier rows in memory between records. A store whose caches
/// are switched off reads everything from the file, so both must end with the same results and the
/// same rows for any stream: merges, shared devices, restitched devices and admin writes included.
/// </summary>
public sealed class WriterCacheAgreementTests
{
    private static readonly string[] Types = ["crm_id", "user_id", "email", "device_id"];
    private static readonly int[] ValuesPerType = [3, 5, 6, 7];
    private static readonly string[] Events = ["page_viewed", "product_viewed", "cart_added", "purchase_completed"];

    private static readonly string[] Tables =
    [
        "SELECT type, value, profile_id, raw_value, first_seen, shared FROM identifiers ORDER BY type, value",
        "SELECT type, value, profile_id FROM identifier_people ORDER BY type, value, profile_id",
        "SELECT profile_id, created_at, version, stage, stage_order, stage_entered_at, first_stage_at, at_risk, last_activity_at, traits_json FROM profiles ORDER BY profile_id",
        "SELECT alias_id, profile_id FROM profile_aliases ORDER BY alias_id",
        "SELECT source, record_id, profile_id FROM records ORDER BY source, record_id",
        "SELECT profile_id, seq, from_stage, to_stage, at, record_id FROM stage_transitions ORDER BY profile_id, seq",
        "SELECT seq, kind, profile_id, ids_json, from_stage, to_stage, caused_by FROM changes ORDER BY seq",
    ];

    [Fact]
    public void Writer_caches_never_change_what_a_random_record_stream_stores()
    {
        var identifier = Gen.Choose(0, Types.Length - 1).SelectMany(type => Gen.Choose(0, ValuesPerType[type] - 1).Select(value => (type, value)));
        var record = Gen.Choose(1, 3)
            .SelectMany(count => Gen.ListOf(identifier, count))
            .SelectMany(ids => Gen.Choose(0, Events.Length - 1).Select(e => (Ids: ids.Distinct().ToList(), Event: e)));
        var stream = Gen.Choose(10, 80).SelectMany(length => Gen.ListOf(record, length)).Select(list => list.ToList());
        // Batch size and the admin write between the two halves of the stream, in one number.
        var shape = Gen.Choose(0, 35);

        var property = Prop.ForAll(Arb.From(Gen.Zip(stream, shape)), input =>
            Task.Run(() => Agrees(input.Item1, 1 + (input.Item2 / 3), input.Item2 % 3)).GetAwaiter().GetResult().Count > 0);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), property);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_kiosk_used_by_one_person_after_another_turns_shared_at_the_same_record_with_and_without_caches(int batchSize)
    {
        // Device 6 is the kiosk: every record pairs it with another person's user id (and an own device).
        var stream = Enumerable.Range(0, 12)
            .Select(i => (Ids: new List<(int Type, int Value)> { (3, 6), (1, i % 5), (3, i % 5) }, Event: i % Events.Length))
            .ToList();

        var rows = await Agrees(stream, batchSize, adminStep: 0);

        Assert.Contains(rows, row => row.Contains("|device_id-6|", StringComparison.Ordinal) && row.EndsWith("|1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_identifier_read_before_a_merge_resolves_to_the_survivor_afterwards()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var first = await Ingest(store, harness.Record("web", "w1", Time.At(0), "page_viewed", ("device_id", "laptop")));
        var second = await Ingest(store, harness.Record("web", "w2", Time.At(1), "page_viewed", ("device_id", "phone")));
        // Both devices are now in the writer's cache; one record links them (a merge).
        var merged = await Ingest(store, harness.Record("web", "w3", Time.At(2), "page_viewed", ("device_id", "laptop"), ("device_id", "phone")));
        Assert.Equal(IngestOutcome.Merged, merged.Outcome);
        Assert.Equal([second.ProfileId!], merged.MergedProfileIds);

        var again = await Ingest(store, harness.Record("web", "w4", Time.At(3), "page_viewed", ("device_id", "phone")));

        Assert.Equal(IngestOutcome.Attached, again.Outcome);
        Assert.Equal(first.ProfileId, again.ProfileId);
    }

    [Fact]
    public async Task An_identifier_quarantined_while_cached_stops_linking_at_once()
    {
        await using var harness = new StoreHarness();
        await using var store = harness.Rules.OpenSqlite(harness.Options, harness.Signal, new QuarantineSettings { MaxProfiles = 3 });
        // Each call is its own group commit, so the writer has the email cached when it turns hot.
        for (var i = 0; i < 5; i++)
        {
            await Ingest(store, harness.Record("crm", $"k{i}", Time.At(i), null, ("crm_id", $"K{i}"), ("email", "kiosk@shop.io")));
        }

        var owner = await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("email", "kiosk@shop.io")), CancellationToken.None);
        var anonymous = await Ingest(store, harness.Record("web", "w1", Time.At(6), "page_viewed", ("email", "kiosk@shop.io"), ("device_id", "fresh")));

        Assert.Single(await store.ListQuarantinedAsync(CancellationToken.None));
        Assert.Equal(IngestOutcome.Created, anonymous.Outcome);
        Assert.NotEqual(owner, anonymous.ProfileId);
    }

    private static async Task<IngestResult> Ingest(SqliteProfileStore store, NormalizedRecord record) =>
        (await store.IngestAsync([record], CancellationToken.None))[0];

    private static string Value(int type, int value) => Types[type] == "email" ? $"p{value}@example.com" : $"{Types[type]}-{value}";

    // Runs the stream on a store with caches and one without; returns the rows of the cached one.
    private static async Task<List<string>> Agrees(List<(List<(int Type, int Value)> Ids, int Event)> stream, int batchSize, int adminStep)
    {
        await using var cached = new StoreHarness();
        await using var uncached = new StoreHarness();
        uncached.Options.WriterCacheProfiles = 0;
        var records = stream.Select((r, i) => cached.Record(
            i % 5 == 0 ? "crm" : "web",
            $"r{i % Math.Max(1, stream.Count - 3)}", // a few replays of earlier record ids
            Time.At(i % 7 == 0 ? i - 5 : i), // and some late arrivals
            Events[r.Event],
            r.Ids.Select(id => (Types[id.Type], Value(id.Type, id.Value))).ToArray())).ToList();

        var withCache = await Run(cached, records, batchSize, adminStep);
        var withoutCache = await Run(uncached, records, batchSize, adminStep);

        Assert.Equal(withoutCache.Results, withCache.Results);
        Assert.Equal(withoutCache.Rows, withCache.Rows);
        return withCache.Rows;
    }

    private static async Task<(List<string> Results, List<string> Rows)> Run(StoreHarness harness, List<NormalizedRecord> records, int batchSize, int adminStep)
    {
        var store = harness.Open();
        var results = new List<string>();
        var half = records.Count / 2;
        foreach (var batch in records.Take(half).Chunk(batchSize))
        {
            results.AddRange((await store.IngestAsync(batch, CancellationToken.None)).Select(Describe));
        }

        results.Add(await Administer(store, records[0], records[half - 1], adminStep));

        foreach (var batch in records.Skip(half).Chunk(batchSize))
        {
            results.AddRange((await store.IngestAsync(batch, CancellationToken.None)).Select(Describe));
        }

        using var connection = harness.Connect();
        return (results, Tables.SelectMany(sql => Dump(connection, sql)).ToList());
    }

    // An admin write between two halves of the stream: the writer must forget what it cached.
    private static async Task<string> Administer(SqliteProfileStore store, NormalizedRecord a, NormalizedRecord b, int step)
    {
        var first = ProfileKey.ByIdentifier(a.Identifiers[0].Key);
        var second = ProfileKey.ByIdentifier(b.Identifiers[0].Key);
        try
        {
            return step switch
            {
                0 => await store.MergeAsync(first, second, force: true, "ops", "same person", CancellationToken.None) is var m
                    ? Join(m.ProfileId, m.MergedProfileIds, m.AffectedIdentifiers) : null!,
                1 => await store.SplitAsync(first, SplitEvidence.ByIdentifier(a.Identifiers[0].Key), "ops", "wrong link", CancellationToken.None) is var s
                    ? Join(s.ProfileId, s.NewProfileIds, s.AffectedIdentifiers) : null!,
                _ => await store.ForgetAsync(second, "ops", "erasure request", CancellationToken.None) is var f
                    ? Join(f.ProfileId, f.AliasIds, f.ErasedIdentifiers) : null!,
            };
        }
        catch (Exception ex) when (ex is InvalidFieldException or InvalidOperationException or ProfileNotFoundException)
        {
            // Same input, same refusal on both stores (for example merging a profile into itself).
            return ex.GetType().Name;
        }
    }

    private static string Join(string profileId, IEnumerable<string> ids, IEnumerable<IdentifierKey> keys) =>
        string.Join('|', profileId, string.Join(',', ids), string.Join(',', keys));

    private static string Describe(IngestResult r) =>
        string.Join('|', r.Outcome, r.ProfileId, string.Join(',', r.MergedProfileIds), r.Message);

    private static List<string> Dump(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(sql[..20] + ": " + string.Join('|', values));
        }

        return rows;
    }
}
