using Dapper;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests;

/// <summary>
/// Schema version 3 moves records from a table clustered on (source, record_id) to one in arrival
/// order. A file written before that must open, migrate and keep working with nothing lost.
/// </summary>
public sealed class RecordsMigrationTests
{
    // The records table and merge index as schema versions 1 and 2 created them.
    private const string VersionTwoRecords = """
        CREATE TABLE records_v2 (
            source           TEXT    NOT NULL,
            record_id        TEXT    NOT NULL,
            profile_id       TEXT    NOT NULL REFERENCES profiles (profile_id),
            occurred_at      INTEGER NOT NULL,
            event            TEXT    NULL,
            stage_relevant   INTEGER NOT NULL DEFAULT 0,
            properties_json  TEXT    NULL,
            traits_json      TEXT    NULL,
            identifiers_json TEXT    NOT NULL,
            PRIMARY KEY (source, record_id)
        ) WITHOUT ROWID;
        INSERT INTO records_v2 SELECT source, record_id, profile_id, occurred_at, event, stage_relevant, properties_json, traits_json, identifiers_json FROM records;
        DROP TABLE records;
        ALTER TABLE records_v2 RENAME TO records;
        CREATE INDEX ix_records_profile ON records (profile_id, occurred_at);
        CREATE INDEX ix_merges_survivor ON merges (survivor_id);
        DELETE FROM schema_version WHERE version >= 3;
        """;

    private const string RecordRows =
        "SELECT source, record_id, profile_id, occurred_at, event, stage_relevant, properties_json, traits_json, identifiers_json FROM records ORDER BY source, record_id";

    [Fact]
    public async Task A_file_written_with_schema_version_two_keeps_every_record_profile_and_duplicate_check_after_the_upgrade()
    {
        await using var harness = new StoreHarness();
        var history = History(harness);
        var store = harness.Open();
        var first = await store.IngestAsync(history, CancellationToken.None);
        Assert.Contains(first, r => r.Outcome == IngestOutcome.Merged);
        await store.DisposeAsync();

        List<string> recordsBefore;
        using (var connection = harness.Connect())
        {
            await connection.ExecuteAsync(VersionTwoRecords);
            Assert.Contains("WITHOUT ROWID", await connection.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_master WHERE name = 'records'"), StringComparison.Ordinal);
            Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT max(version) FROM schema_version"));
            recordsBefore = await Rows(connection);
        }

        var reopened = harness.Open();
        await reopened.InitializeAsync(CancellationToken.None);

        using (var connection = harness.Connect())
        {
            Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT max(version) FROM schema_version"));
            Assert.DoesNotContain("WITHOUT ROWID", await connection.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_master WHERE name = 'records'"), StringComparison.Ordinal);
            Assert.Equal(recordsBefore, await Rows(connection));
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            Assert.Empty(await connection.QueryAsync("PRAGMA foreign_key_check"));
        }

        // Replays are still recognized through the moved idempotency key (and name today's owner).
        var survivor = first[^1].ProfileId!;
        var replay = await reopened.IngestAsync(history, CancellationToken.None);
        Assert.All(replay, r => Assert.Equal((IngestOutcome.Duplicate, survivor), (r.Outcome, r.ProfileId)));

        // Old records still feed stage evaluation and new records attach to the old profile.
        var later = await reopened.IngestAsync(
            [harness.Record("web", "w-late", Time.At(10), "cart_added", ("device_id", "phone-1"))], CancellationToken.None);
        Assert.Equal(IngestOutcome.Attached, later[0].Outcome);
        Assert.Equal(survivor, later[0].ProfileId);
        var profile = await reopened.GetProfileAsync(ProfileKey.ById(survivor), CancellationToken.None);
        Assert.NotNull(profile);
        Assert.Equal(["awareness", "consideration", "decision"], profile.StageHistory.Select(t => t.ToStage));
        Assert.Equal(3, profile.Identifiers.Count);
        Assert.Single(profile.MergedProfileIds);
    }

    private static List<NormalizedRecord> History(StoreHarness harness) =>
    [
        harness.Record("web", "w-1", Time.At(0), "page_viewed", ("device_id", "phone-1")),
        harness.Record("web", "w-2", Time.At(1), "page_viewed", ("device_id", "laptop-1")),
        harness.Record("email", "e-1", Time.At(2), "email_clicked", ("email", "ann@example.com"), ("device_id", "laptop-1")),
        harness.Record("web", "w-3", Time.At(3), "page_viewed", ("email", "ann@example.com"), ("device_id", "phone-1")),
    ];

    private static async Task<List<string>> Rows(System.Data.IDbConnection connection) =>
        (await connection.QueryAsync(RecordRows)).Select(row => string.Join('|', ((IDictionary<string, object?>)row).Values)).ToList();
}
