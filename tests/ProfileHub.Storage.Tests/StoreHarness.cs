using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Traits;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests;

/// <summary>
/// A real SQLite file in a fresh temporary directory, the default Core rules, and helpers to build
/// validated records. Dispose deletes the directory.
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
        IdentitySettings = new IdentitySettings();
        Catalog = IdentifierCatalog.Create(IdentitySettings);
        Resolver = new IdentityResolver(Catalog, IdentitySettings);
        Stages = StageCatalog.Create(JourneySettings.CreateDefault());
        Normalizer = new RecordNormalizer(Catalog, TimeProvider.System);
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public StorageOptions Options { get; }

    public IdentitySettings IdentitySettings { get; }

    public IdentifierCatalog Catalog { get; }

    public IdentityResolver Resolver { get; }

    public StageCatalog Stages { get; }

    public RecordNormalizer Normalizer { get; }

    public ChangeSignal Signal { get; } = new();

    /// <summary>A new store instance on the harness's file (a "process restart" when the previous one is disposed).</summary>
    public SqliteProfileStore Open()
    {
        var store = new SqliteProfileStore(
            Microsoft.Extensions.Options.Options.Create(Options),
            Signal,
            Resolver,
            new TraitReconciler(new TraitSettings()),
            Stages,
            new StageEvaluator(Stages),
            new AtRiskPolicy(Stages),
            TimeProvider.System,
            NullLogger<SqliteProfileStore>.Instance);
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
        Record(source, recordId, occurredAt, eventName, null, identifiers);

    public NormalizedRecord Record(
        string source,
        string recordId,
        DateTimeOffset occurredAt,
        string? eventName,
        IReadOnlyDictionary<string, string>? traits,
        params (string Type, string Value)[] identifiers) =>
        Record(source, recordId, occurredAt, eventName, null, traits, identifiers);

    public NormalizedRecord Record(
        string source,
        string recordId,
        DateTimeOffset occurredAt,
        string? eventName,
        IReadOnlyDictionary<string, string>? properties,
        IReadOnlyDictionary<string, string>? traits,
        params (string Type, string Value)[] identifiers)
    {
        var incoming = new IncomingRecord(
            source,
            recordId,
            occurredAt,
            identifiers.Select(i => new IncomingIdentifier(i.Type, i.Value)).ToList(),
            eventName,
            properties ?? new Dictionary<string, string>(),
            traits ?? new Dictionary<string, string>());
        var result = Normalizer.Normalize(incoming, string.Empty);
        Assert.True(result.IsValid, result.Error);
        return result.Record;
    }

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
