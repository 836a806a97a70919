using ProfileHub.Core.Ingest;
using ProfileHub.Storage.Sqlite;
using ProfileHub.Storage.Tests.Contract;

namespace ProfileHub.Storage.Tests.Durability;

public sealed class InMemoryDurabilityTests
{
    [Fact]
    public async Task A_database_without_a_wal_file_acknowledges_after_commit_without_a_flusher()
    {
        var rules = new ContractRules();
        var signal = new ChangeSignal();
        var options = new StorageOptions { ConnectionString = $"Data Source=profilehub-{Guid.NewGuid():N};Mode=Memory;Cache=Shared" };
        await using var store = rules.OpenSqlite(options, signal);
        var walOpened = false;
        store.OpenWalFlush = path =>
        {
            walOpened = true;
            return new WalFileFlush(path);
        };
        // Kept open so the shared in-memory database outlives the store's pooled read connections.
        await using var keepAlive = new Microsoft.Data.Sqlite.SqliteConnection(options.ConnectionString);
        await keepAlive.OpenAsync();

        var results = await store.IngestAsync([rules.Record("web", "w1", Time.At(0), "page_viewed", ("device_id", "d1"))], CancellationToken.None);

        Assert.False(walOpened);
        Assert.Equal(IngestOutcome.Created, Assert.Single(results).Outcome);
        var changes = await store.ListChangesAsync(0, 100, CancellationToken.None);
        Assert.NotEmpty(changes);
        Assert.Equal(changes[^1].Sequence, signal.LastSequence);
        Assert.Equal(changes[^1].Sequence, await store.GetLastChangeSequenceAsync(CancellationToken.None));
        Assert.False(store.RefusesWrites);
    }
}
