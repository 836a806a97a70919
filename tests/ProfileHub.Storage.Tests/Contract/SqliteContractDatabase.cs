using Microsoft.Data.Sqlite;
using ProfileHub.Core.Admin;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>A real SQLite file in a fresh temporary directory.</summary>
public sealed class SqliteContractDatabase(ContractRules rules, QuarantineSettings? quarantine = null) : IContractDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "profilehub-contract-tests", Guid.NewGuid().ToString("N"));
    private readonly ChangeSignal _signal = new();
    private readonly List<SqliteProfileStore> _open = [];

    public int MaxWriterInstances => 1;

    public async Task<IProfileStore> OpenAsync()
    {
        Directory.CreateDirectory(_directory);
        var store = rules.OpenSqlite(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "profiles.db")}" }, _signal, quarantine);
        _open.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public async Task CloseAsync(IProfileStore store)
    {
        var sqlite = (SqliteProfileStore)store;
        _open.Remove(sqlite);
        await sqlite.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _open)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Nothing was opened, or a file still held by a crashed test stays in the temp directory; harmless.
        }
    }
}
