using Dapper;
using Microsoft.Data.SqlClient;
using ProfileHub.Storage.SqlServer;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>
/// A fresh database on the server named by PROFILEHUB_TEST_SQLSERVER (READ_COMMITTED_SNAPSHOT on, as
/// production should run), dropped afterwards. The login needs CREATE DATABASE.
/// </summary>
public sealed class SqlServerContractDatabase : IContractDatabase
{
    public const string Variable = "PROFILEHUB_TEST_SQLSERVER";

    private readonly ContractRules _rules;
    private readonly string _server;
    private readonly string _database = "profilehub_test_" + Guid.NewGuid().ToString("N");
    private readonly ChangeSignal _signal = new();
    private readonly List<SqlServerProfileStore> _open = [];
    private bool _created;

    public SqlServerContractDatabase(ContractRules rules)
    {
        _rules = rules;
        _server = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set");
    }

    public int MaxWriterInstances => 4;

    public string ConnectionString => new SqlConnectionStringBuilder(_server) { InitialCatalog = _database }.ConnectionString;

    /// <summary>Creates the database without a schema (once).</summary>
    public async Task CreateEmptyAsync()
    {
        if (_created)
        {
            return;
        }

        await using var master = new SqlConnection(new SqlConnectionStringBuilder(_server) { InitialCatalog = "master" }.ConnectionString);
        await master.OpenAsync();
        await master.ExecuteAsync($"CREATE DATABASE [{_database}]");
        await master.ExecuteAsync($"ALTER DATABASE [{_database}] SET READ_COMMITTED_SNAPSHOT ON");
        _created = true;
    }

    public async Task<IProfileStore> OpenAsync()
    {
        await CreateEmptyAsync();
        var store = _rules.OpenSqlServer(new StorageOptions { Provider = StorageOptions.SqlServerProvider, ConnectionString = ConnectionString }, _signal);
        _open.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public Task CloseAsync(IProfileStore store)
    {
        var sqlServer = (SqlServerProfileStore)store;
        _open.Remove(sqlServer);
        sqlServer.Dispose();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _open)
        {
            store.Dispose();
        }

        if (!_created)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        await using var master = new SqlConnection(new SqlConnectionStringBuilder(_server) { InitialCatalog = "master" }.ConnectionString);
        await master.OpenAsync();
        await master.ExecuteAsync($"ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_database}]");
    }
}
