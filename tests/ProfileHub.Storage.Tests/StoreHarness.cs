using Microsoft.Data.Sqlite;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Storage.Sqlite;
using ProfileHub.Storage.Tests.Contract;

namespace ProfileHub.Storage.Tests;

/// <summary>
/// A real SQLite file in a fresh temporary directory, the default Core rules (the same <see cref="ContractRules"/>
/// the contract tests use), and helpers to build validated records. Dispose deletes the directory.
/// </summary>
public sealed class StoreHarness : IAsyncDisposable
{
    private readonly List<SqliteProfileStore> _opened = [];

    public StoreHarness(int maxGroupCommitRecords = 5_000)
    {
        Directory = Path.Combine(Path.GetTempPath(), "profilehub-storage-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "profiles.db");
        Options = new StorageOptions { ConnectionString = $"Data Source={DatabasePath}", MaxGroupCommitRecords = maxGroupCommitRecords };
    }

    public ContractRules Rules { get; } = new();

    public string Directory { get; }

    public string DatabasePath { get; }

    public StorageOptions Options { get; }

    public IdentitySettings IdentitySettings => Rules.IdentitySettings;

    public IdentifierCatalog Catalog => Rules.Catalog;

    public IdentityResolver Resolver => Rules.Resolver;

    public StageCatalog Stages => Rules.Stages;

    public RecordNormalizer Normalizer => Rules.Normalizer;

    public ChangeSignal Signal { get; } = new();

    /// <summary>A new store instance on the harness's file (a "process restart" when the previous one is disposed).</summary>
    public SqliteProfileStore Open()
    {
        var store = Rules.OpenSqlite(Options, Signal);
        _opened.Add(store);
        return store;
    }

    /// <summary>A new in-memory reference graph with the same rules.</summary>
    public IdentityGraph NewGraph() => new(Resolver);

    /// <summary>A connection for assertions on the raw tables.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public NormalizedRecord Record(
        string source,
        string recordId,
        DateTimeOffset occurredAt,
        string? eventName,
        params (string Type, string Value)[] identifiers) =>
        Rules.Record(source, recordId, occurredAt, eventName, identifiers);

    public NormalizedRecord Record(
        string source,
        string recordId,
        DateTimeOffset occurredAt,
        string? eventName,
        IReadOnlyDictionary<string, string>? traits,
        params (string Type, string Value)[] identifiers) =>
        Rules.Record(source, recordId, occurredAt, eventName, traits, identifiers);

    public NormalizedRecord Record(
        string source,
        string recordId,
        DateTimeOffset occurredAt,
        string? eventName,
        IReadOnlyDictionary<string, string>? properties,
        IReadOnlyDictionary<string, string>? traits,
        params (string Type, string Value)[] identifiers) =>
        Rules.Record(source, recordId, occurredAt, eventName, properties, traits, identifiers);

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a crashed test stays behind in the temp directory; harmless.
        }
    }
}
