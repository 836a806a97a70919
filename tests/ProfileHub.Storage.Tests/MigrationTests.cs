using Dapper;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_once_and_reopening_the_file_applies_nothing_again()
    {
        await using var harness = new StoreHarness();
        var first = harness.Open();
        await first.InitializeAsync(CancellationToken.None);
        await first.DisposeAsync();

        List<(long Version, string AppliedAt)> before;
        using (var connection = harness.Connect())
        {
            before = (await connection.QueryAsync<(long, string)>("SELECT version, applied_at FROM schema_version ORDER BY version")).ToList();
        }

        var second = harness.Open();
        await second.InitializeAsync(CancellationToken.None);
        await second.InitializeAsync(CancellationToken.None);
        await second.DisposeAsync();

        using var check = harness.Connect();
        var after = (await check.QueryAsync<(long, string)>("SELECT version, applied_at FROM schema_version ORDER BY version")).ToList();
        Assert.Equal(SqliteMigrator.Embedded.Select(m => (long)m.Version), before.Select(v => v.Version));
        Assert.Equal(before, after);
        var tables = (await check.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet();
        Assert.Superset(new HashSet<string> { "profiles", "profile_aliases", "identifiers", "identifier_people", "records", "stage_transitions", "merges", "changes" }, tables);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_after_start_up()
    {
        await using var harness = new StoreHarness();
        await harness.Open().InitializeAsync(CancellationToken.None);

        using var connection = harness.Connect();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public void Embedded_migrations_are_numbered_from_one_without_gaps()
    {
        var versions = SqliteMigrator.Embedded.Select(m => m.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }
}
